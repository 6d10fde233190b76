"""Argument types of the command line, whose refusals name the bad value in plain words.

`--at WHEN` lets read commands look at the city at another moment, as the playground's clock
does: a date alone means the opening of that day's working hours (09:00 by default), when the
office would look; a date and time without an offset is the city's wall clock.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

from bot.domain.calendar import WorkCalendar

# An issue's public code, as storage numbers them: ZB-<year>-<6 to 9 digits>.
ISSUE_CODE: Final = re.compile(r"ZB-[0-9]{4}-[0-9]{6,9}")
# The years a date may name: far enough for any deadline, and clear of the calendar's ends,
# where counting days would overflow.
FIRST_YEAR, LAST_YEAR = 1970, 2999
AT_HELP = (
    "look at the city as of this moment: YYYY-MM-DD (that day's opening of working hours) "
    "or YYYY-MM-DDTHH:MM (city time unless it has an offset such as +08:00); default now"
)


def whole_number(value: str) -> int:
    """Parse a whole number, e.g. for --limit or a port; the message names the bad value."""
    try:
        return int(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


def positive_number(value: str) -> int:
    """A whole number of 1 or more."""
    number = whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not 1 or more")
    return number


def issue_code(value: str) -> str:
    """An issue's code such as ZB-2026-000123, in capitals; the message shows the form."""
    code = value.strip().upper()
    if not ISSUE_CODE.fullmatch(code):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an issue code such as ZB-2026-000123 "
            "(`zhibao issues list` shows them)"
        )
    return code


def iso_date(value: str) -> date:
    """Parse YYYY-MM-DD, with a message that names the bad value."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date in the form YYYY-MM-DD"
        ) from None
    return _in_range(day, value)


def port_number(value: str) -> int:
    """A TCP port to listen on, 1 to 65535."""
    number = whole_number(value)
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port: give 1 to 65535")
    return number


@dataclass(frozen=True)
class Moment:
    """A moment as typed: a date alone, or a date and time with or without an offset."""

    text: str
    day: date
    at: datetime | None = None

    def resolve(self, calendar: WorkCalendar) -> datetime:
        """The aware moment in the city: a bare date opens its working day."""
        if self.at is None:
            opening = calendar.hours.periods[0][0]
            return datetime.combine(self.day, opening, tzinfo=calendar.tz)
        if self.at.tzinfo is None:
            return self.at.replace(tzinfo=calendar.tz)
        return self.at


def moment(value: str) -> Moment:
    """Parse the value of --at."""
    text = value.strip()
    try:
        return Moment(text, _in_range(date.fromisoformat(text), value))
    except ValueError:
        pass
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM, "
            "optionally with an offset such as +08:00)"
        ) from None
    return Moment(text, _in_range(at.date(), value), at)


def _in_range(day: date, value: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{value!r} is out of range: give a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


def add_at_option(parser: Any) -> None:
    """Give a read command the --at option."""
    parser.add_argument("--at", type=moment, metavar="WHEN", help=AT_HELP)


def now_of(args: argparse.Namespace, calendar: WorkCalendar) -> datetime:
    """The moment the command looks at: --at, else the present."""
    given: Moment | None = getattr(args, "at", None)
    return given.resolve(calendar) if given is not None else datetime.now(UTC)

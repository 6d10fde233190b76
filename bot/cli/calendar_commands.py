"""`zhibao calendar is-workday` and `zhibao calendar add-workdays`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from bot.bootstrap import city_calendar
from bot.cli.output import settings_of


def register(commands: Any) -> None:
    """Add the calendar commands to the parser."""
    calendar = commands.add_parser("calendar", help="the working-day calendar").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    check = calendar.add_parser("is-workday", help="print yes or no, then why")
    check.add_argument("day", type=iso_date, metavar="DATE")
    check.set_defaults(handler=run_is_workday)
    add = calendar.add_parser("add-workdays", help="the date N working days after DATE")
    add.add_argument("day", type=iso_date, metavar="DATE")
    add.add_argument("n", type=int, metavar="N", help="may be negative")
    add.set_defaults(handler=run_add_workdays)


def iso_date(value: str) -> date:
    """Parse YYYY-MM-DD, with a message that names the bad value."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date in the form YYYY-MM-DD"
        ) from None


async def run_is_workday(args: argparse.Namespace) -> int:
    """Print yes or no, and the reason."""
    calendar = city_calendar(settings_of(args))
    day: date = args.day
    working = calendar.is_workday(day)
    weekend = day.weekday() >= 5
    if working:
        why = "make-up working day (调休)" if weekend else "working day"
    else:
        why = "weekend" if weekend else "public holiday"
    print(f"{'yes' if working else 'no'} {day.isoformat()} {day:%A}: {why}")
    _warn_uncovered(calendar.uncovered_years(day, day))
    return 0


async def run_add_workdays(args: argparse.Namespace) -> int:
    """Print the resulting ISO date."""
    calendar = city_calendar(settings_of(args))
    if abs(args.n) > 3650:
        print("zhibao: error: N must be between -3650 and 3650", file=sys.stderr)
        return 2
    result = calendar.add_workdays(args.day, args.n)
    print(f"{result.isoformat()} {result:%A}")
    low, high = sorted((args.day, result))
    _warn_uncovered(calendar.uncovered_years(low, high))
    return 0


def _warn_uncovered(years: list[int]) -> None:
    if years:
        print(
            f"warning: no holiday data for {', '.join(map(str, years))}: only weekends counted "
            "as days off; add [calendar] overrides to zhibao.toml",
            file=sys.stderr,
        )

"""Parsing and validation of calendar inputs: working hours, durations, datetimes, tables."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_source import build_calendar, load_holiday_table
from bot.domain.calendar import DEFAULT_WORKING_HOURS, Duration, HolidayTable, WorkingHours

CAL = build_calendar()
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_default_working_hours() -> None:
    assert DEFAULT_WORKING_HOURS.periods == ((time(9), time(12)), (time(13, 30), time(17, 30)))
    assert DEFAULT_WORKING_HOURS.seconds_per_day == 7 * 3600
    assert WorkingHours.parse([" 9:00 - 12:00 "]).periods == ((time(9), time(12)),)


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        ([], "at least one period"),
        (["9-12"], "HH:MM-HH:MM"),
        (["09:00"], "HH:MM-HH:MM"),
        (["25:00-26:00"], "invalid time"),
        (["09:60-10:00"], "invalid time"),
        (["12:00-09:00"], "must end after"),
        (["09:00-09:00"], "must end after"),
        (["09:00-12:00", "11:00-14:00"], "overlaps"),
        (["13:30-17:30", "09:00-12:00"], "sorted"),
        ("09:00-12:00", "got the string"),
    ],
)
def test_bad_working_hours_are_rejected(specs: list[str] | str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkingHours.parse(specs)


def test_touching_periods_are_allowed() -> None:
    hours = WorkingHours.parse(["09:00-12:00", "12:00-13:00"])
    assert hours.seconds_per_day == 4 * 3600


def test_aware_times_in_working_hours_are_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        WorkingHours(((time(9, tzinfo=SHANGHAI), time(12, tzinfo=SHANGHAI)),))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3d", Duration(3, "days")), ("2h", Duration(2, "hours")), ("15d", Duration(15, "days"))],
)
def test_duration_parse_round_trips(text: str, expected: Duration) -> None:
    assert Duration.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["", "d", "0d", "-1d", "1.5h", "3w", "3 days", "h2"])
def test_bad_durations_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        Duration.parse(text)


def test_bad_duration_fields_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Duration(0, "days")
    with pytest.raises(ValueError, match="unit"):
        Duration(1, "weeks")  # type: ignore[arg-type]


def test_naive_datetimes_are_rejected() -> None:
    naive = datetime(2026, 3, 9, 10)
    aware = naive.replace(tzinfo=SHANGHAI)
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.opening(naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.deadline_after_days(naive, 1)
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.add_working_seconds(naive, 60)
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.working_seconds_between(aware, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        CAL.deadline(naive, Duration.parse("2h"))


def test_bad_counts_are_rejected() -> None:
    moment = datetime(2026, 3, 9, 10, tzinfo=SHANGHAI)
    with pytest.raises(ValueError, match="n >= 1"):
        CAL.deadline_after_days(moment, 0)
    with pytest.raises(ValueError, match=">= 0"):
        CAL.add_working_seconds(moment, -1)
    with pytest.raises(ValueError, match="finite"):
        CAL.add_working_seconds(moment, float("nan"))


def test_conflicting_table_is_rejected() -> None:
    clash = date(2027, 1, 1)
    with pytest.raises(ValueError, match="2027-01-01"):
        HolidayTable(days_off=frozenset({clash}), workdays=frozenset({clash}))
    with pytest.raises(ValueError, match="both a day off and a workday"):
        load_holiday_table(extra_days_off=[clash], extra_workdays=[clash])


def test_unknown_timezone_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown timezone"):
        build_calendar(tz_name="Mars/Olympus_Mons")

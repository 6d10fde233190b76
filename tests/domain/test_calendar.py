"""Examples for the working-day calendar: holidays, filing rules, overrides, coverage."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from bot.calendar_source import build_calendar, load_holiday_table
from bot.domain.calendar import (
    DEFAULT_WORKING_HOURS,
    Duration,
    HolidayTable,
    WorkCalendar,
    WorkingHours,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = build_calendar()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Shanghai wall-clock moment."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_agrees_with_chinesecalendar_on_every_covered_day() -> None:
    day = date(2004, 1, 1)
    while day <= date(2026, 12, 31):
        assert CAL.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_national_day_2026() -> None:
    for day in range(1, 8):
        assert not CAL.is_workday(date(2026, 10, day))
    # Make-up working days (调休) on a Sunday and a Saturday, as the package records them.
    assert date(2026, 9, 20) in chinese_calendar.workdays
    assert date(2026, 10, 10) in chinese_calendar.workdays
    assert CAL.is_workday(date(2026, 9, 20))
    assert CAL.is_workday(date(2026, 10, 10))
    assert CAL.is_workday(date(2026, 10, 8))
    assert not CAL.is_workday(date(2026, 10, 11))


def test_spring_festival_2026() -> None:
    for day in range(15, 24):
        assert not CAL.is_workday(date(2026, 2, day))
    assert CAL.is_workday(date(2026, 2, 14))
    assert CAL.is_workday(date(2026, 2, 28))
    # Friday before the break: the next working day is the make-up Saturday.
    assert CAL.deadline_after_days(at(2026, 2, 13, 16), 1) == at(2026, 2, 14, 17, 30)
    assert CAL.deadline_after_days(at(2026, 2, 14, 18), 1) == at(2026, 2, 25, 17, 30)


def test_filed_during_hours_ends_next_working_day() -> None:
    assert CAL.deadline_after_days(at(2026, 3, 9, 10), 1) == at(2026, 3, 10, 17, 30)
    assert CAL.deadline_after_days(at(2026, 3, 9, 10), 3) == at(2026, 3, 12, 17, 30)


def test_filed_after_hours_counts_from_next_morning() -> None:
    assert CAL.opening(at(2026, 3, 9, 18)) == at(2026, 3, 10, 9)
    assert CAL.deadline_after_days(at(2026, 3, 9, 18), 1) == at(2026, 3, 11, 17, 30)
    assert CAL.deadline_after_days(at(2026, 3, 9, 17, 30), 1) == at(2026, 3, 11, 17, 30)


def test_working_hours_deadlines() -> None:
    assert CAL.add_working_seconds(at(2026, 3, 9, 11), 2 * 3600) == at(2026, 3, 9, 14, 30)
    assert CAL.deadline(at(2026, 3, 9, 11), Duration.parse("2h")) == at(2026, 3, 9, 14, 30)
    assert CAL.deadline(at(2026, 3, 9, 18), Duration.parse("2h")) == at(2026, 3, 10, 11)


def test_lunch_break_is_not_working_time() -> None:
    assert CAL.opening(at(2026, 3, 9, 12, 30)) == at(2026, 3, 9, 13, 30)
    assert CAL.opening(at(2026, 3, 9, 12)) == at(2026, 3, 9, 13, 30)
    assert CAL.opening(at(2026, 3, 9, 11, 59)) == at(2026, 3, 9, 11, 59)
    assert CAL.deadline(at(2026, 3, 9, 12, 30), Duration.parse("2h")) == at(2026, 3, 9, 15, 30)
    assert CAL.working_seconds_between(at(2026, 3, 9, 11), at(2026, 3, 9, 14)) == 5400


def test_sum_landing_on_period_end_returns_that_end() -> None:
    assert CAL.add_working_seconds(at(2026, 3, 9, 9), 3 * 3600) == at(2026, 3, 9, 12)
    assert CAL.add_working_seconds(at(2026, 3, 9, 9), 7 * 3600) == at(2026, 3, 9, 17, 30)


def test_zero_seconds_returns_start() -> None:
    assert CAL.add_working_seconds(at(2026, 3, 7, 3), 0) == at(2026, 3, 7, 3)


def test_weekends() -> None:
    assert not CAL.is_workday(date(2026, 3, 7))
    assert CAL.deadline(at(2026, 3, 6, 16), Duration.parse("2h")) == at(2026, 3, 9, 9, 30)
    assert CAL.deadline_after_days(at(2026, 3, 7, 10), 1) == at(2026, 3, 10, 17, 30)
    assert CAL.working_seconds_between(at(2026, 3, 6, 17), at(2026, 3, 9, 10)) == 5400


def test_filed_on_a_holiday() -> None:
    filed = at(2026, 10, 3, 10)
    assert CAL.opening(filed) == at(2026, 10, 8, 9)
    assert CAL.deadline_after_days(filed, 1) == at(2026, 10, 9, 17, 30)
    assert CAL.deadline_after_days(filed, 2) == at(2026, 10, 10, 17, 30)
    assert CAL.deadline(filed, Duration.parse("3d")) == at(2026, 10, 12, 17, 30)


def test_escalation_after_a_missed_deadline() -> None:
    one_day = Duration.parse("1d")
    assert CAL.after(at(2026, 3, 10, 17, 30), one_day) == at(2026, 3, 11, 17, 30)
    assert CAL.after(at(2026, 3, 13, 17, 30), one_day) == at(2026, 3, 16, 17, 30)
    assert CAL.after(at(2026, 3, 10, 11), Duration.parse("2h")) == at(2026, 3, 10, 14, 30)
    assert CAL.after(at(2026, 9, 30, 17, 30), one_day) == at(2026, 10, 8, 17, 30)


def test_add_workdays() -> None:
    assert CAL.add_workdays(date(2026, 3, 9), 0) == date(2026, 3, 9)
    assert CAL.add_workdays(date(2026, 3, 7), 0) == date(2026, 3, 9)
    assert CAL.add_workdays(date(2026, 3, 9), 5) == date(2026, 3, 16)
    assert CAL.add_workdays(date(2026, 3, 9), -1) == date(2026, 3, 6)
    assert CAL.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_working_seconds_between_is_signed() -> None:
    a, b = at(2026, 3, 9, 9), at(2026, 3, 10, 9)
    assert CAL.working_seconds_between(a, b) == DEFAULT_WORKING_HOURS.seconds_per_day
    assert CAL.working_seconds_between(b, a) == -DEFAULT_WORKING_HOURS.seconds_per_day
    assert CAL.working_seconds_between(a, a) == 0


def test_results_are_in_calendar_timezone() -> None:
    filed = datetime(2026, 3, 9, 2, tzinfo=UTC)  # 10:00 in Shanghai
    result = CAL.deadline_after_days(filed, 1)
    assert result == at(2026, 3, 10, 17, 30)
    assert result.tzinfo is SHANGHAI
    assert CAL.opening(filed).tzinfo is SHANGHAI


def test_uncovered_year_falls_back_to_weekdays() -> None:
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))
    assert CAL.covers(date(2026, 12, 31))
    assert not CAL.covers(date(2027, 1, 1))
    assert CAL.is_workday(date(2027, 1, 1))  # a Friday; the real holiday is unknown
    assert not CAL.is_workday(date(2027, 1, 2))
    filed = at(2026, 12, 31, 10)
    due = CAL.deadline_after_days(filed, 1)
    assert due == at(2027, 1, 1, 17, 30)
    assert CAL.uncovered_years(filed.date(), due.date()) == [2027]
    assert CAL.uncovered_years(date(2026, 1, 1), date(2026, 12, 31)) == []
    assert CAL.uncovered_years(date(2003, 6, 1), date(2028, 1, 1)) == [2003, 2027, 2028]


def test_overrides_cover_a_new_year() -> None:
    cal = build_calendar(
        extra_days_off=[date(2027, 1, 1)],
        extra_workdays=[date(2027, 1, 9)],
        extra_covered_years=[2027],
    )
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 1, 9))  # a make-up Saturday
    assert cal.covers(date(2027, 6, 1))
    assert cal.uncovered_years(date(2026, 1, 1), date(2027, 12, 31)) == []
    assert cal.deadline_after_days(at(2026, 12, 31, 10), 1) == at(2027, 1, 4, 17, 30)
    assert cal.deadline_after_days(at(2027, 1, 8, 10), 1) == at(2027, 1, 9, 17, 30)


def test_overrides_win_over_the_package() -> None:
    table = load_holiday_table(
        extra_days_off=[date(2026, 9, 20)], extra_workdays=[date(2026, 10, 5)]
    )
    assert date(2026, 9, 20) not in table.workdays
    assert date(2026, 10, 5) not in table.days_off
    cal = WorkCalendar(table, DEFAULT_WORKING_HOURS, SHANGHAI)
    assert not cal.is_workday(date(2026, 9, 20))
    assert cal.is_workday(date(2026, 10, 5))
    assert table.covered_years == frozenset(range(2004, 2027))


def test_holiday_table_merge() -> None:
    base = HolidayTable(
        days_off=frozenset({date(2030, 1, 1), date(2030, 1, 2)}),
        workdays=frozenset({date(2030, 1, 5)}),
        covered_years=frozenset({2030}),
    )
    other = HolidayTable(
        days_off=frozenset({date(2030, 1, 5)}),
        workdays=frozenset({date(2030, 1, 2)}),
        covered_years=frozenset({2031}),
    )
    merged = base.merged(other)
    assert merged.days_off == {date(2030, 1, 1), date(2030, 1, 5)}
    assert merged.workdays == {date(2030, 1, 2)}
    assert merged.covered_years == {2030, 2031}


def test_custom_hours() -> None:
    cal = build_calendar(
        hours=WorkingHours.parse(["08:30-12:00", "14:00-18:00"]), tz_name="Asia/Shanghai"
    )
    assert cal.hours.seconds_per_day == 7.5 * 3600
    assert cal.hours.close_of_business == time(18)
    assert cal.deadline_after_days(at(2026, 3, 9, 10), 1) == at(2026, 3, 10, 18)
    assert cal.add_working_seconds(at(2026, 3, 9, 11), 2 * 3600) == at(2026, 3, 9, 15)

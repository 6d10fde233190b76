"""Builds the working-day calendar from the chinesecalendar package plus config overrides."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar

from bot.domain.calendar import DEFAULT_WORKING_HOURS, HolidayTable, WorkCalendar, WorkingHours

DEFAULT_TIMEZONE = "Asia/Shanghai"


def load_holiday_table(
    extra_days_off: Iterable[date] = (),
    extra_workdays: Iterable[date] = (),
    extra_covered_years: Iterable[int] = (),
) -> HolidayTable:
    """The package's holiday data merged with config overrides, which win on conflicts."""
    days_off: frozenset[date] = frozenset(chinese_calendar.holidays)
    workdays: frozenset[date] = frozenset(chinese_calendar.workdays)
    known = days_off | workdays
    # The package refuses any year outside its data's span, so that span is what it covers.
    covered = frozenset(range(min(known).year, max(known).year + 1))
    package = HolidayTable(days_off=days_off, workdays=workdays, covered_years=covered)
    overrides = HolidayTable(
        days_off=frozenset(extra_days_off),
        workdays=frozenset(extra_workdays),
        covered_years=frozenset(extra_covered_years),
    )
    return package.merged(overrides)


def build_calendar(
    *,
    extra_days_off: Iterable[date] = (),
    extra_workdays: Iterable[date] = (),
    extra_covered_years: Iterable[int] = (),
    hours: WorkingHours = DEFAULT_WORKING_HOURS,
    tz_name: str = DEFAULT_TIMEZONE,
) -> WorkCalendar:
    """A ready-to-use WorkCalendar for the given overrides, working hours and timezone."""
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {tz_name!r}: {exc}") from exc
    table = load_holiday_table(extra_days_off, extra_workdays, extra_covered_years)
    return WorkCalendar(table=table, hours=hours, tz=tz)

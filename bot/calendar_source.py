"""Builds the working-day calendar from the chinesecalendar package plus config overrides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar

from bot.domain.calendar import DEFAULT_WORKING_HOURS, HolidayTable, WorkCalendar, WorkingHours

DEFAULT_TIMEZONE = "Asia/Shanghai"
PACKAGE = "chinesecalendar"


@dataclass(frozen=True)
class YearSource:
    """Where one year's holidays come from: the package, the configuration, or both.

    `days_off` and `workdays` count the dates the configuration lists in that year; a year
    with listed dates that is not in covered_years is `covered` False, so only those dates
    are known.
    """

    year: int
    package: bool
    configured: bool
    days_off: int = 0
    workdays: int = 0

    @property
    def covered(self) -> bool:
        """Whether the year's holidays are fully known."""
        return self.package or self.configured


def package_version() -> str:
    """The installed chinesecalendar's version."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "(version unknown)"


def package_years() -> frozenset[int]:
    """The years the installed chinesecalendar has data for."""
    known = frozenset(chinese_calendar.holidays) | frozenset(chinese_calendar.workdays)
    # The package refuses any year outside its data's span, so that span is what it covers.
    return frozenset(range(min(known).year, max(known).year + 1))


def year_sources(
    extra_days_off: Iterable[date] = (),
    extra_workdays: Iterable[date] = (),
    extra_covered_years: Iterable[int] = (),
) -> list[YearSource]:
    """Each year the package or the configuration says anything about, in order."""
    package = package_years()
    configured = frozenset(extra_covered_years)
    days_off, workdays = list(extra_days_off), list(extra_workdays)
    listed = {d.year for d in (*days_off, *workdays)}
    return [
        YearSource(
            year=year,
            package=year in package,
            configured=year in configured,
            days_off=sum(1 for d in days_off if d.year == year),
            workdays=sum(1 for d in workdays if d.year == year),
        )
        for year in sorted(package | configured | listed)
    ]


def load_holiday_table(
    extra_days_off: Iterable[date] = (),
    extra_workdays: Iterable[date] = (),
    extra_covered_years: Iterable[int] = (),
) -> HolidayTable:
    """The package's holiday data merged with config overrides, which win on conflicts."""
    days_off: frozenset[date] = frozenset(chinese_calendar.holidays)
    workdays: frozenset[date] = frozenset(chinese_calendar.workdays)
    package = HolidayTable(days_off=days_off, workdays=workdays, covered_years=package_years())
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

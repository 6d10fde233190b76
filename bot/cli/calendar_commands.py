"""`zhibao calendar` (the years covered), `calendar is-workday` and `calendar add-workdays`.

A day in a year no holiday source covers is answered "unknown" with exit status 3: the
Monday–Friday fallback would miss that year's holidays and make-up days.
"""

from __future__ import annotations

import argparse
from datetime import date
from itertools import groupby
from typing import Any

from bot.bootstrap import city_calendar
from bot.calendar_source import YearSource, package_version, year_sources
from bot.cli.arguments import iso_date
from bot.cli.output import CommandError, settings_of
from bot.config import Settings
from bot.domain.calendar import WorkCalendar

UNKNOWN = 3
MAX_DAYS = 3650


def register(commands: Any) -> None:
    """Add the calendar commands to the parser."""
    parser = commands.add_parser(
        "calendar", help="the working-day calendar; alone, the years it covers"
    )
    parser.set_defaults(handler=run_years)
    calendar = parser.add_subparsers(dest="action", metavar="ACTION")
    years = calendar.add_parser("years", help="the years with holiday data, and their source")
    years.set_defaults(handler=run_years)
    check = calendar.add_parser(
        "is-workday", help="print yes, no or unknown (exit status 3), then why"
    )
    check.add_argument("day", type=iso_date, metavar="DATE")
    check.set_defaults(handler=run_is_workday)
    add = calendar.add_parser(
        "add-workdays", help="the date N working days after DATE (exit status 3 if unknown)"
    )
    add.add_argument("day", type=iso_date, metavar="DATE")
    add.add_argument("n", type=int, metavar="N", help="may be negative")
    add.set_defaults(handler=run_add_workdays)


async def run_years(args: argparse.Namespace) -> int:
    """Print the covered years, grouped by where their holidays come from."""
    settings = settings_of(args)
    sources = year_sources(
        settings.extra_days_off, settings.extra_workdays, settings.extra_covered_years
    )
    for label, group in groupby(sources, key=lambda s: _source(s, settings)):
        years = [s.year for s in group]
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        print(f"{span:<10}{label}")
    print(
        "other years: not covered; Monday–Friday count as working days there, which misses "
        "their holidays and make-up days (see docs/calendar.md)"
    )
    return 0


def _source(year: YearSource, settings: Settings) -> str:
    file = f"{settings.source or 'zhibao.toml'} [calendar]"
    listed = f"{year.days_off} day(s) off and {year.workdays} make-up working day(s) listed"
    package = f"the chinesecalendar package {package_version()}"
    if year.package and (year.days_off or year.workdays):
        return f"{package}, with {listed} in {file}"
    if year.package:
        return package
    if year.configured:
        return f"{file} covered_years, with {listed}"
    return f"not covered: {listed} in {file}, but the year is not in covered_years"


async def run_is_workday(args: argparse.Namespace) -> int:
    """Print yes, no or unknown, and the reason."""
    calendar = city_calendar(settings_of(args))
    day: date = args.day
    weekend = day.weekday() >= 5
    if not _known(calendar, day):
        guess = "a working day" if not weekend else "a day off"
        print(
            f"unknown {day.isoformat()} {day:%A}: no holiday data for {day.year}; "
            f"Monday–Friday would count it as {guess} (see `zhibao calendar years`)"
        )
        return UNKNOWN
    working = calendar.is_workday(day)
    if working:
        why = "make-up working day (调休)" if weekend else "working day"
    else:
        why = "weekend" if weekend else "public holiday"
    print(f"{'yes' if working else 'no'} {day.isoformat()} {day:%A}: {why}")
    return 0


async def run_add_workdays(args: argparse.Namespace) -> int:
    """Print the resulting date, or that it is unknown when it counts an uncovered year."""
    calendar = city_calendar(settings_of(args))
    if abs(args.n) > MAX_DAYS:
        raise CommandError(f"N must be between -{MAX_DAYS} and {MAX_DAYS}, not {args.n}")
    result = calendar.add_workdays(args.day, args.n)
    low, high = sorted((args.day, result))
    years = calendar.uncovered_years(low, high)
    if years:
        print(
            f"unknown {result.isoformat()} {result:%A}: no holiday data for "
            f"{', '.join(map(str, years))}; counting Monday–Friday only gives this date "
            "(see `zhibao calendar years`)"
        )
        return UNKNOWN
    print(f"{result.isoformat()} {result:%A}")
    return 0


def _known(calendar: WorkCalendar, day: date) -> bool:
    # A date the configuration lists is known even in a year it does not cover in full.
    table = calendar.table
    return calendar.covers(day) or day in table.days_off or day in table.workdays

"""Working-day calendar: statutory holidays, make-up workdays and working hours (design §7).

Working time is measured on the calendar's wall clock; callers pass "now" in, nothing here
reads the clock.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cached_property, lru_cache
from typing import Literal

_ONE_DAY = timedelta(days=1)
_PERIOD_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([dh])\s*$")
_UNITS: dict[str, Literal["days", "hours"]] = {"d": "days", "h": "hours"}


def _parse_clock(hour: str, minute: str, spec: str) -> time:
    """Turn two matched digit groups into a time, naming the whole spec on failure."""
    try:
        return time(int(hour), int(minute))
    except ValueError as exc:
        raise ValueError(f"invalid time in working-hours spec {spec!r}: {exc}") from None


@dataclass(frozen=True)
class WorkingHours:
    """The daily working periods, e.g. 09:00–12:00 and 13:30–17:30."""

    periods: tuple[tuple[time, time], ...]

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("working hours need at least one period")
        previous_end: time | None = None
        for start, end in self.periods:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("working-hours times must be naive wall-clock times")
            if start >= end:
                raise ValueError(
                    f"working period {start:%H:%M}-{end:%H:%M} must end after it starts"
                )
            if previous_end is not None and start < previous_end:
                raise ValueError(
                    f"working period starting {start:%H:%M} overlaps or precedes the one "
                    f"ending {previous_end:%H:%M}; periods must be sorted and disjoint"
                )
            previous_end = end

    @classmethod
    def parse(cls, specs: Sequence[str]) -> WorkingHours:
        """Build working hours from strings like "09:00-12:00"."""
        if isinstance(specs, str):
            # A bare string is a Sequence[str] too; iterating its characters would mislead.
            raise ValueError(f"expected a list of 'HH:MM-HH:MM' strings, got the string {specs!r}")
        periods: list[tuple[time, time]] = []
        for spec in specs:
            match = _PERIOD_RE.match(spec) if isinstance(spec, str) else None
            if match is None:
                raise ValueError(f"working-hours spec {spec!r} is not of the form 'HH:MM-HH:MM'")
            start = _parse_clock(match[1], match[2], spec)
            periods.append((start, _parse_clock(match[3], match[4], spec)))
        return cls(tuple(periods))

    @property
    def seconds_per_day(self) -> float:
        """Working seconds in one full working day."""
        return self.per_day.total_seconds()

    @cached_property
    def per_day(self) -> timedelta:
        """Working time in one full working day."""
        anchor = date(2000, 1, 1)
        return sum(
            (
                datetime.combine(anchor, end) - datetime.combine(anchor, start)
                for start, end in self.periods
            ),
            timedelta(),
        )

    @property
    def close_of_business(self) -> time:
        """End of the last working period of the day."""
        return self.periods[-1][1]


DEFAULT_WORKING_HOURS = WorkingHours.parse(["09:00-12:00", "13:30-17:30"])


@dataclass(frozen=True)
class HolidayTable:
    """Statutory days off and make-up workdays (调休), plus the years they fully describe."""

    days_off: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        clash = self.days_off & self.workdays
        if clash:
            listed = ", ".join(day.isoformat() for day in sorted(clash))
            raise ValueError(f"dates cannot be both a day off and a workday: {listed}")

    def merged(self, other: HolidayTable) -> HolidayTable:
        """Combine two tables; where they disagree about a date, `other` wins."""
        return HolidayTable(
            days_off=(self.days_off - other.workdays) | other.days_off,
            workdays=(self.workdays - other.days_off) | other.workdays,
            covered_years=self.covered_years | other.covered_years,
        )


@dataclass(frozen=True)
class Duration:
    """A response deadline such as "3d" (working days) or "2h" (working hours)."""

    amount: int
    unit: Literal["days", "hours"]

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(f"duration amount must be an integer, got {self.amount!r}")
        if self.amount < 1:
            raise ValueError(f"duration amount must be at least 1, got {self.amount}")
        if self.unit not in ("days", "hours"):
            raise ValueError(f"duration unit must be 'days' or 'hours', got {self.unit!r}")

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse "3d" or "2h" into a duration."""
        if not isinstance(text, str):
            raise ValueError(_duration_refusal(text))
        return _parse_duration(text)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit[0]}"


@lru_cache(maxsize=256)
def _parse_duration(text: str) -> Duration:
    # Every issue read parses its policy snapshot: a handful of texts, each parsed once.
    match = _DURATION_RE.match(text)
    if match is None:
        raise ValueError(_duration_refusal(text))
    return Duration(int(match[1]), _UNITS[match[2]])


def _duration_refusal(text: object) -> str:
    return f"duration {text!r} is not of the form '<N>d' (working days) or '<N>h' (working hours)"


@dataclass(frozen=True)
class WorkCalendar:
    """Working days and hours in one timezone; all datetimes in and out are aware."""

    table: HolidayTable
    hours: WorkingHours
    tz: tzinfo

    def is_workday(self, day: date) -> bool:
        """Whether `day` is a working day; outside the table, Monday–Friday are."""
        if day in self.table.workdays:
            return True
        return day not in self.table.days_off and day.weekday() < 5

    def covers(self, day: date) -> bool:
        """Whether the holiday table fully describes the year of `day`."""
        return day.year in self.table.covered_years

    def uncovered_years(self, start: date, end: date) -> list[int]:
        """Years in [start, end] for which only the Monday–Friday fallback applies."""
        years = range(start.year, end.year + 1)
        return [year for year in years if year not in self.table.covered_years]

    def add_workdays(self, day: date, n: int) -> date:
        """The |n|th working day after (n>0) or before (n<0) `day`; n=0 rolls forward."""
        if n == 0:
            while not self.is_workday(day):
                day += _ONE_DAY
            return day
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_workday(day):
                remaining -= 1
        return day

    def opening(self, moment: datetime) -> datetime:
        """`moment` if it is within working hours, else the start of the next working period."""
        start, _ = next(self._periods_from(self._local(moment)))
        return self._aware(start)

    def deadline_after_days(self, start: datetime, n: int) -> datetime:
        """Close of business on the nth working day after the effective filing day."""
        if n < 1:
            raise ValueError(f"a working-day deadline needs n >= 1, got {n}")
        filed = self._local(self.opening(start)).date()
        last_day = self.add_workdays(filed, n)
        return self._aware(datetime.combine(last_day, self.hours.close_of_business))

    def add_working_seconds(self, start: datetime, seconds: float) -> datetime:
        """The earliest moment at which `seconds` of working time have passed since `start`."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"working seconds must be finite and >= 0, got {seconds!r}")
        # Counting in whole microseconds keeps long sums exact instead of drifting floats.
        return self._add_working(start, timedelta(seconds=seconds))

    def subtract_working_seconds(self, end: datetime, seconds: float) -> datetime:
        """The latest moment from which `seconds` of working time lead up to `end`."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"working seconds must be finite and >= 0, got {seconds!r}")
        local = self._local(end)
        remaining = timedelta(seconds=seconds)
        if not remaining:
            return self._aware(local)
        for period_start, period_end in self._periods_before(local):
            available = period_end - period_start
            if remaining <= available:
                return self._aware(period_end - remaining)
            remaining -= available
        raise AssertionError("unreachable: working periods never run out")

    def working_seconds_between(self, a: datetime, b: datetime) -> float:
        """Working seconds from `a` to `b`; negative when `b` is earlier than `a`."""
        low, high = self._local(a), self._local(b)
        if high < low:
            return -self.working_seconds_between(b, a)
        total = timedelta()
        day = low.date()
        while day <= high.date():
            if self.is_workday(day) and low.date() < day < high.date():
                total += self.hours.per_day
            elif self.is_workday(day):
                for start, end in self.hours.periods:
                    begin = max(datetime.combine(day, start), low)
                    finish = min(datetime.combine(day, end), high)
                    if finish > begin:
                        total += finish - begin
            day += _ONE_DAY
        return total.total_seconds()

    def deadline(self, start: datetime, duration: Duration) -> datetime:
        """The deadline for an issue filed at `start` with the given response duration."""
        if duration.unit == "days":
            return self.deadline_after_days(start, duration.amount)
        return self._add_working(self.opening(start), timedelta(hours=duration.amount))

    def after(self, start: datetime, duration: Duration) -> datetime:
        """`start` plus `duration` of working time, e.g. an escalation one day after a miss."""
        if duration.unit == "days":
            return self._add_working(start, self.hours.per_day * duration.amount)
        return self._add_working(start, timedelta(hours=duration.amount))

    def _add_working(self, start: datetime, remaining: timedelta) -> datetime:
        """The earliest moment at which `remaining` working time has passed since `start`."""
        local = self._local(start)
        if not remaining:
            return self._aware(local)
        for period_start, period_end in self._periods_from(local):
            available = period_end - period_start
            if remaining <= available:
                return self._aware(period_start + remaining)
            remaining -= available
        raise AssertionError("unreachable: working periods never run out")

    def _periods_from(self, local: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working periods not yet over at `local`, the first one clipped to begin at it."""
        day = local.date()
        while True:
            if self.is_workday(day):
                for start, end in self.hours.periods:
                    period_end = datetime.combine(day, end)
                    if period_end > local:
                        yield max(datetime.combine(day, start), local), period_end
            day += _ONE_DAY

    def _periods_before(self, local: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working periods begun before `local`, latest first, the first one clipped at it."""
        day = local.date()
        while True:
            if self.is_workday(day):
                for start, end in reversed(self.hours.periods):
                    period_start = datetime.combine(day, start)
                    if period_start < local:
                        yield period_start, min(datetime.combine(day, end), local)
            day -= _ONE_DAY

    def _local(self, moment: datetime) -> datetime:
        """`moment` as a naive wall-clock time in the calendar's timezone."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"expected a timezone-aware datetime, got naive {moment!r}")
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, local: datetime) -> datetime:
        """Attach the calendar's timezone to a wall-clock time."""
        return local.replace(tzinfo=self.tz)

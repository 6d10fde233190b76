"""Property tests for the working-day calendar over 2004–2028 (covered and fallback years)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar_source import build_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = build_calendar()
PERIOD_ENDS = {end for _, end in CAL.hours.periods}
# A few years of working time, the longest span the calendar is meant to handle quickly.
MAX_SECONDS = 3 * 250 * CAL.hours.seconds_per_day

days = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31))
moments = st.datetimes(
    min_value=datetime(2004, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(SHANGHAI)
)
spans = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3 * 366))
counts = st.integers(min_value=1, max_value=60)


def count_workdays(after: date, through: date) -> int:
    """Working days in (after, through], counted the slow obvious way."""
    total, day = 0, after + timedelta(days=1)
    while day <= through:
        total += CAL.is_workday(day)
        day += timedelta(days=1)
    return total


@settings(max_examples=200)
@given(days, counts)
def test_add_workdays_lands_on_the_nth_working_day(day: date, n: int) -> None:
    result = CAL.add_workdays(day, n)
    assert CAL.is_workday(result)
    assert count_workdays(day, result) == n


@settings(max_examples=200)
@given(days, counts)
def test_add_workdays_backwards_mirrors_forwards(day: date, n: int) -> None:
    result = CAL.add_workdays(day, -n)
    assert CAL.is_workday(result)
    assert count_workdays(result, day - timedelta(days=1)) == n - 1


@settings(max_examples=200)
@given(days, st.integers(-60, 60), st.integers(-60, 60))
def test_add_workdays_is_monotonic(day: date, n1: int, n2: int) -> None:
    low, high = sorted((n1, n2))
    assert CAL.add_workdays(day, low) <= CAL.add_workdays(day, high)


@settings(max_examples=200)
@given(moments)
def test_opening_is_idempotent_and_not_earlier(moment: datetime) -> None:
    opened = CAL.opening(moment)
    assert opened >= moment
    assert CAL.opening(opened) == opened
    assert CAL.working_seconds_between(moment, opened) == 0


@settings(max_examples=200)
@given(moments, st.floats(min_value=0, max_value=MAX_SECONDS))
def test_working_seconds_round_trip(moment: datetime, seconds: float) -> None:
    start = CAL.opening(moment)
    end = CAL.add_working_seconds(start, seconds)
    assert abs(CAL.working_seconds_between(start, end) - seconds) <= 1e-6


@settings(max_examples=200)
@given(moments, counts)
def test_day_deadline_is_a_period_end_on_a_working_day(moment: datetime, n: int) -> None:
    due = CAL.deadline_after_days(moment, n)
    assert due > moment
    assert due.tzinfo is SHANGHAI
    assert due.time() in PERIOD_ENDS
    assert CAL.is_workday(due.date())
    filed = CAL.opening(moment).date()
    assert count_workdays(filed, due.date()) == n


@settings(max_examples=200)
@given(moments, spans, spans)
def test_working_seconds_between_is_additive(a: datetime, ab: timedelta, bc: timedelta) -> None:
    b, c = a + ab, a + ab + bc
    whole = CAL.working_seconds_between(a, c)
    parts = CAL.working_seconds_between(a, b) + CAL.working_seconds_between(b, c)
    assert abs(parts - whole) <= 1e-6
    assert CAL.working_seconds_between(c, a) == -whole


@settings(max_examples=200, deadline=None)
@given(moments, st.floats(min_value=0, max_value=60 * 3600, allow_nan=False))
def test_subtracting_working_seconds_undoes_adding_them(moment: datetime, seconds: float) -> None:
    """From opening(m), going back s working seconds leaves exactly s working seconds."""
    end = CAL.opening(moment)
    start = CAL.subtract_working_seconds(end, seconds)
    assert start <= end
    assert abs(CAL.working_seconds_between(start, end) - seconds) < 1e-6

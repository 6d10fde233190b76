"""When the reports fall: working days, make-up days, and weeks the holidays take (§9)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import (
    digest_moment,
    previous_digest_moment,
    previous_weekly_moment,
    weekly_moment,
)
from tests.domain.builders import CAL

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of 2026 in Shanghai."""
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(9, 30, 8, 29), None),  # not yet
        (at(9, 30, 8, 30), at(9, 30, 8, 30)),
        (at(9, 30, 16, 0), at(9, 30, 8, 30)),  # caught up later the same day
        (at(9, 30, 17, 30), None),  # the working day is over: never on another day
        (at(10, 5, 9, 0), None),  # National Day
        (at(10, 10, 9, 0), at(10, 10, 8, 30)),  # the make-up Saturday
        (at(10, 11, 9, 0), None),  # an ordinary Sunday
    ],
)
def test_the_morning_digest_falls_on_working_days_only(
    now: datetime, expected: datetime | None
) -> None:
    assert digest_moment(CAL, now) == expected


def test_a_digest_covers_the_time_since_the_last_working_days_digest() -> None:
    assert previous_digest_moment(CAL, at(10, 8, 8, 30)) == at(9, 30, 8, 30)
    assert previous_digest_moment(CAL, at(10, 12, 8, 30)) == at(10, 10, 8, 30)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(9, 28, 9, 0), at(9, 28, 9, 0)),  # an ordinary Monday
        (at(9, 29, 9, 0), None),  # not the week's first working day
        (at(10, 5, 9, 0), None),  # Monday in the holiday
        (at(10, 8, 9, 0), at(10, 8, 9, 0)),  # the week's first working day
        (at(2, 24, 10, 0), at(2, 24, 9, 0)),  # after the Spring Festival
    ],
)
def test_the_weekly_summary_falls_on_the_weeks_first_working_day(
    now: datetime, expected: datetime | None
) -> None:
    assert weekly_moment(CAL, now) == expected


def test_each_summary_covers_exactly_the_time_since_the_one_before() -> None:
    assert previous_weekly_moment(CAL, at(10, 8, 9, 0)) == at(9, 28, 9, 0)
    assert previous_weekly_moment(CAL, at(10, 12, 9, 0)) == at(10, 8, 9, 0)
    # The Spring Festival week (16–22 February) has no working day and no summary.
    assert previous_weekly_moment(CAL, at(2, 24, 9, 0)) == at(2, 9, 9, 0)

"""The three clocks at filing and at signing, on the real mainland calendar (§7)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.model import ClockName, Issue
from bot.domain.people import SYSTEM
from tests.domain.builders import CAL, MONDAY, OFFICER, at, filed, perform

SIGN, REPLY, RESOLVE = ClockName.SIGN, ClockName.REPLY, ClockName.RESOLVE
HOUR = 3600.0


def dues(issue: Issue) -> tuple[datetime, datetime, datetime]:
    """The sign, reply and resolve deadlines."""
    return issue.clocks[SIGN].due_at, issue.clocks[REPLY].due_at, issue.clocks[RESOLVE].due_at


def test_normal_issue_filed_on_monday_morning() -> None:
    issue = filed(MONDAY)
    assert dues(issue) == (
        at(2026, 11, 24, 17, 30),
        at(2026, 11, 26, 17, 30),
        at(2026, 12, 14, 17, 30),
    )
    assert all(c.cycle == 0 and c.running for c in issue.clocks.values())


def test_budgets_and_reminders_of_a_normal_issue() -> None:
    sign = filed(MONDAY).clocks[SIGN]
    # Monday 10:00-12:00 and 13:30-17:30, then all of Tuesday.
    assert sign.budget == 13 * HOUR
    # 75% of 13 h = 9.75 h: 6 h on Monday, 3.75 h on Tuesday, across the lunch break.
    assert sign.remind_at == at(2026, 11, 24, 14, 15)


def test_urgent_issue_gets_two_working_hours_to_be_signed() -> None:
    issue = filed(MONDAY, urgent=True)
    assert dues(issue) == (
        at(2026, 11, 23, 12, 0),
        at(2026, 11, 24, 17, 30),
        at(2026, 11, 30, 17, 30),
    )
    assert issue.clocks[SIGN].budget == 2 * HOUR
    assert issue.clocks[SIGN].remind_at == at(2026, 11, 23, 11, 30)


@pytest.mark.parametrize(
    ("filed_at", "sign_due"),
    [
        (at(2026, 11, 23, 11, 0), at(2026, 11, 23, 14, 30)),  # the lunch break does not count
        (at(2026, 11, 23, 12, 30), at(2026, 11, 23, 15, 30)),  # filed during lunch
        (at(2026, 11, 23, 17, 0), at(2026, 11, 24, 10, 30)),  # runs into the next morning
        (at(2026, 11, 23, 18, 0), at(2026, 11, 24, 11, 0)),  # after hours: from 09:00
        (at(2026, 11, 27, 16, 0), at(2026, 11, 30, 9, 30)),  # Friday afternoon to Monday
        (at(2026, 11, 28, 10, 0), at(2026, 11, 30, 11, 0)),  # Saturday: from Monday 09:00
    ],
)
def test_urgent_sign_deadline_in_working_hours(filed_at: datetime, sign_due: datetime) -> None:
    assert filed(filed_at, urgent=True).clocks[SIGN].due_at == sign_due


def test_normal_issue_filed_after_hours_starts_the_next_working_morning() -> None:
    issue = filed(at(2026, 11, 23, 18, 0))
    assert dues(issue)[:2] == (at(2026, 11, 25, 17, 30), at(2026, 11, 27, 17, 30))
    # Treated as filed on Tuesday morning: all of Tuesday, then the 1st working day after it.
    assert issue.clocks[SIGN].budget == 14 * HOUR


def test_normal_issue_filed_on_a_weekend() -> None:
    issue = filed(at(2026, 11, 28, 10, 0))
    assert issue.clocks[SIGN].due_at == at(2026, 12, 1, 17, 30)


def test_national_day_and_a_make_up_saturday() -> None:
    # Filed the day before the 2026 National Day holiday (1-7 October); 10 October is a
    # make-up working day (调休), so the third working day falls on a Saturday.
    assert CAL.is_workday(date(2026, 10, 10)) and not CAL.is_workday(date(2026, 10, 5))
    issue = filed(at(2026, 9, 30, 10, 0))
    assert dues(issue)[:2] == (at(2026, 10, 8, 17, 30), at(2026, 10, 10, 17, 30))


def test_clocks_end_at_close_of_business_in_shanghai() -> None:
    for clock in filed(MONDAY).clocks.values():
        local = clock.due_at.astimezone(CAL.tz)
        assert (local.hour, local.minute) == (17, 30)


@pytest.mark.parametrize(
    ("urgent", "claimed_at", "on_time"),
    [
        (False, at(2026, 11, 23, 10, 5), True),
        (False, at(2026, 11, 24, 17, 30), True),  # at the deadline exactly
        (False, at(2026, 11, 24, 17, 31), False),
        (False, at(2026, 11, 25, 9, 0), False),
        (True, at(2026, 11, 23, 12, 0), True),
        (True, at(2026, 11, 23, 13, 0), False),  # lunch is after the 12:00 deadline
    ],
)
def test_claim_meets_the_sign_clock(urgent: bool, claimed_at: datetime, on_time: bool) -> None:
    issue = filed(MONDAY, urgent)
    perform("route", issue, SYSTEM, MONDAY)
    perform("claim", issue, OFFICER, claimed_at)
    sign = issue.clocks[SIGN]
    assert sign.met_at == claimed_at and sign.on_time is on_time and not sign.running
    assert issue.clocks[REPLY].running and issue.clocks[RESOLVE].running
    assert issue.next_due() == issue.clocks[REPLY].due_at


def test_now_in_another_time_zone_means_the_same_instant() -> None:
    in_utc = filed(MONDAY.astimezone(UTC))
    assert dues(in_utc) == dues(filed(MONDAY))
    assert in_utc.clocks[SIGN].due_at.tzinfo == CAL.tz

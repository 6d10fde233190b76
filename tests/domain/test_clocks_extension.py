"""Extensions of the resolution clock: new deadline, cycle, second approval, the cap (§7)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import ClockName, Issue
from bot.domain.people import SYSTEM, Actor
from tests.domain.builders import (
    ADMIN,
    CAL,
    LEAD,
    LEADER,
    MONDAY,
    OFFICER,
    PRINCIPAL,
    Args,
    at,
    filed,
    perform,
    refuse,
)

RESOLVE = ClockName.RESOLVE
HOUR = 3600.0
DAY = 7 * HOUR


def working(filed_at: datetime = MONDAY) -> Issue:
    """A normal issue, routed, claimed and replied to on the day it was filed."""
    issue = filed(filed_at)
    perform("route", issue, SYSTEM, filed_at)
    perform("claim", issue, OFFICER, filed_at)
    perform("reply", issue, OFFICER, filed_at)
    return issue


def extend(issue: Issue, new_due: date, now: datetime, approver: Actor = LEAD) -> None:
    """Request an extension as the officer and have `approver` approve it."""
    perform("request_extension", issue, OFFICER, now, Args(new_due=new_due))
    perform("decide", issue, approver, now)


def test_approval_moves_the_deadline_to_close_of_business_of_the_new_date() -> None:
    issue = working()
    resolve = issue.clocks[RESOLVE]
    old_due, old_budget = resolve.due_at, resolve.budget
    assert old_due == at(2026, 12, 14, 17, 30)
    extend(issue, date(2026, 12, 21), at(2026, 12, 1, 10, 0))
    assert resolve.due_at == at(2026, 12, 21, 17, 30)
    assert resolve.cycle == 1 and issue.extensions_granted == 1 and resolve.running
    # The five added working days join the budget.
    assert resolve.budget == old_budget + 5 * DAY
    assert resolve.remind_at > at(2026, 12, 1, 10, 0)
    assert CAL.working_seconds_between(resolve.remind_at, resolve.due_at) == pytest.approx(
        resolve.budget * 0.25
    )


def test_an_extension_granted_after_the_deadline_adds_only_the_new_time() -> None:
    issue = working()
    resolve = issue.clocks[RESOLVE]
    old_budget = resolve.budget
    now = at(2026, 12, 15, 9, 0)
    extend(issue, date(2026, 12, 18), now)
    assert resolve.due_at == at(2026, 12, 18, 17, 30)
    assert resolve.budget == old_budget + 4 * DAY


def test_a_second_extension_needs_the_supervising_leader() -> None:
    issue = working()
    extend(issue, date(2026, 12, 21), at(2026, 12, 1, 10, 0))
    event = perform("request_extension", issue, OFFICER, at(2026, 12, 2, 10, 0))
    assert event.data["approver"] == "leader"
    assert issue.pending is not None and issue.pending.approver == "leader"
    refuse(NotAllowed, "decide", issue, LEAD, key="issue.not_allowed")
    perform("decide", issue, LEADER, at(2026, 12, 2, 11, 0))
    resolve = issue.clocks[RESOLVE]
    assert resolve.cycle == 2 and issue.extensions_granted == 2
    assert resolve.due_at == at(2026, 12, 28, 17, 30)


@pytest.mark.parametrize("approver", [LEADER, PRINCIPAL, ADMIN])
def test_who_may_approve_a_second_extension(approver: Actor) -> None:
    issue = working()
    extend(issue, date(2026, 12, 21), at(2026, 12, 1, 10, 0))
    extend(issue, date(2026, 12, 23), at(2026, 12, 2, 10, 0), approver)
    assert issue.extensions_granted == 2


def test_the_cap_is_thirty_working_days_after_filing() -> None:
    # Filed on Monday 2 November 2026: the 30th working day after it is Monday 14 December.
    issue = working(at(2026, 11, 2, 10, 0))
    assert issue.clocks[RESOLVE].due_at == at(2026, 11, 23, 17, 30)
    args = Args(new_due=date(2026, 12, 15))
    error = refuse(InvalidInput, "request_extension", issue, OFFICER, args=args)
    assert (error.key, error.params) == ("extension.over_cap", {"latest": "2026-12-14"})
    extend(issue, date(2026, 12, 14), at(2026, 11, 10, 10, 0))
    assert issue.clocks[RESOLVE].due_at == at(2026, 12, 14, 17, 30)
    for day, key in (
        (date(2026, 12, 14), "extension.not_later"),
        (date(2026, 12, 15), "extension.over_cap"),
    ):
        refuse(InvalidInput, "request_extension", issue, OFFICER, args=Args(new_due=day), key=key)


def test_the_cap_counts_from_filing_not_from_the_request() -> None:
    issue = working()
    cap = CAL.deadline(MONDAY, issue.policy.extension_cap).date()
    late_request = at(2026, 12, 10, 10, 0)
    args = Args(new_due=CAL.add_workdays(cap, 1))
    refuse(InvalidInput, "request_extension", issue, OFFICER, late_request, args=args)
    perform("request_extension", issue, OFFICER, late_request, Args(new_due=cap))
    assert issue.pending is not None and issue.pending.new_due == cap

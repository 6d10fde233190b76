"""Clocks pause while waiting for the enterprise and while an answer awaits confirmation (§7)."""

from __future__ import annotations

from bot.domain.model import ClockName, Issue, IssueState
from bot.domain.people import SYSTEM
from tests.domain.builders import CAL, MEMBER, MONDAY, OFFICER, at, filed, perform

SIGN, REPLY, RESOLVE = ClockName.SIGN, ClockName.REPLY, ClockName.RESOLVE
HOUR = 3600.0
RESOLVE_DUE = at(2026, 12, 14, 17, 30)


def working() -> Issue:
    """A normal issue filed on MONDAY, routed and claimed."""
    issue = filed(MONDAY)
    perform("route", issue, SYSTEM, MONDAY)
    perform("claim", issue, OFFICER, at(2026, 11, 23, 10, 30))
    return issue


def test_ask_info_pauses_and_supply_info_resumes_with_the_same_remaining_time() -> None:
    issue = working()
    asked, supplied = at(2026, 11, 24, 10, 0), at(2026, 11, 26, 15, 0)
    perform("ask_info", issue, OFFICER, asked)
    resolve = issue.clocks[RESOLVE]
    remaining = CAL.working_seconds_between(asked, RESOLVE_DUE)
    assert resolve.paused and resolve.paused_remaining == remaining
    assert issue.next_due() is None, "no clock runs while waiting"
    # Asking is the first contact with the enterprise: it meets the reply clock.
    assert issue.clocks[REPLY].met_at == asked and issue.clocks[REPLY].on_time

    perform("supply_info", issue, MEMBER, supplied)
    assert resolve.running and issue.state is IssueState.IN_PROGRESS
    # Tue 10:00 to Thu 15:00 is 6 + 7 + 4.5 = 17.5 working hours, so the deadline moves
    # from Mon 14 Dec 17:30 by 17.5 working hours: Tue and Wed, then 3.5 h on Thursday.
    assert CAL.working_seconds_between(asked, supplied) == 17.5 * HOUR
    assert resolve.due_at == at(2026, 12, 17, 14, 0)
    assert CAL.working_seconds_between(RESOLVE_DUE, resolve.due_at) == 17.5 * HOUR
    assert CAL.working_seconds_between(supplied, resolve.due_at) == remaining
    assert resolve.budget == CAL.working_seconds_between(MONDAY, RESOLVE_DUE)


def test_resuming_outside_working_hours_counts_from_the_next_opening() -> None:
    issue = working()
    asked = at(2026, 11, 24, 10, 0)
    perform("ask_info", issue, OFFICER, asked)
    remaining = issue.clocks[RESOLVE].paused_remaining
    perform("supply_info", issue, MEMBER, at(2026, 11, 28, 22, 0))  # a Saturday night
    resolve = issue.clocks[RESOLVE]
    assert remaining is not None
    assert resolve.due_at == CAL.add_working_seconds(at(2026, 11, 30, 9, 0), remaining)
    assert CAL.working_seconds_between(at(2026, 11, 28, 22, 0), resolve.due_at) == remaining


def test_a_clock_paused_while_late_stays_late() -> None:
    issue = working()
    late = at(2026, 12, 15, 10, 0)
    perform("ask_info", issue, OFFICER, late)
    resolve = issue.clocks[RESOLVE]
    assert resolve.paused_remaining is not None and resolve.paused_remaining < 0
    perform("supply_info", issue, MEMBER, at(2026, 12, 16, 10, 0))
    # It was one working hour late when paused and is one working hour late on resuming:
    # the day the enterprise took to answer does not count against the task force.
    assert resolve.due_at == at(2026, 12, 16, 9, 0) and resolve.running
    perform("resolve", issue, OFFICER, at(2026, 12, 16, 11, 0))
    perform("confirm", issue, MEMBER, at(2026, 12, 17, 11, 0))
    assert resolve.on_time is False and resolve.met_at == at(2026, 12, 16, 11, 0)


def test_auto_close_while_waiting_stops_the_clocks_without_counting_them() -> None:
    issue = working()
    perform("ask_info", issue, OFFICER, at(2026, 11, 24, 10, 0))
    perform("auto_close", issue, SYSTEM, at(2026, 12, 9, 17, 30))
    resolve = issue.clocks[RESOLVE]
    # Nothing was resolved: the clock neither met nor missed its deadline.
    assert resolve.met_at == at(2026, 12, 9, 17, 30) and resolve.on_time is None


def test_resolve_pauses_and_reject_answer_resumes_the_resolution_clock() -> None:
    issue = working()
    answered, rejected = at(2026, 11, 25, 10, 0), at(2026, 11, 27, 10, 0)
    perform("reply", issue, OFFICER, at(2026, 11, 24, 9, 0))
    perform("resolve", issue, OFFICER, answered)
    resolve = issue.clocks[RESOLVE]
    assert resolve.paused and resolve.met_at is None
    assert resolve.paused_remaining == CAL.working_seconds_between(answered, RESOLVE_DUE)

    perform("reject_answer", issue, MEMBER, rejected)
    assert resolve.running and issue.state is IssueState.IN_PROGRESS
    # Two working days passed between the answer and its rejection.
    assert resolve.due_at == at(2026, 12, 16, 17, 30)
    assert issue.clocks[REPLY].met_at == at(2026, 11, 24, 9, 0), "the reply stays met"


def test_confirm_records_the_answer_time_and_standing() -> None:
    issue = working()
    answered = at(2026, 12, 14, 17, 0)
    perform("resolve", issue, OFFICER, answered)
    perform("confirm", issue, MEMBER, at(2026, 12, 22, 9, 0))
    resolve, reply = issue.clocks[RESOLVE], issue.clocks[REPLY]
    assert resolve.met_at == answered and resolve.on_time is True
    assert reply.met_at == answered and reply.on_time is False, "the first reply came late"


def test_reopen_restarts_the_resolution_clock_from_the_reopening() -> None:
    issue = working()
    perform("resolve", issue, OFFICER, at(2026, 11, 25, 10, 0))
    perform("confirm", issue, MEMBER, at(2026, 11, 25, 11, 0))
    reopened = at(2026, 12, 1, 10, 0)
    perform("reopen", issue, MEMBER, reopened)
    resolve = issue.clocks[RESOLVE]
    assert resolve.running and resolve.cycle == 1 and resolve.on_time is None
    assert resolve.due_at == CAL.deadline(reopened, issue.policy.clocks.resolve)
    assert resolve.due_at == at(2026, 12, 22, 17, 30)
    assert issue.clocks[SIGN].met_at is not None and issue.clocks[REPLY].met_at is not None

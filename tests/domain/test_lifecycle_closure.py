"""How an issue ends and comes back: confirm, redo, reopen, withdraw, rate, auto-close (§5)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import InvalidInput, InvalidTransition, NotAllowed
from bot.domain.model import ClockName, IssueState
from bot.domain.people import SYSTEM, Actor
from tests.domain.builders import (
    ADMIN,
    MEMBER,
    MONDAY,
    OFFICE,
    OFFICER,
    Args,
    issue_in,
    later,
    perform,
    refuse,
)

S = IssueState


def test_confirm_closes_and_meets_every_clock_at_the_answer() -> None:
    issue = issue_in(S.ANSWERED)
    event = perform("confirm", issue, MEMBER, later(600))
    assert issue.state is S.CLOSED and issue.closed_at == later(600)
    assert all(clock.met_at is not None for clock in issue.clocks.values())
    resolve = issue.clocks[ClockName.RESOLVE]
    assert resolve.met_at == issue.answered_at == MONDAY and resolve.on_time is True
    assert (event.kind, event.from_state, event.to_state) == ("confirmed", S.ANSWERED, S.CLOSED)


def test_reject_answer_sends_the_issue_back_to_work() -> None:
    issue = issue_in(S.ANSWERED)
    event = perform("reject_answer", issue, MEMBER, later(60), Args(text="问题仍未解决"))
    assert issue.state is S.IN_PROGRESS and issue.answered_at is None
    assert issue.clocks[ClockName.RESOLVE].running
    assert issue.last_activity_at == later(60)
    assert (event.kind, event.from_state, event.to_state, event.text) == (
        "answer_rejected",
        S.ANSWERED,
        S.IN_PROGRESS,
        "问题仍未解决",
    )


@pytest.mark.parametrize("actor", [MEMBER, OFFICE, ADMIN])
def test_reopen_within_the_window_restarts_the_resolution_clock(actor: Actor) -> None:
    issue = issue_in(S.CLOSED)
    now = MONDAY + timedelta(days=30)
    event = perform("reopen", issue, actor, now, Args(text="又停电了"))
    assert issue.state is S.IN_PROGRESS
    assert issue.closed_at is None and issue.answered_at is None
    resolve = issue.clocks[ClockName.RESOLVE]
    assert resolve.running and resolve.cycle == 1 and resolve.due_at > now
    assert (event.kind, event.from_state, event.to_state) == ("reopened", S.CLOSED, S.IN_PROGRESS)


def test_reopen_after_the_window_is_refused() -> None:
    issue = issue_in(S.CLOSED)
    now = MONDAY + timedelta(days=30, minutes=1)
    error = refuse(InvalidTransition, "reopen", issue, MEMBER, now, key="issue.reopen_expired")
    assert error.params == {"days": 30}


@pytest.mark.parametrize(
    "state", [S.FILED, S.ASSIGNED, S.IN_PROGRESS, S.WAITING_ENTERPRISE, S.ANSWERED, S.RETURNED]
)
def test_withdraw_from_any_open_state(state: IssueState) -> None:
    issue = issue_in(state)
    if state is S.IN_PROGRESS:
        perform("request_extension", issue, OFFICER, MONDAY)
    event = perform("withdraw", issue, MEMBER, later(5), Args(text="已自行解决"))
    assert issue.state is S.WITHDRAWN and issue.closed_at == later(5) and issue.pending is None
    assert all(clock.met_at is not None for clock in issue.clocks.values())
    assert all(clock.paused_remaining is None for clock in issue.clocks.values())
    assert (event.kind, event.from_state, event.to_state) == ("withdrawn", state, S.WITHDRAWN)


def test_rate_once() -> None:
    issue = issue_in(S.CLOSED)
    event = perform("rate", issue, MEMBER, later(5), Args(score=4, text="  很及时 "))
    assert (issue.rating, issue.feedback, issue.state) == (4, "很及时", S.CLOSED)
    assert (event.kind, event.data, event.text) == ("rated", {"score": 4}, "很及时")
    refuse(InvalidTransition, "rate", issue, MEMBER, args=Args(score=5), key="issue.already_rated")


@pytest.mark.parametrize("score", [0, 6, -1, 100])
def test_rating_out_of_range(score: int) -> None:
    issue = issue_in(S.CLOSED)
    refuse(InvalidInput, "rate", issue, MEMBER, args=Args(score=score), key="rating.range")


@pytest.mark.parametrize("score", [1, 5])
def test_rating_bounds_are_accepted(score: int) -> None:
    issue = issue_in(S.CLOSED)
    perform("rate", issue, MEMBER, later(5), Args(score=score, text=None))
    assert issue.rating == score and issue.feedback is None


def test_feedback_over_its_own_limit() -> None:
    issue = issue_in(S.CLOSED)
    refuse(InvalidInput, "rate", issue, MEMBER, args=Args(text="x" * 2_001))


def test_a_reopened_issue_can_be_rated_again_after_it_closes() -> None:
    issue = issue_in(S.CLOSED)
    perform("rate", issue, MEMBER, later(5), Args(score=1))
    perform("reopen", issue, MEMBER, later(10))
    assert issue.rating is None and issue.feedback is None
    perform("resolve", issue, OFFICER, later(20))
    perform("confirm", issue, MEMBER, later(30))
    perform("rate", issue, MEMBER, later(40), Args(score=5))
    assert issue.rating == 5


@pytest.mark.parametrize("state", [S.ANSWERED, S.WAITING_ENTERPRISE])
def test_auto_close_of_a_silent_enterprise(state: IssueState) -> None:
    issue = issue_in(state)
    event = perform("auto_close", issue, SYSTEM, later(9_000))
    assert issue.state is S.CLOSED and issue.closed_at == later(9_000)
    assert issue.waiting_since is None
    assert all(clock.met_at is not None for clock in issue.clocks.values())
    assert (event.kind, event.from_state, event.to_state) == ("auto_closed", state, S.CLOSED)
    assert event.data == {"why": "silent"} and event.actor_id is None


@pytest.mark.parametrize("actor", [MEMBER, OFFICER, ADMIN])
def test_only_the_system_auto_closes(actor: Actor) -> None:
    refuse(NotAllowed, "auto_close", issue_in(S.ANSWERED), actor, key="issue.not_allowed")

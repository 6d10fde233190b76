"""A queued notice whose call to act is over is dropped, not sent late (§9, 无事不扰)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.domain.model import ClockName, IssueState
from bot.domain.notice import Notice, Priority
from bot.domain.relevance import still_relevant
from tests.domain.builders import MONDAY, OFFICER, TF, issue_in, perform

S = IssueState


def notice(
    template: str, person: int | None = 110, team: int | None = None, **params: Any
) -> Notice:
    """A queued notice of the template about the issue."""
    return Notice("k", Priority.NORMAL, f"notice.{template}", MONDAY, params, person, team)


@pytest.mark.parametrize(
    ("template", "still", "over"),
    [
        ("needs_dispatch", S.FILED, S.ASSIGNED),
        ("returned", S.RETURNED, S.ASSIGNED),
        ("new_issue", S.ASSIGNED, S.ACKNOWLEDGED),
        ("answered", S.ANSWERED, S.CLOSED),
    ],
)
def test_a_call_to_act_ends_with_the_state_it_was_about(
    template: str, still: IssueState, over: IssueState
) -> None:
    assert still_relevant(notice(template), issue_in(still))
    assert not still_relevant(notice(template), issue_in(over))


def test_the_group_post_goes_only_to_the_task_force_that_holds_the_issue() -> None:
    issue = issue_in(S.ASSIGNED)
    assert still_relevant(notice("new_issue", None, TF), issue)
    assert not still_relevant(notice("new_issue", None, TF + 1), issue)


def test_a_nominee_is_asked_to_sign_only_while_nobody_has() -> None:
    issue = issue_in(S.ASSIGNED)
    issue.assignee_id = 110
    assert still_relevant(notice("assigned_to_you", 110), issue)
    assert not still_relevant(notice("assigned_to_you", 112), issue), "someone else was named"
    perform("claim", issue, OFFICER, MONDAY)
    assert not still_relevant(notice("assigned_to_you", 110), issue)


def test_a_request_is_put_to_its_approver_only_while_it_waits() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, MONDAY)
    assert still_relevant(notice("extension_requested"), issue)
    assert not still_relevant(notice("transfer_requested"), issue), "another kind of request"
    assert issue.pending is not None
    issue.pending = None
    assert not still_relevant(notice("extension_requested"), issue)


def test_a_reminder_is_about_one_deadline_of_a_running_clock() -> None:
    issue = issue_in(S.ACKNOWLEDGED)
    due = issue.clocks[ClockName.RESOLVE].due_at.isoformat()
    reminder = notice("reminder", clock="resolve", due_at=due)
    assert still_relevant(reminder, issue)
    assert not still_relevant(notice("reminder", clock="sign", due_at=due), issue), "signed"
    clock = issue.clocks[ClockName.RESOLVE]
    clock.due_at += timedelta(days=1)
    assert not still_relevant(reminder, issue), "the deadline moved"
    assert not still_relevant(notice("escalation", clock="nonsense"), issue)


def test_files_go_with_their_card_and_news_always_goes() -> None:
    closed = issue_in(S.ACKNOWLEDGED)
    assert not still_relevant(notice("file", card="new_issue"), closed)
    assert still_relevant(notice("file", card="reply"), closed)
    assert still_relevant(notice("request_denied"), issue_in(S.CLOSED))
    assert still_relevant(notice("withdrawn"), issue_in(S.WITHDRAWN))

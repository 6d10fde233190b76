"""A queued notice whose call to act is over is dropped, not sent late (§9, 无事不扰)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.model import ClockName, Issue, IssueState
from bot.domain.notice import Notice, Priority
from bot.domain.people import Actor
from bot.domain.relevance import still_relevant
from tests.domain.builders import MEMBER, MONDAY, OFFICE, OFFICER, TF, issue_in, later, perform

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


def test_an_officers_card_goes_only_while_the_issue_is_with_their_task_force() -> None:
    issue = issue_in(S.ASSIGNED)
    assert still_relevant(notice("new_issue", 110, task_force_id=TF), issue)
    # Transferred to another task force before the held card's turn came.
    assert not still_relevant(notice("new_issue", 110, task_force_id=TF + 1), issue)


def test_a_deadline_change_goes_only_while_the_deadline_is_the_one_it_tells_of() -> None:
    issue = issue_in(S.IN_PROGRESS)
    due = issue.clocks[ClockName.RESOLVE].due_at
    assert still_relevant(notice("deadline_changed", new_due=due.isoformat()), issue)
    on_the_citys_clock = due.astimezone(ZoneInfo("Asia/Shanghai")).isoformat()
    assert still_relevant(notice("deadline_changed", new_due=on_the_citys_clock), issue)
    moved_again = (due + timedelta(days=2)).isoformat()
    assert not still_relevant(notice("deadline_changed", new_due=moved_again), issue)


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


def asked(issue: Issue, when: datetime) -> Notice:
    """The request for information queued with the officer's question at `when`."""
    perform("ask_info", issue, OFFICER, when)
    return Notice("ask", Priority.HIGH, "notice.info_requested", when, {}, 101)


def test_a_request_for_information_ends_when_the_enterprise_supplies_it() -> None:
    issue = issue_in(S.IN_PROGRESS)
    request = asked(issue, later(5))
    files = replace(request, template="notice.file", params={"card": "info_requested"})
    assert still_relevant(request, issue) and still_relevant(files, issue)
    perform("supply_info", issue, MEMBER, later(30))
    assert not still_relevant(request, issue), "supplied while the request was held"
    assert not still_relevant(files, issue), "its files go with it"


def test_only_the_request_the_issue_waits_on_is_still_asked() -> None:
    issue = issue_in(S.IN_PROGRESS)
    first = asked(issue, later(5))
    perform("supply_info", issue, MEMBER, later(30))
    second = asked(issue, later(60))
    assert issue.state is S.WAITING_ENTERPRISE
    assert not still_relevant(first, issue), "answered; a newer question stands"
    assert still_relevant(second, issue)


def test_an_answer_asks_for_a_verdict_only_on_itself() -> None:
    issue = issue_in(S.ANSWERED)
    first = notice("answered")
    perform("reject_answer", issue, MEMBER, later(10))
    perform("resolve", issue, OFFICER, later(20))
    assert not still_relevant(first, issue), "a newer answer waits for its own verdict"
    assert still_relevant(replace(first, created_at=later(20)), issue)


@pytest.mark.parametrize("template", ["confirmed", "auto_closed", "rated", "rate_request"])
@pytest.mark.parametrize("by", [MEMBER, OFFICE])
def test_news_of_a_closing_is_overtaken_once_the_issue_is_reopened(
    template: str, by: Actor
) -> None:
    issue = issue_in(S.CLOSED)
    if template == "rated":
        perform("rate", issue, MEMBER, MONDAY)
    told = notice(template)
    assert still_relevant(told, issue)
    perform("reopen", issue, by, later(60))
    assert not still_relevant(told, issue), "reopened"
    perform("resolve", issue, OFFICER, later(90))
    perform("confirm", issue, MEMBER, later(120))
    assert not still_relevant(told, issue), "closed again, but not the closing it told of"


@pytest.mark.parametrize("template", ["answer_rejected", "reopened"])
def test_a_call_to_work_again_ends_once_the_issue_is_answered_or_over(template: str) -> None:
    issue = issue_in(S.IN_PROGRESS)
    assert still_relevant(notice(template), issue)
    perform("resolve", issue, OFFICER, later(30))
    assert not still_relevant(notice(template), issue)
    assert not still_relevant(notice(template), issue_in(S.WITHDRAWN))


def test_news_of_the_city_reopening_always_goes() -> None:
    issue = issue_in(S.CLOSED)
    perform("reopen", issue, OFFICE, later(60))
    perform("resolve", issue, OFFICER, later(90))
    assert still_relevant(notice("reopened_by_office", 101), issue)

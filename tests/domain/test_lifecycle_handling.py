"""What the task force does: claim, reply, ask, supply, note, co-handle, resolve (§5)."""

from __future__ import annotations

import pytest

from bot.domain import handling
from bot.domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from bot.domain.intake import attachments_of
from bot.domain.model import Attachment, ClockName, IssueState
from bot.domain.people import Actor
from tests.domain.builders import (
    ADMIN,
    CAL,
    COLLEAGUE,
    LEAD,
    MEMBER,
    OFFICE,
    OFFICER,
    OFFICER_20,
    OTHER_TF,
    TF,
    Args,
    issue_in,
    later,
    perform,
    refuse,
)

S = IssueState


def test_claim_signs_for_the_issue() -> None:
    issue = issue_in(S.ASSIGNED)
    event = perform("claim", issue, COLLEAGUE, later(30))
    assert issue.state is S.ACKNOWLEDGED and issue.assignee_id == COLLEAGUE.person_id
    assert issue.assigned_at == issue.last_activity_at == later(30)
    assert issue.accountable_task_force_id == TF
    sign = issue.clocks[ClockName.SIGN]
    assert sign.met_at == later(30) and sign.on_time is True
    assert (event.kind, event.from_state, event.to_state) == (
        "claimed",
        S.ASSIGNED,
        S.ACKNOWLEDGED,
    )


def test_claim_of_an_issue_named_for_someone_else() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("assign_member", issue, LEAD, later(1), Args(person_id=112))
    refuse(NotAllowed, "claim", issue, OFFICER, key="issue.assigned_to_other")
    perform("claim", issue, COLLEAGUE, later(2))
    assert issue.assigned_at == later(1), "the named officer keeps the time of assignment"


def test_the_lead_may_claim_an_issue_named_for_someone_else() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("assign_member", issue, LEAD, later(1))
    perform("claim", issue, LEAD, later(2))
    assert issue.assignee_id == LEAD.person_id and issue.assigned_at == later(2)


def test_after_a_transfer_only_the_new_task_force_may_sign() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("transfer", issue, LEAD, later(1))
    for action in ("claim", "return", "request_transfer"):
        refuse(NotAllowed, action, issue, OFFICER)
        refuse(NotAllowed, action, issue, LEAD)
    perform("claim", issue, OFFICER_20, later(2))
    assert issue.assignee_id == OFFICER_20.person_id


def test_a_claimed_issue_cannot_be_claimed_again() -> None:
    issue = issue_in(S.ACKNOWLEDGED)
    error = refuse(InvalidTransition, "claim", issue, COLLEAGUE, key="issue.already_claimed")
    assert error.params["assignee_id"] == OFFICER.person_id
    refuse(NotFound, "claim", issue, OFFICER_20)


def test_reply_meets_the_reply_clock_and_starts_work() -> None:
    issue = issue_in(S.ACKNOWLEDGED)
    event = perform("reply", issue, OFFICER, later(60), Args(text="正在协调"))
    assert issue.state is S.IN_PROGRESS and issue.last_activity_at == later(60)
    assert issue.clocks[ClockName.REPLY].met_at == later(60)
    assert issue.clocks[ClockName.RESOLVE].running
    assert (event.kind, event.from_state, event.text) == ("replied", S.ACKNOWLEDGED, "正在协调")


@pytest.mark.parametrize("state", [S.ACKNOWLEDGED, S.IN_PROGRESS])
def test_ask_info_waits_for_the_enterprise(state: IssueState) -> None:
    issue = issue_in(state)
    event = perform("ask_info", issue, LEAD, later(60), Args(text="请提供用电报装资料"))
    assert issue.state is S.WAITING_ENTERPRISE and issue.waiting_since == later(60)
    assert issue.clocks[ClockName.RESOLVE].paused
    assert issue.clocks[ClockName.REPLY].met_at is not None
    assert (event.kind, event.from_state, event.to_state) == (
        "info_requested",
        state,
        S.WAITING_ENTERPRISE,
    )


def test_supply_info_resumes_work() -> None:
    issue = issue_in(S.WAITING_ENTERPRISE)
    event = perform("supply_info", issue, MEMBER, later(90), Args(text="资料见附件"))
    assert issue.state is S.IN_PROGRESS and issue.waiting_since is None
    assert issue.clocks[ClockName.RESOLVE].running
    assert (event.kind, event.from_state, event.to_state) == (
        "info_supplied",
        S.WAITING_ENTERPRISE,
        S.IN_PROGRESS,
    )


@pytest.mark.parametrize("state", [S.FILED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.RETURNED])
def test_unasked_information_leaves_the_state(state: IssueState) -> None:
    issue = issue_in(state)
    event = perform("supply_info", issue, MEMBER, later(5))
    assert issue.state is state and event.to_state is state


def test_supply_info_may_be_only_attachments() -> None:
    issue = issue_in(S.WAITING_ENTERPRISE)
    photo = Attachment(kind="photo", file_ref="tg:abc")
    event = handling.supply_info(issue, MEMBER, later(5), None, CAL, (photo,))
    assert event.text is None and attachments_of(event) == (photo,)
    assert issue.state is S.IN_PROGRESS
    assert issue.attachments[-1] == photo, "kept with the issue for whoever handles it next"


def test_an_answer_carries_its_files_to_the_enterprise() -> None:
    issue = issue_in(S.IN_PROGRESS)
    scan = Attachment(kind="document", file_ref="tg:doc", name="批复.pdf")
    event = handling.resolve(issue, OFFICER, later(5), "已批复", CAL, (scan,))
    assert attachments_of(event) == (scan,)


def test_note_on_a_signed_issue_starts_work() -> None:
    issue = issue_in(S.ACKNOWLEDGED)
    event = perform("note", issue, COLLEAGUE, later(7), Args(text="已现场查看"))
    assert issue.state is S.IN_PROGRESS and issue.last_activity_at == later(7)
    assert (event.kind, event.from_state, event.to_state) == (
        "noted",
        S.ACKNOWLEDGED,
        S.IN_PROGRESS,
    )


@pytest.mark.parametrize("state", [S.IN_PROGRESS, S.WAITING_ENTERPRISE, S.ANSWERED])
def test_note_elsewhere_keeps_the_state(state: IssueState) -> None:
    issue = issue_in(state)
    assert perform("note", issue, OFFICER, later(7)).to_state is state
    assert issue.state is state


@pytest.mark.parametrize("actor", [LEAD, OFFICE, ADMIN])
def test_add_co_handler(actor: Actor) -> None:
    issue = issue_in(S.IN_PROGRESS)
    event = perform("add_co_handler", issue, actor, later(3))
    assert issue.co_handler_ids == {OTHER_TF} and issue.state is S.IN_PROGRESS
    assert (event.kind, event.data) == ("co_handler_added", {"task_force_id": OTHER_TF})
    perform("note", issue, OFFICER_20, later(4))


@pytest.mark.parametrize("tf", [TF, OTHER_TF])
def test_a_task_force_is_not_added_twice(tf: int) -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("add_co_handler", issue, LEAD, later(3))
    args = Args(task_force_id=tf)
    refuse(InvalidInput, "add_co_handler", issue, OFFICE, args=args, key="co_handler.duplicate")


@pytest.mark.parametrize("state", [S.ACKNOWLEDGED, S.IN_PROGRESS])
def test_resolve_answers_and_pauses_the_resolution_clock(state: IssueState) -> None:
    issue = issue_in(state)
    perform("request_extension", issue, OFFICER, later(1))
    event = perform("resolve", issue, OFFICER, later(120), Args(text="已完成增容"))
    assert issue.state is S.ANSWERED and issue.answered_at == later(120)
    assert issue.pending is None, "an answer drops the pending request"
    assert issue.clocks[ClockName.REPLY].met_at is not None
    assert issue.clocks[ClockName.RESOLVE].paused
    assert (event.kind, event.from_state, event.to_state) == ("resolved", state, S.ANSWERED)


@pytest.mark.parametrize("action", ["reply", "ask_info", "resolve", "request_extension"])
def test_only_the_assignee_or_the_lead_handles(action: str) -> None:
    issue = issue_in(S.IN_PROGRESS)
    refuse(NotAllowed, action, issue, COLLEAGUE, key="issue.not_allowed")
    perform(action, issue, LEAD, later(1))

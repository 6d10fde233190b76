"""Deciding pending transfer and extension requests (decide_request, §5, §7)."""

from __future__ import annotations

import pytest

from bot.domain import oversight
from bot.domain.errors import InvalidTransition, NotAllowed, NotFound
from bot.domain.model import ClockName, IssueState
from bot.domain.people import Actor
from tests.domain.builders import (
    ADMIN,
    CAL,
    COLLEAGUE,
    LEAD,
    LEADER,
    MEMBER,
    OFFICE,
    OFFICER,
    OFFICER_20,
    OTHER_TF,
    PRINCIPAL,
    TF,
    Args,
    default_new_due,
    issue_in,
    later,
    perform,
    refuse,
)

S = IssueState


def test_deciding_needs_a_pending_request() -> None:
    issue = issue_in(S.IN_PROGRESS)
    refuse(InvalidTransition, "decide", issue, LEAD, key="request.none")


@pytest.mark.parametrize("approver", [LEAD, OFFICE, ADMIN])
def test_approving_a_transfer_transfers(approver: Actor) -> None:
    issue = issue_in(S.ASSIGNED)
    perform("request_transfer", issue, OFFICER, later(1), Args(text="属于新能源专班"))
    event = perform("decide", issue, approver, later(2))
    assert issue.state is S.ASSIGNED and issue.pending is None
    assert issue.task_force_id == OTHER_TF and issue.accountable_task_force_id == TF
    assert (event.kind, event.from_state, event.to_state) == (
        "transferred",
        S.ASSIGNED,
        S.ASSIGNED,
    )
    assert event.text == "属于新能源专班" and event.actor_id == approver.person_id


def test_denying_a_transfer_clears_the_request_only() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_transfer", issue, OFFICER, later(1))
    event = perform("decide", issue, LEAD, later(2), Args(approve=False, text="继续办理"))
    assert issue.state is S.IN_PROGRESS and issue.pending is None and issue.task_force_id == TF
    assert (event.kind, event.from_state, event.to_state) == (
        "request_denied",
        S.IN_PROGRESS,
        S.IN_PROGRESS,
    )
    assert (
        event.data == {"request": "transfer", "requested_by": OFFICER.person_id}
        and event.text == "继续办理"
    )


@pytest.mark.parametrize("actor", [OFFICER, COLLEAGUE, LEADER, PRINCIPAL, MEMBER])
def test_transfer_requests_are_decided_by_lead_office_or_admin(actor: Actor) -> None:
    issue = issue_in(S.ASSIGNED)
    perform("request_transfer", issue, OFFICER, later(1))
    refuse(NotAllowed, "decide", issue, actor)
    refuse(NotAllowed, "decide", issue, actor, args=Args(approve=False))


def test_an_officer_of_the_other_task_force_cannot_see_the_request() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("request_transfer", issue, OFFICER, later(1))
    refuse(NotFound, "decide", issue, OFFICER_20, key="issue.not_found")


def test_approving_an_extension_moves_the_resolution_deadline() -> None:
    issue = issue_in(S.IN_PROGRESS)
    new_due = default_new_due(issue)
    perform("request_extension", issue, OFFICER, later(1), Args(new_due=new_due))
    event = perform("decide", issue, LEAD, later(2))
    clock = issue.clocks[ClockName.RESOLVE]
    assert clock.due_at.date() == new_due and clock.cycle == 1
    assert issue.extensions_granted == 1 and issue.pending is None
    assert issue.state is S.IN_PROGRESS
    assert (event.kind, event.from_state, event.to_state) == (
        "extension_approved",
        S.IN_PROGRESS,
        S.IN_PROGRESS,
    )
    assert event.data == {"new_due": clock.due_at.isoformat(), "requested_by": 110}


def test_denying_an_extension_keeps_the_deadline() -> None:
    issue = issue_in(S.IN_PROGRESS)
    due = issue.clocks[ClockName.RESOLVE].due_at
    perform("request_extension", issue, OFFICER, later(1))
    event = perform("decide", issue, ADMIN, later(2), Args(approve=False))
    assert issue.clocks[ClockName.RESOLVE].due_at == due and issue.extensions_granted == 0
    assert issue.pending is None and event.data == {"request": "extension", "requested_by": 110}


def test_an_extension_cannot_be_approved_while_waiting_for_the_enterprise() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, later(1))
    perform("ask_info", issue, OFFICER, later(2))
    refuse(InvalidTransition, "decide", issue, LEAD, key="issue.wrong_state")
    perform("decide", issue, LEAD, later(3), Args(approve=False))
    assert issue.pending is None


@pytest.mark.parametrize("step", ["claim", "ask_info"])
def test_a_refused_transfer_approval_keeps_the_request(step: str) -> None:
    issue = issue_in(S.ASSIGNED if step == "claim" else S.IN_PROGRESS)
    perform("request_transfer", issue, OFFICER, later(1))
    perform(step, issue, OFFICER, later(2))
    refuse(InvalidTransition, "decide", issue, LEAD)


def test_the_office_decides_an_extension_only_for_a_task_force_without_a_lead() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, later(1))
    assert issue.pending is not None and issue.pending.approver == "lead"
    refuse(NotAllowed, "decide", issue, OFFICE)
    leadless = issue_in(S.IN_PROGRESS)
    due = default_new_due(leadless)
    oversight.request_extension(leadless, OFFICER, later(1), due, "等电网", CAL, False)
    assert leadless.pending is not None and leadless.pending.approver == "office"
    refuse(NotAllowed, "decide", leadless, LEAD)
    event = perform("decide", leadless, OFFICE, later(2))
    assert event.kind == "extension_approved" and event.actor_id == OFFICE.person_id

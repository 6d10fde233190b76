"""Extension requests and what leaders do: instruct, supervise, mark for direct report (§7, §8)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from bot.domain.model import ClockName, IssueState
from bot.domain.people import Actor
from tests.domain.builders import (
    ADMIN,
    CAL,
    LEAD,
    LEADER,
    OFFICE,
    OFFICER,
    PRINCIPAL,
    Args,
    default_new_due,
    issue_in,
    later,
    perform,
    refuse,
)

S = IssueState


@pytest.mark.parametrize("state", [S.ACKNOWLEDGED, S.IN_PROGRESS])
def test_request_extension_waits_for_the_lead(state: IssueState) -> None:
    issue = issue_in(state)
    due = issue.clocks[ClockName.RESOLVE].due_at
    new_due = default_new_due(issue)
    event = perform("request_extension", issue, OFFICER, later(5), Args(new_due=new_due))
    assert issue.state is state and issue.clocks[ClockName.RESOLVE].due_at == due
    assert issue.pending is not None
    assert (issue.pending.kind, issue.pending.approver) == ("extension", "lead")
    assert issue.pending.new_due == new_due and issue.pending.requested_by == OFFICER.person_id
    assert (event.kind, event.from_state, event.to_state) == ("extension_requested", state, state)
    assert event.data == {"new_due": new_due.isoformat(), "approver": "lead"}


def test_an_extension_the_lead_asks_for_goes_to_the_leader() -> None:
    issue = issue_in(S.IN_PROGRESS)
    event = perform("request_extension", issue, LEAD, later(5))
    assert event.data["approver"] == "leader"
    refuse(NotAllowed, "decide", issue, LEAD, key="issue.not_allowed")
    perform("decide", issue, LEADER, later(6))
    assert issue.extensions_granted == 1


def test_one_request_at_a_time() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, later(5))
    refuse(InvalidInput, "request_extension", issue, OFFICER, key="request.pending")
    refuse(InvalidInput, "request_transfer", issue, OFFICER, key="request.pending")


def test_the_new_date_must_be_after_the_deadline() -> None:
    issue = issue_in(S.IN_PROGRESS)
    due = issue.clocks[ClockName.RESOLVE].due_at.date()
    for day in (due, CAL.add_workdays(due, -1)):
        args = Args(new_due=day)
        refuse(
            InvalidInput, "request_extension", issue, OFFICER, args=args, key="extension.not_later"
        )


def test_the_new_date_must_be_a_working_day() -> None:
    issue = issue_in(S.IN_PROGRESS)
    saturday = date(2026, 12, 19)
    assert not CAL.is_workday(saturday)
    args = Args(new_due=saturday)
    refuse(
        InvalidInput, "request_extension", issue, OFFICER, args=args, key="extension.not_workday"
    )


@pytest.mark.parametrize("actor", [LEADER, PRINCIPAL])
@pytest.mark.parametrize("state", [S.ASSIGNED, S.WAITING_ENTERPRISE, S.ANSWERED])
def test_instruct(actor: Actor, state: IssueState) -> None:
    issue = issue_in(state)
    event = perform("instruct", issue, actor, later(5), Args(text="请尽快协调解决"))
    assert issue.state is state
    assert (event.kind, event.from_state, event.to_state) == ("instructed", state, state)
    assert (event.text, event.actor_id) == ("请尽快协调解决", actor.person_id)


@pytest.mark.parametrize("state", [S.CLOSED, S.WITHDRAWN, S.REJECTED])
def test_nobody_instructs_on_an_issue_that_is_over(state: IssueState) -> None:
    refuse(InvalidTransition, "instruct", issue_in(state), PRINCIPAL, key="issue.wrong_state")


@pytest.mark.parametrize("actor", [LEAD, OFFICE, ADMIN])
def test_only_leaders_instruct(actor: Actor) -> None:
    refuse(NotAllowed, "instruct", issue_in(S.IN_PROGRESS), actor)


def test_a_leader_of_another_task_force_cannot_see_the_issue() -> None:
    stranger = Actor(131, LEADER.roles, supervises=frozenset({99}))
    refuse(NotFound, "instruct", issue_in(S.IN_PROGRESS), stranger, key="issue.not_found")


def test_supervise_sets_the_supervisor_once() -> None:
    issue = issue_in(S.IN_PROGRESS)
    event = perform("supervise", issue, PRINCIPAL, later(5))
    assert issue.supervised_by == PRINCIPAL.person_id and issue.state is S.IN_PROGRESS
    assert (event.kind, event.from_state, event.to_state) == (
        "supervised",
        S.IN_PROGRESS,
        S.IN_PROGRESS,
    )
    refuse(InvalidTransition, "supervise", issue, PRINCIPAL, key="issue.already_supervised")
    perform("supervise", issue, LEADER, later(6))
    assert issue.supervised_by == LEADER.person_id


def test_mark_direct_report_once() -> None:
    issue = issue_in(S.ASSIGNED)
    event = perform("mark_direct_report", issue, ADMIN, later(5))
    assert issue.direct_report and issue.state is S.ASSIGNED
    assert (event.kind, event.to_state) == ("marked_direct_report", S.ASSIGNED)
    refuse(InvalidTransition, "mark_direct_report", issue, ADMIN, key="issue.already_direct")
    refuse(NotAllowed, "mark_direct_report", issue, OFFICE)

"""Filing, routing, dispatch, assignment, transfer, return and rejection (§5, §6)."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.intake import MAX_ATTACHMENTS, file_issue
from bot.domain.model import Attachment, IssueState, Urgency
from bot.domain.people import SYSTEM, Actor
from bot.domain.policy import DEFAULT_POLICY
from tests.domain.builders import (
    ADMIN,
    CAL,
    COLLEAGUE,
    ENTERPRISE_ID,
    LEAD,
    MEMBER,
    MONDAY,
    OFFICE,
    OFFICER,
    OFFICER_20,
    OTHER_TF,
    OUTSIDER,
    TF,
    Args,
    file,
    issue_in,
    later,
    perform,
    refuse,
)

S = IssueState


def test_file_creates_a_filed_issue_with_running_clocks() -> None:
    issue, event = file()
    assert issue.state is S.FILED and issue.filed_by == MEMBER.person_id
    assert issue.filed_at == issue.last_activity_at == MONDAY
    assert issue.task_force_id is None and issue.assignee_id is None and issue.rating is None
    assert issue.version == 0 and issue.policy == DEFAULT_POLICY.base
    assert all(clock.running for clock in issue.clocks.values())
    assert (event.kind, event.from_state, event.to_state) == ("filed", None, S.FILED)
    assert event.data["urgency"] == "normal" and event.actor_id == MEMBER.person_id


def test_urgent_filing_keeps_the_urgent_snapshot() -> None:
    issue, event = file(urgent=True)
    assert issue.urgency is Urgency.URGENT
    assert issue.policy.clocks == DEFAULT_POLICY.urgent_clocks
    assert event.data["urgency"] == "urgent"


@pytest.mark.parametrize("actor", [OUTSIDER, OFFICER, OFFICE, SYSTEM])
def test_only_members_of_the_enterprise_may_file(actor: Actor) -> None:
    with pytest.raises(NotAllowed, match="members"):
        file_issue(
            code="ZB-2026-000002",
            actor=actor,
            enterprise_id=ENTERPRISE_ID,
            category="other",
            urgency=Urgency.NORMAL,
            text="停电",
            language="zh",
            now=MONDAY,
            policy=DEFAULT_POLICY.base,
            calendar=CAL,
        )


def test_filing_bounds_the_attachments() -> None:
    photo = Attachment(kind="photo", file_ref="f")
    with pytest.raises(InvalidInput, match="attachments"):
        file_issue(
            code="ZB-2026-000003",
            actor=MEMBER,
            enterprise_id=ENTERPRISE_ID,
            category="other",
            urgency=Urgency.NORMAL,
            text="停电",
            language="zh",
            now=MONDAY,
            policy=DEFAULT_POLICY.base,
            calendar=CAL,
            attachments=(photo,) * (MAX_ATTACHMENTS + 1),
        )


def test_route_gives_the_issue_to_a_task_force() -> None:
    issue = issue_in(S.FILED)
    event = perform("route", issue, SYSTEM, later(1))
    assert issue.state is S.ASSIGNED
    assert issue.task_force_id == issue.accountable_task_force_id == TF
    assert (event.kind, event.from_state, event.to_state) == ("routed", S.FILED, S.ASSIGNED)
    assert event.data == {"task_force_id": TF, "how": "project"} and event.actor_id is None


@pytest.mark.parametrize("state", [S.FILED, S.RETURNED])
def test_dispatch_by_the_desk(state: IssueState) -> None:
    issue = issue_in(state)
    event = perform("dispatch", issue, OFFICE, later(5), Args(task_force_id=OTHER_TF))
    assert issue.state is S.ASSIGNED and issue.task_force_id == OTHER_TF
    # 首接负责: a returned issue stays with the task force that first received it.
    assert issue.accountable_task_force_id == (TF if state is S.RETURNED else OTHER_TF)
    assert (event.kind, event.from_state, event.to_state) == ("dispatched", state, S.ASSIGNED)
    assert event.text == "已与供电公司协调"


def test_assign_member_names_the_officer_without_changing_state() -> None:
    issue = issue_in(S.ASSIGNED)
    event = perform("assign_member", issue, LEAD, later(3), Args(person_id=112))
    assert issue.state is S.ASSIGNED
    assert issue.assignee_id == 112 and issue.assigned_at == later(3)
    assert (event.kind, event.from_state, event.to_state) == (
        "member_assigned",
        S.ASSIGNED,
        S.ASSIGNED,
    )
    assert event.data == {"assignee_id": 112}


def test_request_transfer_leaves_a_pending_request() -> None:
    issue = issue_in(S.ASSIGNED)
    event = perform("request_transfer", issue, OFFICER, later(2))
    assert issue.state is S.ASSIGNED and issue.task_force_id == TF
    assert issue.pending is not None
    assert (issue.pending.kind, issue.pending.approver) == ("transfer", "lead")
    assert issue.pending.target_task_force_id == OTHER_TF
    assert (event.kind, event.to_state) == ("transfer_requested", S.ASSIGNED)


def test_a_second_transfer_request_waits_for_the_first() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("request_transfer", issue, OFFICER, later(2))
    refuse(InvalidInput, "request_transfer", issue, COLLEAGUE, key="request.pending")
    refuse(InvalidInput, "transfer", issue, LEAD, key="request.pending")


@pytest.mark.parametrize("state", [S.ASSIGNED, S.IN_PROGRESS])
def test_transfer_moves_the_issue_and_keeps_the_first_task_force_accountable(
    state: IssueState,
) -> None:
    issue = issue_in(state)
    event = perform("transfer", issue, LEAD, later(4))
    assert issue.state is S.ASSIGNED and issue.assignee_id is None
    assert issue.task_force_id == OTHER_TF and issue.accountable_task_force_id == TF
    assert (event.kind, event.from_state, event.to_state) == ("transferred", state, S.ASSIGNED)
    perform("claim", issue, OFFICER_20, later(5))
    assert issue.accountable_task_force_id == OTHER_TF


def test_transfer_to_the_same_task_force_is_refused() -> None:
    issue = issue_in(S.ASSIGNED)
    args = Args(task_force_id=TF)
    refuse(InvalidInput, "transfer", issue, ADMIN, args=args, key="transfer.same_task_force")
    refuse(InvalidInput, "request_transfer", issue, OFFICER, args=args)


def test_return_sends_the_issue_back_to_the_desk() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("assign_member", issue, LEAD, later(1))
    event = perform("return", issue, OFFICER, later(2), Args(text="不属于本专班"))
    assert issue.state is S.RETURNED
    assert issue.task_force_id is None and issue.assignee_id is None and issue.pending is None
    assert issue.accountable_task_force_id == TF
    assert (event.kind, event.from_state, event.to_state) == ("returned", S.ASSIGNED, S.RETURNED)
    assert event.text == "不属于本专班"


def test_reject_issue_cancels_every_clock() -> None:
    issue = issue_in(S.FILED)
    event = perform("reject", issue, ADMIN, later(9), Args(text="不属于受理范围"))
    assert issue.state is S.REJECTED and issue.closed_at == later(9)
    assert all(c.met_at == later(9) and c.on_time is None for c in issue.clocks.values())
    assert (event.kind, event.from_state, event.to_state) == ("rejected", S.FILED, S.REJECTED)


def test_the_system_may_not_reject() -> None:
    refuse(NotAllowed, "reject", issue_in(S.FILED), SYSTEM)

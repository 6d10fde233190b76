"""Who may see an issue and who may act on it (§14, the `who` column of RULES)."""

from __future__ import annotations

import pytest

from bot.domain.errors import NotAllowed, NotFound
from bot.domain.model import IssueState
from bot.domain.people import SYSTEM
from bot.domain.permissions import Relation, can_view, relations
from bot.domain.transitions import RULES
from tests.domain.builders import (
    ACTORS,
    ADMIN,
    COLLEAGUE,
    LEAD,
    LEADER,
    MEMBER,
    OFFICE,
    OFFICER,
    OFFICER_20,
    OTHER_TF,
    OUTSIDER,
    PRINCIPAL,
    TF,
    issue_in,
    perform,
    refuse,
)

S = IssueState
R = Relation


def test_relations_of_each_role_to_a_claimed_issue() -> None:
    issue = issue_in(S.ACKNOWLEDGED)
    assert relations(MEMBER, issue) == {R.ENTERPRISE}
    assert relations(OUTSIDER, issue) == set()
    assert relations(OFFICER, issue) == {R.ASSIGNEE, R.OFFICER}
    assert relations(COLLEAGUE, issue) == {R.OFFICER}
    assert relations(OFFICER_20, issue) == set()
    assert relations(LEAD, issue) == {R.OFFICER, R.LEAD}
    assert relations(LEADER, issue) == {R.SUPERVISOR}
    assert relations(PRINCIPAL, issue) == {R.PRINCIPAL}
    assert relations(OFFICE, issue) == {R.OFFICE}
    assert relations(ADMIN, issue) == {R.ADMIN}
    assert relations(SYSTEM, issue) == {R.SYSTEM}


def test_a_filed_issue_is_invisible_to_task_forces_and_their_leader() -> None:
    issue = issue_in(S.FILED)
    for actor in (OFFICER, OFFICER_20, LEAD, LEADER, OUTSIDER):
        assert not can_view(actor, issue)
    for actor in (MEMBER, PRINCIPAL, OFFICE, ADMIN, SYSTEM):
        assert can_view(actor, issue)


def test_co_handlers_see_the_issue() -> None:
    issue = issue_in(S.ACKNOWLEDGED)
    perform("add_co_handler", issue, LEAD, issue.filed_at)
    assert relations(OFFICER_20, issue) == {R.CO_HANDLER}


def test_the_first_task_force_keeps_seeing_a_transferred_issue_until_someone_signs() -> None:
    issue = issue_in(S.ASSIGNED)
    perform("transfer", issue, LEAD, issue.filed_at)
    assert issue.task_force_id == OTHER_TF and issue.accountable_task_force_id == TF
    assert relations(OFFICER, issue) == {R.ACCOUNTABLE}
    assert relations(LEAD, issue) == {R.ACCOUNTABLE}
    assert relations(OFFICER_20, issue) == {R.OFFICER}
    assert R.SUPERVISOR in relations(LEADER, issue)
    perform("claim", issue, OFFICER_20, issue.filed_at)
    assert issue.accountable_task_force_id == OTHER_TF
    assert not can_view(OFFICER, issue) and not can_view(LEADER, issue)


def test_a_supervising_principal_becomes_supervisor() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("supervise", issue, PRINCIPAL, issue.filed_at)
    assert relations(PRINCIPAL, issue) == {R.PRINCIPAL, R.SUPERVISOR}


def _cases() -> list[tuple[str, IssueState]]:
    return [(action, state) for action, rule in RULES.items() for state in sorted(rule.sources)]


@pytest.mark.parametrize(("action", "state"), _cases())
def test_permission_matrix(action: str, state: IssueState) -> None:
    """From every source state: allowed relations succeed, others get NotAllowed or NotFound."""
    rule = RULES[action]
    for name, actor in ACTORS.items():
        issue = issue_in(state)
        found = relations(actor, issue)
        if found & rule.who:
            event = perform(action, issue, actor, issue.filed_at)
            assert (event.kind, event.from_state) == (rule.event, state), name
            assert event.to_state is issue.state is (rule.target or issue.state), name
            assert event.actor_id == actor.person_id, name
        else:
            error = NotAllowed if found else NotFound
            refuse(error, action, issue, actor)


@pytest.mark.parametrize("state", sorted(IssueState))
def test_outsiders_never_learn_the_issue_exists(state: IssueState) -> None:
    issue = issue_in(state)
    for action in RULES:
        refuse(NotFound, action, issue, OUTSIDER, key="issue.not_found")


def test_outsiders_cannot_decide_a_pending_request() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, issue.filed_at)
    for actor in (OUTSIDER, OFFICER_20):
        refuse(NotFound, "decide", issue, actor, key="issue.not_found")


def test_outsiders_deciding_without_a_pending_request_get_not_found() -> None:
    issue = issue_in(S.IN_PROGRESS)
    refuse(NotFound, "decide", issue, OUTSIDER, key="issue.not_found")


def test_refusals_do_not_reveal_details_to_outsiders() -> None:
    issue = issue_in(S.IN_PROGRESS)
    error = refuse(NotFound, "reply", issue, OFFICER_20)
    assert error.params == {"code": issue.code}

"""Every action of the lifecycle is reachable by the people allowed to take it (issue 12, 4).

The test walks the action table (bot/domain/transitions.py): for each action and each
relation that may take it, some state the action starts from must show that person a button
for it, one the dialogs handle; an admin may have a command-line command instead. Actions
only the system takes say so in the table.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import pytest

from app.main import build_parser
from bot.dialogs.card_buttons import VERB_ACTIONS, enterprise_buttons, official_buttons
from bot.dialogs.card_parts import Texts
from bot.dialogs.issue_press import VERBS
from bot.dialogs.payloads import OnIssue, decode
from bot.domain.model import Issue, IssueState, TaskForce
from bot.domain.people import Actor
from bot.domain.permissions import Relation, relations
from bot.domain.transitions import RULES
from bot.i18n.catalog import default_catalog
from bot.services.queries import IssueView
from tests.domain.builders import (
    ADMIN,
    CAL,
    COLLEAGUE,
    LEAD,
    LEADER,
    MEMBER,
    MONDAY,
    OFFICE,
    OFFICER,
    OTHER_TF,
    PRINCIPAL,
    TF,
    issue_in,
)

R = Relation
# Who holds each relation to an issue, once the issue is set up for it (see `setup`).
HOLDERS: dict[Relation, Actor] = {
    R.ENTERPRISE: MEMBER,
    R.ASSIGNEE: OFFICER,
    R.OFFICER: COLLEAGUE,
    R.ACCOUNTABLE: COLLEAGUE,
    R.CO_HANDLER: Actor(121, OFFICER.roles, member_of=frozenset({OTHER_TF})),
    R.LEAD: LEAD,
    R.SUPERVISOR: LEADER,
    R.PRINCIPAL: PRINCIPAL,
    R.OFFICE: OFFICE,
    R.ADMIN: ADMIN,
}
# The operator's commands: `zhibao issues <command>` for each action an admin may take.
COMMANDS = {
    "dispatch": "dispatch",
    "transfer": "transfer",
    "assign_member": "assign",
    "reject": "reject",
    "reopen": "reopen",
    "add_co_handler": "co-handle",
    "mark_direct_report": "direct-report",
}
SYSTEM_ONLY = {"route", "auto_close"}
SUGGESTED = TaskForce("chem", "高端化工", "High-end chemicals", id=OTHER_TF)


def setup(state: IssueState, relation: Relation) -> Issue:
    """An issue in `state` to which the relation's holder stands in that relation."""
    issue = issue_in(state)
    if relation is R.ACCOUNTABLE:
        # 首接负责: passed on to another task force, which has not signed yet.
        issue.accountable_task_force_id, issue.task_force_id = TF, OTHER_TF
    if relation is R.CO_HANDLER:
        issue.co_handler_ids = frozenset({OTHER_TF})
    if relation is R.ASSIGNEE and issue.assignee_id is None:
        issue.assignee_id = OFFICER.person_id
    return issue


def button_actions(issue: Issue, actor: Actor) -> set[str]:
    """The actions of the buttons the actor's card shows, each handled by the dialogs."""
    return set().union(*pressable(issue, actor))


def pressable(issue: Issue, actor: Actor) -> list[frozenset[str]]:
    """For each button the actor's card shows, the actions it may carry out."""
    words = Texts(default_catalog(), "zh", CAL)
    view = IssueView(issue, [], "企业", suggestions=(SUGGESTED,))
    rows = (
        enterprise_buttons(words, issue, actor, MONDAY)
        if actor is MEMBER
        else official_buttons(words, view, actor, MONDAY)
    )
    found: list[frozenset[str]] = []
    for row in rows:
        for button in row:
            pressed = decode(button.payload)
            assert isinstance(pressed, OnIssue) and pressed.verb in VERBS, button
            found.append(VERB_ACTIONS.get(pressed.verb, frozenset()))
    return found


def commands() -> set[str]:
    """The operator's `zhibao issues` commands."""
    parser = build_parser()
    tree = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    issues = tree.choices["issues"]
    sub = next(a for a in issues._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_system_only_actions_say_so_in_the_table() -> None:
    assert {name for name, rule in RULES.items() if rule.system_only} == SYSTEM_ONLY


@pytest.mark.parametrize(
    ("action", "relation"),
    [
        (action, relation)
        for action, rule in RULES.items()
        if not rule.system_only
        for relation in sorted(rule.who - {R.SYSTEM})
    ],
)
def test_every_allowed_action_has_a_button_or_a_command(action: str, relation: Relation) -> None:
    if relation is R.ADMIN and COMMANDS.get(action) in commands():
        return
    actor = HOLDERS[relation]
    reached = []
    for state in sorted(RULES[action].sources):
        issue = setup(state, relation)
        if relation not in relations(actor, issue):
            continue
        if action in button_actions(issue, actor):
            reached.append(state)
    assert reached, f"{relation} may {action} but no card of theirs offers it"


def test_the_operator_has_a_command_for_each_admin_action() -> None:
    admin_actions = {name for name, rule in RULES.items() if R.ADMIN in rule.who}
    assert admin_actions == set(COMMANDS)
    assert set(COMMANDS.values()) <= commands()


def test_a_relation_without_the_right_gets_no_button() -> None:
    """The other way round: a button is shown only to whom the rules allow it."""
    for state in IssueState:
        for relation, actor in HOLDERS.items():
            issue = setup(state, relation)
            for actions in pressable(issue, actor):
                allowed = [
                    name
                    for name in actions - {"decide"}
                    if relations(actor, issue) & RULES[name].who and state in RULES[name].sources
                ]
                assert allowed or actions <= {"decide"}, (state, relation, actions)


def test_an_issue_seen_by_nobody_offers_nothing() -> None:
    stranger = replace(OFFICER, person_id=999, member_of=frozenset({99}))
    assert button_actions(issue_in(IssueState.ASSIGNED), stranger) == set()


def test_the_desk_may_decline_a_returned_issue() -> None:
    """A task force returned it, and the office finds it out of scope after all (不予受理)."""
    issue = setup(IssueState.RETURNED, R.OFFICE)
    assert {"dispatch", "reject"} <= button_actions(issue, OFFICE)
    assert "reject" not in button_actions(issue_in(IssueState.ASSIGNED), OFFICE)


def test_a_task_force_that_passed_the_issue_on_has_nothing_left_to_do() -> None:
    """首接负责 keeps the issue in its sight, but notes belong to whoever has it now."""
    for state in IssueState:
        assert button_actions(setup(state, R.ACCOUNTABLE), COLLEAGUE) == set(), state

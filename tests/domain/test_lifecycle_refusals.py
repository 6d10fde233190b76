"""Refusals of every action: wrong state, bad text; a refused action changes nothing (§5)."""

from __future__ import annotations

import pytest

from bot.domain.errors import DomainError, InvalidInput, InvalidTransition
from bot.domain.model import IssueState
from bot.domain.people import Actor
from bot.domain.permissions import relations
from bot.domain.transitions import MAX_TEXT, RULES
from tests.domain.builders import (
    ACTORS,
    LEAD,
    LEADER,
    MEMBER,
    OFFICE,
    OFFICER,
    Args,
    file,
    issue_in,
    perform,
    refuse,
)

S = IssueState


def _wrong_states() -> list[tuple[str, IssueState]]:
    return [
        (action, state)
        for action, rule in RULES.items()
        for state in sorted(IssueState)
        if state not in rule.sources
    ]


@pytest.mark.parametrize(("action", "state"), _wrong_states())
def test_action_from_a_wrong_state_is_refused(action: str, state: IssueState) -> None:
    """Who may act gets InvalidTransition; everyone else some refusal; nothing changes."""
    rule = RULES[action]
    for actor in ACTORS.values():
        issue = issue_in(state)
        if relations(actor, issue) & rule.who:
            if (action, state) == ("claim", S.ACKNOWLEDGED):
                refuse(InvalidTransition, action, issue, actor, key="issue.already_claimed")
                continue
            error = refuse(InvalidTransition, action, issue, actor, key="issue.wrong_state")
            assert error.params["state"] == str(state)
        else:
            refuse(DomainError, action, issue, actor)


# (action, state to start from, an actor allowed to take it, is the text required)
TEXT_ACTIONS = [
    ("dispatch", S.FILED, OFFICE, False),
    ("request_transfer", S.ASSIGNED, OFFICER, True),
    ("transfer", S.ASSIGNED, LEAD, True),
    ("return", S.ASSIGNED, OFFICER, True),
    ("reject", S.FILED, OFFICE, True),
    ("reply", S.ACKNOWLEDGED, OFFICER, True),
    ("ask_info", S.IN_PROGRESS, OFFICER, True),
    ("supply_info", S.WAITING_ENTERPRISE, MEMBER, True),
    ("note", S.IN_PROGRESS, OFFICER, True),
    ("resolve", S.IN_PROGRESS, OFFICER, True),
    ("request_extension", S.IN_PROGRESS, OFFICER, True),
    ("reject_answer", S.ANSWERED, MEMBER, True),
    ("reopen", S.CLOSED, MEMBER, True),
    ("withdraw", S.IN_PROGRESS, MEMBER, False),
    ("rate", S.CLOSED, MEMBER, False),
    ("instruct", S.IN_PROGRESS, LEADER, True),
]


@pytest.mark.parametrize(("action", "state", "actor", "required"), TEXT_ACTIONS)
@pytest.mark.parametrize("blank", ["", "   \n\t "])
def test_blank_text(
    action: str, state: IssueState, actor: Actor, required: bool, blank: str
) -> None:
    issue = issue_in(state)
    if required:
        refuse(InvalidInput, action, issue, actor, args=Args(text=blank), key="input.required")
    else:
        event = perform(action, issue, actor, issue.filed_at, Args(text=blank))
        assert event.text is None


@pytest.mark.parametrize(("action", "state", "actor", "required"), TEXT_ACTIONS)
def test_over_long_text(action: str, state: IssueState, actor: Actor, required: bool) -> None:
    issue = issue_in(state)
    args = Args(text="长" * (MAX_TEXT + 1))
    refuse(InvalidInput, action, issue, actor, args=args, key="input.too_long")


@pytest.mark.parametrize(("action", "state", "actor", "required"), TEXT_ACTIONS)
def test_text_is_stripped_and_may_reach_the_limit(
    action: str, state: IssueState, actor: Actor, required: bool
) -> None:
    issue = issue_in(state)
    limit = 2_000 if action == "rate" else MAX_TEXT
    text = "字" * limit
    event = perform(action, issue, actor, issue.filed_at, Args(text=f"  {text}\n"))
    assert event.text == text


def test_decide_note_is_bounded_too() -> None:
    issue = issue_in(S.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, issue.filed_at)
    args = Args(text="x" * (MAX_TEXT + 1))
    refuse(InvalidInput, "decide", issue, LEAD, args=args, key="input.too_long")


@pytest.mark.parametrize("text", ["", "  ", "x" * (MAX_TEXT + 1)])
def test_filing_needs_a_bounded_description(text: str) -> None:
    with pytest.raises(InvalidInput):
        file(text=text)


def test_filing_strips_the_description() -> None:
    issue, event = file(text="  停电三天 \n")
    assert issue.text == event.text == "停电三天"

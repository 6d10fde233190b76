"""The buttons a card offers a reader: exactly the actions the rules allow them now (§5, §10).

Each action of the lifecycle a person may take has a button here (the test that walks the
action table reads these maps); the press is checked again when it comes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.dialogs.card_parts import Buttons, Texts, rows_of
from bot.dialogs.events import Button
from bot.dialogs.payloads import IssueCode, OnIssue, Verb
from bot.domain.affordances import ENTERPRISE, OFFICIALS, offered
from bot.domain.model import Issue, IssueEvent
from bot.domain.people import Actor
from bot.services.queries import IssueView

# action -> (label, verb) of the officials' one button for it.
OFFICIAL_BUTTONS: dict[str, tuple[str, Verb]] = {
    "dispatch": ("act-dispatch-other", Verb.DISPATCH),
    "claim": ("act-claim", Verb.CLAIM),
    "assign_member": ("act-assign", Verb.ASSIGN),
    "reply": ("act-reply", Verb.REPLY),
    "ask_info": ("act-ask", Verb.ASK),
    "note": ("act-note", Verb.NOTE),
    "resolve": ("act-resolve", Verb.RESOLVE),
    "request_extension": ("act-extend", Verb.EXTEND),
    "transfer": ("act-transfer", Verb.TRANSFER),
    "add_co_handler": ("act-co-handle", Verb.CO_HANDLE),
    "return": ("act-return", Verb.RETURN),
    "reject": ("act-reject", Verb.REJECT),
    "reopen": ("act-reopen", Verb.REOPEN),
    "instruct": ("act-instruct", Verb.INSTRUCT),
    "supervise": ("act-supervise", Verb.SUPERVISE),
    "mark_direct_report": ("act-direct-report", Verb.DIRECT_REPORT),
}
DECIDE_BUTTONS = (("act-approve", Verb.APPROVE), ("act-deny", Verb.DENY))
ENTERPRISE_BUTTONS: dict[str, tuple[str, Verb]] = {
    "confirm": ("my-confirm", Verb.CONFIRM),
    "reject_answer": ("my-reject", Verb.NOT_SOLVED),
    "supply_info": ("my-add-info", Verb.ADD_INFO),
    "withdraw": ("my-withdraw", Verb.WITHDRAW),
    "reopen": ("my-reopen", Verb.REOPEN),
}
# Actions a verb carries out, for the test that walks the action table.
VERB_ACTIONS: dict[Verb, frozenset[str]] = {
    **{verb: frozenset({action}) for action, (_, verb) in OFFICIAL_BUTTONS.items()},
    **{verb: frozenset({action}) for action, (_, verb) in ENTERPRISE_BUTTONS.items()},
    # The transfer button asks for the transfer or, for an officer, for the lead's approval.
    Verb.TRANSFER: frozenset({"transfer", "request_transfer"}),
    Verb.APPROVE: frozenset({"decide"}),
    Verb.DENY: frozenset({"decide"}),
    Verb.RATE: frozenset({"rate"}),
    Verb.SUPPLY: frozenset({"supply_info"}),
    Verb.DISPATCH_TO: frozenset({"dispatch"}),
}
# The enterprise's Solved, Not solved and stars answer one answer or closing of the issue;
# each answer and each reopening starts a new round, and a button of an earlier one is stale.
VERDICT_BUTTONS = frozenset({Verb.CONFIRM, Verb.NOT_SOLVED})
NEW_ROUND = frozenset({"resolved", "reopened"})


def official_buttons(w: Texts, view: IssueView, actor: Actor, now: datetime) -> Buttons:
    """What an official may do with the issue now, then Details: routing's suggestions first
    when the issue waits to be dispatched."""
    issue, code = view.issue, IssueCode(view.issue.code)
    actions = offered(issue, actor, now, OFFICIALS)
    first: list[Button] = []
    if "dispatch" in actions:
        first = [
            w.button("act-dispatch-to", OnIssue(Verb.DISPATCH_TO, code, t.id), name=w.team(t))
            for t in view.suggestions
            if t.id is not None
        ]
    pressed: list[Button] = []
    for action in actions:
        if action == "decide":
            pressed.extend(w.button(label, OnIssue(verb, code)) for label, verb in DECIDE_BUTTONS)
        else:
            label, verb = OFFICIAL_BUTTONS[action]
            if action == "dispatch" and not first:
                # Without a suggestion there is no "other" task force: it is the one way.
                label = "act-dispatch"
            pressed.append(w.button(label, OnIssue(verb, code)))
    pressed.append(w.button("act-details", OnIssue(Verb.DETAILS, code)))
    width = 3 if len(pressed) == 3 else 2
    return tuple((button,) for button in first) + rows_of(pressed, width)


def verdict_round(events: Iterable[IssueEvent]) -> int:
    """The round of the issue's timeline an enterprise's verdict button is about."""
    return sum(1 for event in events if event.kind in NEW_ROUND)


def enterprise_buttons(
    w: Texts, issue: Issue, actor: Actor, now: datetime, verdict: int = 0
) -> Buttons:
    """What the enterprise may do with its issue now; the stars once it is closed.
    `verdict` is the round of the issue's timeline (verdict_round) its verdict is about."""
    actions = offered(issue, actor, now, ENTERPRISE)
    code = IssueCode(issue.code)
    shown = []
    for action in actions:
        if action in ENTERPRISE_BUTTONS:
            label, verb = ENTERPRISE_BUTTONS[action]
            round_ = verdict if verb in VERDICT_BUTTONS else None
            shown.append(w.button(label, OnIssue(verb, code, round_)))
    rows = rows_of(shown)
    if "rate" in actions:
        rows += rating_buttons(code, verdict)
    return rows


def rating_buttons(code: str, verdict: int) -> Buttons:
    """The 1–5 stars an enterprise rates the closing of round `verdict` with, in one row."""
    return (
        tuple(
            Button("★" * n, OnIssue(Verb.RATE, IssueCode(code), verdict, n).encode())
            for n in range(1, 6)
        ),
    )

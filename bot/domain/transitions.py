"""The table of actions: from which states, to which state, by whom (§5, §14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.errors import InvalidInput, InvalidTransition
from bot.domain.model import OPEN_STATES, Issue, IssueEvent, IssueState
from bot.domain.people import Actor
from bot.domain.permissions import Relation, require

S = IssueState
R = Relation
WORKING = frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS})
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Rule:
    """Where an action may start, where it leads (None: the state stays) and who may take it.

    An action only the system takes (routing, the sweep) has SYSTEM alone in `who`: no person
    has a button or a command for it.
    """

    sources: frozenset[IssueState]
    target: IssueState | None
    who: frozenset[Relation]
    event: str

    @property
    def system_only(self) -> bool:
        """True when no person may take the action."""
        return self.who == frozenset({Relation.SYSTEM})


def _rule(sources: Any, target: IssueState | None, who: set[Relation], event: str) -> Rule:
    return Rule(frozenset(sources), target, frozenset(who), event)


RULES: dict[str, Rule] = {
    "route": _rule({S.FILED}, S.ASSIGNED, {R.SYSTEM}, "routed"),
    "dispatch": _rule({S.FILED, S.RETURNED}, S.ASSIGNED, {R.OFFICE, R.ADMIN}, "dispatched"),
    "assign_member": _rule({S.ASSIGNED}, None, {R.SYSTEM, R.LEAD, R.ADMIN}, "member_assigned"),
    "claim": _rule({S.ASSIGNED}, S.ACKNOWLEDGED, {R.OFFICER}, "claimed"),
    "reply": _rule(WORKING, S.IN_PROGRESS, {R.ASSIGNEE, R.LEAD}, "replied"),
    "ask_info": _rule(WORKING, S.WAITING_ENTERPRISE, {R.ASSIGNEE, R.LEAD}, "info_requested"),
    "supply_info": _rule(OPEN_STATES, None, {R.ENTERPRISE}, "info_supplied"),
    # Also before anyone signs; a task force that passed the issue on has no more to note.
    "note": _rule(
        WORKING | {S.ASSIGNED, S.WAITING_ENTERPRISE, S.ANSWERED},
        None,
        {R.ASSIGNEE, R.OFFICER, R.CO_HANDLER, R.LEAD},
        "noted",
    ),
    "request_extension": _rule(WORKING, None, {R.ASSIGNEE, R.LEAD}, "extension_requested"),
    "request_transfer": _rule(
        {S.ASSIGNED, S.IN_PROGRESS}, None, {R.ASSIGNEE, R.OFFICER}, "transfer_requested"
    ),
    "transfer": _rule(
        {S.ASSIGNED, S.IN_PROGRESS}, S.ASSIGNED, {R.LEAD, R.OFFICE, R.ADMIN}, "transferred"
    ),
    "return": _rule({S.ASSIGNED}, S.RETURNED, {R.OFFICER}, "returned"),
    "add_co_handler": _rule(
        WORKING | {S.ASSIGNED, S.WAITING_ENTERPRISE, S.ANSWERED},
        None,
        {R.LEAD, R.OFFICE, R.ADMIN},
        "co_handler_added",
    ),
    "resolve": _rule(WORKING, S.ANSWERED, {R.ASSIGNEE, R.LEAD}, "resolved"),
    "confirm": _rule({S.ANSWERED}, S.CLOSED, {R.ENTERPRISE}, "confirmed"),
    "reject_answer": _rule({S.ANSWERED}, S.IN_PROGRESS, {R.ENTERPRISE}, "answer_rejected"),
    "reopen": _rule({S.CLOSED}, S.IN_PROGRESS, {R.ENTERPRISE, R.OFFICE, R.ADMIN}, "reopened"),
    "withdraw": _rule(OPEN_STATES, S.WITHDRAWN, {R.ENTERPRISE}, "withdrawn"),
    # Also once a task force returned it: the office may find it out of scope after all.
    "reject": _rule({S.FILED, S.RETURNED}, S.REJECTED, {R.OFFICE, R.ADMIN}, "rejected"),
    "rate": _rule({S.CLOSED}, None, {R.ENTERPRISE}, "rated"),
    "instruct": _rule(OPEN_STATES, None, {R.SUPERVISOR, R.PRINCIPAL}, "instructed"),
    "supervise": _rule(OPEN_STATES, None, {R.SUPERVISOR, R.PRINCIPAL}, "supervised"),
    "mark_direct_report": _rule(OPEN_STATES, None, {R.ADMIN}, "marked_direct_report"),
    "auto_close": _rule({S.ANSWERED, S.WAITING_ENTERPRISE}, S.CLOSED, {R.SYSTEM}, "auto_closed"),
}


def check(action: str, issue: Issue, actor: Actor, who: frozenset[Relation] | None = None) -> Rule:
    """Raise unless the actor may take the action on the issue in its present state."""
    rule = RULES[action]
    require(actor, issue, who or rule.who, action)
    if issue.state not in rule.sources:
        raise InvalidTransition(
            "issue.wrong_state",
            f"cannot {action} issue {issue.code} while it is {issue.state}",
            action=action,
            state=str(issue.state),
            code=issue.code,
        )
    return rule


def apply(
    rule: Rule,
    issue: Issue,
    actor: Actor,
    now: datetime,
    text: str | None = None,
    target: IssueState | None = None,
    **data: Any,
) -> IssueEvent:
    """Move the issue to the rule's target (or `target`) and describe the move as an event."""
    before = issue.state
    issue.state = target or rule.target or before
    if actor.person_id is None and not actor.is_system:
        # The operator at the command line is nobody's id: the line says it was them.
        data["by"] = "operator"
    return IssueEvent(
        kind=rule.event,
        at=now,
        actor_id=actor.person_id,
        from_state=before,
        to_state=issue.state,
        text=text,
        data={k: v for k, v in data.items() if v is not None},
    )


def drop_pending(issue: Issue) -> str | None:
    """Clear a request the action makes moot; the event keeps its kind as a trace."""
    kind = issue.pending.kind if issue.pending is not None else None
    issue.pending = None
    return kind


def clean_text(text: str | None, field: str, required: bool = True) -> str | None:
    """Strip the text and enforce presence and the length bound."""
    cleaned = (text or "").strip()
    if not cleaned:
        if required:
            raise InvalidInput("input.required", f"{field} must not be empty", field=field)
        return None
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(
            "input.too_long",
            f"{field} is {len(cleaned)} characters; at most {MAX_TEXT} are allowed",
            field=field,
            limit=MAX_TEXT,
        )
    return cleaned

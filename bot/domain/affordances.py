"""Which actions of the lifecycle a person may take on an issue now: what cards offer (§5, §10).

Cards offer exactly what the rules would allow at this moment, so a button is never shown to
someone it would refuse; a press is still checked again, since the issue may change meanwhile.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.errors import DomainError, InvalidInput, InvalidTransition, NotAllowed
from bot.domain.model import Issue, IssueState
from bot.domain.oversight import may_decide
from bot.domain.people import Actor
from bot.domain.permissions import Relation, relations
from bot.domain.transitions import check

# The officials' actions in the order cards show them; "transfer" stands for both a direct
# transfer and a request for one, "decide" for approving or denying a pending request.
OFFICIALS = (
    "dispatch",
    "claim",
    "assign_member",
    "reply",
    "ask_info",
    "note",
    "resolve",
    "request_extension",
    "transfer",
    "add_co_handler",
    "return",
    "reject",
    "reopen",
    "decide",
    "instruct",
    "supervise",
    "mark_direct_report",
)
ENTERPRISE = ("supply_info", "confirm", "reject_answer", "withdraw", "rate", "reopen")
# A pending request blocks another one until it is decided.
BLOCKED_BY_PENDING = frozenset({"request_extension", "transfer"})


def offered(
    issue: Issue, actor: Actor, now: datetime, actions: tuple[str, ...] = OFFICIALS
) -> list[str]:
    """The actions among `actions` the actor may take on the issue now, in that order."""
    return [action for action in actions if refusal(action, issue, actor, now) is None]


def may_take(action: str, issue: Issue, actor: Actor, now: datetime) -> bool:
    """Whether the rules let the actor take the action on the issue at this moment."""
    return refusal(action, issue, actor, now) is None


def refusal(action: str, issue: Issue, actor: Actor, now: datetime) -> DomainError | None:
    """Why the actor may not take the action now, as the action itself would say; None if
    they may."""
    if action == "decide":
        if issue.pending is None:
            return InvalidTransition("request.none", "no request waits for a decision")
        if may_decide(issue, actor):
            return None
        return NotAllowed("issue.not_allowed", "you may not decide this request")
    names = ("transfer", "request_transfer") if action == "transfer" else (action,)
    errors = [_checked(name, issue, actor) for name in names]
    if all(error is not None for error in errors):
        if action == "claim" and issue.assignee_id is not None and issue.is_open:
            return InvalidTransition("issue.already_claimed", "someone signed for it already")
        return errors[0]
    if action in BLOCKED_BY_PENDING and issue.pending is not None:
        return InvalidInput("request.pending", "a request on this issue waits for approval")
    return _guard(action, issue, actor, now)


def has_passed_on(issue: Issue, actor: Actor) -> bool:
    """True when the actor's task force passed the issue on and they have no other part in it:
    it stays in their sight (首接负责) but is no longer theirs to work on."""
    return relations(actor, issue) == {Relation.ACCOUNTABLE}


def _checked(action: str, issue: Issue, actor: Actor) -> DomainError | None:
    try:
        check(action, issue, actor)
    except DomainError as error:
        return error
    return None


def _guard(action: str, issue: Issue, actor: Actor, now: datetime) -> DomainError | None:
    """The guards the domain functions add to the table's (see handling, oversight, closure)."""
    found = relations(actor, issue)
    named = issue.assignee_id not in (None, actor.person_id)
    if action == "claim" and named and Relation.LEAD not in found:
        return NotAllowed("issue.assigned_to_other", "the issue is someone else's")
    if action == "assign_member" and Relation.LEAD not in found:
        return NotAllowed("issue.not_allowed", "only the lead names who signs")
    if action == "supervise" and issue.supervised_by == actor.person_id:
        return InvalidTransition("issue.already_supervised", "you supervise it already")
    if action == "mark_direct_report" and issue.direct_report:
        return InvalidTransition("issue.already_direct", "it is a direct report already")
    if action == "rate" and issue.rating is not None:
        return InvalidTransition("issue.already_rated", "it was rated already")
    if action == "reopen" and issue.closed_at is not None:
        days = issue.policy.reopen_window_days
        if now - issue.closed_at > timedelta(days=days):
            return InvalidTransition("issue.reopen_expired", "too long closed", days=days)
    if action == "supply_info" and issue.state is IssueState.ANSWERED:
        # An answered issue is confirmed or sent back, not supplemented.
        return InvalidTransition(
            "issue.wrong_state",
            "the issue was answered",
            code=issue.code,
            state=str(issue.state),
        )
    return None

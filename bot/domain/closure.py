"""How an issue ends, and how it comes back: confirm, redo, reopen, withdraw, rate (§5)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.calendar import WorkCalendar
from bot.domain.clocks import cancel_clock, meet_clock, restart_clock, resume_clock
from bot.domain.errors import InvalidInput, InvalidTransition
from bot.domain.model import ClockName, Issue, IssueEvent, IssueState
from bot.domain.people import Actor
from bot.domain.permissions import Relation, relations
from bot.domain.transitions import apply, check, clean_text, drop_pending

MAX_FEEDBACK = 2_000


def confirm(issue: Issue, actor: Actor, now: datetime) -> IssueEvent:
    """The enterprise accepts the answer; the issue is done (办结)."""
    rule = check("confirm", issue, actor)
    return apply(rule, issue, actor, now, cancelled_request=_close(issue, now))


def auto_close(issue: Issue, actor: Actor, now: datetime, why: str) -> IssueEvent:
    """Close an issue whose enterprise stayed silent (answered, or asked and never answered)."""
    rule = check("auto_close", issue, actor)
    if issue.state is IssueState.WAITING_ENTERPRISE:
        # Nobody resolved anything: the clocks stop without counting as met or missed.
        for clock in issue.clocks.values():
            cancel_clock(clock, now)
    cancelled = _close(issue, now)
    issue.waiting_since = None
    return apply(rule, issue, actor, now, why=why, cancelled_request=cancelled)


def reject_answer(
    issue: Issue, actor: Actor, now: datetime, reason: str, calendar: WorkCalendar
) -> IssueEvent:
    """The enterprise is not satisfied with the answer: the task force must redo it."""
    rule = check("reject_answer", issue, actor)
    text = clean_text(reason, "reason")
    resume_clock(issue.clocks[ClockName.RESOLVE], calendar, now, issue.policy.reminder_fraction)
    issue.answered_at = None
    issue.last_activity_at = now
    return apply(rule, issue, actor, now, text)


def reopen(
    issue: Issue, actor: Actor, now: datetime, reason: str, calendar: WorkCalendar
) -> IssueEvent:
    """Bring a closed issue back to work within the reopen window."""
    rule = check("reopen", issue, actor)
    text = clean_text(reason, "reason")
    closed_at = issue.closed_at or now
    window = timedelta(days=issue.policy.reopen_window_days)
    if now - closed_at > window:
        raise InvalidTransition(
            "issue.reopen_expired",
            f"issues can be reopened only within {issue.policy.reopen_window_days} days",
            days=issue.policy.reopen_window_days,
        )
    policy = issue.policy
    restart_clock(
        issue.clocks[ClockName.RESOLVE],
        calendar,
        now,
        policy.clocks.resolve,
        policy.reminder_fraction,
    )
    issue.closed_at = None
    issue.answered_at = None
    issue.last_activity_at = now
    # The earlier rating stays in the timeline; the new resolution will be rated afresh.
    issue.rating = None
    issue.feedback = None
    # The enterprise is told when someone else (the office) brought its issue back.
    by_office = "office" if Relation.ENTERPRISE not in relations(actor, issue) else None
    return apply(rule, issue, actor, now, text, reopened_by=by_office)


def withdraw(issue: Issue, actor: Actor, now: datetime, reason: str | None) -> IssueEvent:
    """The enterprise no longer needs help with the issue."""
    rule = check("withdraw", issue, actor)
    text = clean_text(reason, "reason", required=False)
    for clock in issue.clocks.values():
        cancel_clock(clock, now)
    issue.closed_at = now
    issue.waiting_since = None
    return apply(rule, issue, actor, now, text, cancelled_request=drop_pending(issue))


def rate(
    issue: Issue, actor: Actor, now: datetime, score: int, feedback: str | None = None
) -> IssueEvent:
    """The enterprise rates the handling once, 1 to 5."""
    rule = check("rate", issue, actor)
    if issue.rating is not None:
        raise InvalidTransition("issue.already_rated", "the issue has been rated already")
    if not 1 <= score <= 5:
        raise InvalidInput("rating.range", "the rating must be between 1 and 5", value=score)
    text = clean_text(feedback, "feedback", required=False)
    if text is not None and len(text) > MAX_FEEDBACK:
        raise InvalidInput("input.too_long", "feedback is too long", limit=MAX_FEEDBACK)
    issue.rating = score
    issue.feedback = text
    return apply(rule, issue, actor, now, text, score=score)


def _close(issue: Issue, now: datetime) -> str | None:
    for clock in issue.clocks.values():
        meet_clock(clock, issue.answered_at or now)
    issue.closed_at = now
    return drop_pending(issue)

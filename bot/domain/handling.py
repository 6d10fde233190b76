"""What the task force does with an issue: sign, reply, ask, note, resolve (§5)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.calendar import WorkCalendar
from bot.domain.clocks import meet_clock, pause_all, pause_clock, resume_all
from bot.domain.errors import InvalidInput, InvalidTransition, NotAllowed
from bot.domain.intake import check_attachments, files_data
from bot.domain.model import Attachment, ClockName, Issue, IssueEvent, IssueState
from bot.domain.people import Actor
from bot.domain.permissions import Relation, relations, require
from bot.domain.transitions import RULES, apply, check, clean_text, drop_pending


def claim(issue: Issue, actor: Actor, now: datetime) -> IssueEvent:
    """An officer signs for the issue (签收); the first one wins."""
    if issue.state is IssueState.ACKNOWLEDGED and issue.assignee_id is not None:
        require(actor, issue, RULES["claim"].who, "claim")
        raise InvalidTransition(
            "issue.already_claimed",
            f"issue {issue.code} has been claimed already",
            code=issue.code,
            assignee_id=issue.assignee_id,
        )
    rule = check("claim", issue, actor)
    named = issue.assignee_id
    if (
        named is not None
        and named != actor.person_id
        and Relation.LEAD not in relations(actor, issue)
    ):
        raise NotAllowed("issue.assigned_to_other", "the issue is assigned to someone else")
    if issue.assignee_id != actor.person_id:
        issue.assigned_at = now
    issue.assignee_id = actor.person_id
    issue.accountable_task_force_id = issue.task_force_id
    issue.last_activity_at = now
    meet_clock(issue.clocks[ClockName.SIGN], now)
    # Whoever signs has taken the issue on: a transfer asked for before is moot.
    return apply(rule, issue, actor, now, cancelled_request=drop_pending(issue))


def reply(
    issue: Issue,
    actor: Actor,
    now: datetime,
    text: str,
    attachments: tuple[Attachment, ...] = (),
) -> IssueEvent:
    """Send the enterprise a reply on the way to the resolution (答复), with any files."""
    rule = check("reply", issue, actor)
    body = clean_text(text, "reply")
    check_attachments(attachments)
    meet_clock(issue.clocks[ClockName.REPLY], now)
    issue.last_activity_at = now
    return apply(rule, issue, actor, now, body, files=files_data(attachments))


def ask_info(
    issue: Issue,
    actor: Actor,
    now: datetime,
    text: str,
    calendar: WorkCalendar,
    attachments: tuple[Attachment, ...] = (),
) -> IssueEvent:
    """Ask the enterprise for more information (待补充); the clocks pause meanwhile."""
    rule = check("ask_info", issue, actor)
    body = clean_text(text, "question")
    check_attachments(attachments)
    meet_clock(issue.clocks[ClockName.REPLY], now)
    pause_all(issue.clocks, calendar, now)
    issue.waiting_since = now
    issue.last_activity_at = now
    return apply(rule, issue, actor, now, body, files=files_data(attachments))


def supply_info(
    issue: Issue,
    actor: Actor,
    now: datetime,
    text: str | None,
    calendar: WorkCalendar,
    attachments: tuple[Attachment, ...] = (),
) -> IssueEvent:
    """The enterprise adds information; if it was asked for, work and clocks resume."""
    rule = check("supply_info", issue, actor)
    body = clean_text(text, "information", required=not attachments)
    check_attachments(attachments)
    target = None
    if issue.state is IssueState.WAITING_ENTERPRISE:
        resume_all(issue.clocks, calendar, now, issue.policy.reminder_fraction)
        issue.waiting_since = None
        # The officer's idle time counts from the answer, not from their question.
        issue.last_activity_at = now
        target = IssueState.IN_PROGRESS
    # Kept with the issue, so that whoever handles it later (a transfer, details) sees them.
    issue.attachments = issue.attachments + attachments
    return apply(rule, issue, actor, now, body, target=target, files=files_data(attachments))


def note(issue: Issue, actor: Actor, now: datetime, text: str) -> IssueEvent:
    """Record progress (进展); a signed issue moves to in progress."""
    rule = check("note", issue, actor)
    body = clean_text(text, "note")
    target = IssueState.IN_PROGRESS if issue.state is IssueState.ACKNOWLEDGED else None
    issue.last_activity_at = now
    return apply(rule, issue, actor, now, body, target=target)


def resolve(
    issue: Issue,
    actor: Actor,
    now: datetime,
    text: str,
    calendar: WorkCalendar,
    attachments: tuple[Attachment, ...] = (),
) -> IssueEvent:
    """Send the enterprise the resolution (已答复) and wait for its confirmation."""
    rule = check("resolve", issue, actor)
    body = clean_text(text, "resolution")
    check_attachments(attachments)
    meet_clock(issue.clocks[ClockName.REPLY], now)
    # Paused, not met: if the enterprise rejects the answer the clock runs on (redo).
    pause_clock(issue.clocks[ClockName.RESOLVE], calendar, now)
    issue.answered_at = now
    issue.last_activity_at = now
    return apply(
        rule,
        issue,
        actor,
        now,
        body,
        cancelled_request=drop_pending(issue),
        files=files_data(attachments),
    )


def add_co_handler(issue: Issue, actor: Actor, now: datetime, task_force_id: int) -> IssueEvent:
    """Ask another task force to help (协办)."""
    rule = check("add_co_handler", issue, actor)
    if task_force_id == issue.task_force_id or task_force_id in issue.co_handler_ids:
        raise InvalidInput("co_handler.duplicate", "that task force already handles the issue")
    issue.co_handler_ids = issue.co_handler_ids | {task_force_id}
    return apply(rule, issue, actor, now, task_force_id=task_force_id)

"""Extensions and approvals, and what leaders do: instruct and supervise (§7, §8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from bot.domain.calendar import WorkCalendar
from bot.domain.clocks import extend_clock
from bot.domain.errors import InvalidInput, InvalidTransition
from bot.domain.intake import transfer
from bot.domain.model import ClockName, Issue, IssueEvent, PendingRequest
from bot.domain.people import Actor
from bot.domain.permissions import Relation, relations, require
from bot.domain.transitions import RULES, Rule, apply, check, clean_text

APPROVERS = {
    # The office stands in for a task force whose lead is missing or is the requester.
    "lead": frozenset({Relation.LEAD, Relation.OFFICE, Relation.ADMIN}),
    "leader": frozenset({Relation.SUPERVISOR, Relation.PRINCIPAL, Relation.ADMIN}),
}


def request_extension(
    issue: Issue,
    actor: Actor,
    now: datetime,
    new_due: date,
    reason: str,
    calendar: WorkCalendar,
) -> IssueEvent:
    """Ask for a later resolution date (延期申请), within the cap; the lead approves."""
    rule = check("request_extension", issue, actor)
    text = clean_text(reason, "reason")
    assert text is not None and actor.person_id is not None
    if issue.pending is not None:
        raise InvalidInput("request.pending", "a request on this issue is waiting for approval")
    clock = issue.clocks[ClockName.RESOLVE]
    current = clock.due_at.astimezone(calendar.tz).date()
    if new_due <= current:
        raise InvalidInput(
            "extension.not_later",
            f"the new date must be after the current deadline {current}",
            due=current.isoformat(),
        )
    cap = (
        calendar.deadline(issue.filed_at, issue.policy.extension_cap)
        .astimezone(calendar.tz)
        .date()
    )
    if new_due > cap:
        raise InvalidInput(
            "extension.over_cap",
            f"the new date may be {cap} at the latest",
            cap=cap.isoformat(),
        )
    if not calendar.is_workday(new_due):
        raise InvalidInput(
            "extension.not_workday", f"{new_due} is not a working day", day=new_due.isoformat()
        )
    # A second extension, or one the lead asks for, goes to the supervising leader.
    lead_asks = Relation.LEAD in relations(actor, issue)
    approver = "leader" if issue.extensions_granted or lead_asks else "lead"
    issue.pending = PendingRequest(
        kind="extension",
        requested_by=actor.person_id,
        requested_at=now,
        reason=text,
        approver=approver,
        new_due=new_due,
    )
    return apply(rule, issue, actor, now, text, new_due=new_due.isoformat(), approver=approver)


def decide_request(
    issue: Issue,
    actor: Actor,
    now: datetime,
    approve: bool,
    calendar: WorkCalendar,
    note: str | None = None,
) -> IssueEvent:
    """Approve or deny the pending extension or transfer."""
    pending = issue.pending
    if pending is None:
        # Outsiders learn nothing, not even whether a request is pending.
        require(actor, issue, APPROVERS["lead"] | APPROVERS["leader"], "decide")
        raise InvalidTransition("request.none", "there is no request waiting for a decision")
    who = APPROVERS[pending.approver]
    if pending.kind == "transfer":
        who = who | {Relation.OFFICE}
    require(actor, issue, who, "decide")
    text = clean_text(note, "note", required=False)
    if not approve:
        issue.pending = None
        denied = Rule(frozenset(), None, who, "request_denied")
        return apply(
            denied,
            issue,
            actor,
            now,
            text,
            request=pending.kind,
            requested_by=pending.requested_by,
        )
    if pending.kind == "transfer":
        assert pending.target_task_force_id is not None
        # Check before clearing the request, so a refused approval leaves it pending.
        check("transfer", issue, actor, who=who | RULES["transfer"].who)
        issue.pending = None
        return transfer(issue, actor, now, pending.target_task_force_id, pending.reason, calendar)
    rule = check("request_extension", issue, actor, who=who)
    assert pending.new_due is not None
    clock = issue.clocks[ClockName.RESOLVE]
    due = close_of_business(calendar, pending.new_due)
    extend_clock(clock, calendar, now, due, issue.policy.reminder_fraction)
    issue.extensions_granted += 1
    issue.pending = None
    approved = replace(rule, event="extension_approved")
    return apply(
        approved,
        issue,
        actor,
        now,
        text,
        new_due=clock.due_at.isoformat(),
        requested_by=pending.requested_by,
    )


def close_of_business(calendar: WorkCalendar, day: date) -> datetime:
    """The end of the last working period of a day, in the calendar's time zone."""
    return datetime.combine(day, calendar.hours.close_of_business, tzinfo=calendar.tz)


def instruct(issue: Issue, actor: Actor, now: datetime, text: str) -> IssueEvent:
    """A leader's written instruction (批示), pushed at once to the handlers."""
    rule = check("instruct", issue, actor)
    body = clean_text(text, "instruction")
    return apply(rule, issue, actor, now, body)


def supervise(issue: Issue, actor: Actor, now: datetime) -> IssueEvent:
    """A leader puts the issue under supervision (督办): later escalations go to them."""
    rule = check("supervise", issue, actor)
    if issue.supervised_by == actor.person_id:
        raise InvalidTransition("issue.already_supervised", "you already supervise this issue")
    issue.supervised_by = actor.person_id
    return apply(rule, issue, actor, now)


def mark_direct_report(issue: Issue, actor: Actor, now: datetime) -> IssueEvent:
    """An admin sends an issue to the direct-report recipients though the rule did not."""
    rule = check("mark_direct_report", issue, actor)
    if issue.direct_report:
        raise InvalidTransition("issue.already_direct", "the issue is a direct report already")
    issue.direct_report = True
    return apply(rule, issue, actor, now)

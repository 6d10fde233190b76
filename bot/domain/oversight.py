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
    "lead": frozenset({Relation.LEAD, Relation.ADMIN}),
    # The office stands in for the lead of a task force that has none.
    "office": frozenset({Relation.OFFICE, Relation.ADMIN}),
    "leader": frozenset({Relation.SUPERVISOR, Relation.PRINCIPAL, Relation.ADMIN}),
    # ... and for the supervising leader of a task force that has none.
    "office_for_leader": frozenset({Relation.OFFICE, Relation.PRINCIPAL, Relation.ADMIN}),
}


def request_extension(
    issue: Issue,
    actor: Actor,
    now: datetime,
    new_due: date,
    reason: str,
    calendar: WorkCalendar,
    lead_exists: bool,
    leader_exists: bool = True,
) -> IssueEvent:
    """Ask for a later resolution date (延期申请), within the cap; the lead approves, or the
    supervising leader a second one or the lead's own; the office stands in for either when
    the task force has none."""
    rule = check("request_extension", issue, actor)
    text = clean_text(reason, "reason")
    assert text is not None and actor.person_id is not None
    if issue.pending is not None:
        raise InvalidInput("request.pending", "a request on this issue is waiting for approval")
    check_new_due(issue, calendar, new_due)
    # A second extension, or one the lead asks for, goes to the supervising leader.
    lead_asks = Relation.LEAD in relations(actor, issue)
    approver = "leader" if issue.extensions_granted or lead_asks else "lead"
    if approver == "lead" and not lead_exists:
        approver = "office"
    elif approver == "leader" and not leader_exists:
        approver = "office_for_leader"
    issue.pending = PendingRequest(
        kind="extension",
        requested_by=actor.person_id,
        requested_at=now,
        reason=text,
        approver=approver,
        new_due=new_due,
    )
    return apply(rule, issue, actor, now, text, new_due=new_due.isoformat(), approver=approver)


def extension_window(issue: Issue, calendar: WorkCalendar) -> tuple[date, date]:
    """The current resolution day and the latest day an extension may reach (the cap)."""
    current = issue.clocks[ClockName.RESOLVE].due_at.astimezone(calendar.tz).date()
    cap = calendar.deadline(issue.filed_at, issue.policy.extension_cap).astimezone(calendar.tz)
    return current, cap.date()


def check_new_due(issue: Issue, calendar: WorkCalendar, new_due: date) -> None:
    """Refuse a new resolution day that is not later, beyond the cap, or not a working day."""
    current, latest = extension_window(issue, calendar)
    if new_due <= current:
        raise InvalidInput(
            "extension.not_later",
            f"the new date must be after the current deadline {current}",
            due=current.isoformat(),
            latest=latest.isoformat(),
        )
    if new_due > latest:
        raise InvalidInput(
            "extension.over_cap",
            f"the new date may be {latest} at the latest",
            latest=latest.isoformat(),
        )
    if not calendar.is_workday(new_due):
        raise InvalidInput(
            "extension.not_workday",
            f"{new_due} is not a working day",
            day=new_due.isoformat(),
            latest=latest.isoformat(),
        )


def may_decide(issue: Issue, actor: Actor) -> bool:
    """Whether the actor may approve or deny the request pending on the issue."""
    pending = issue.pending
    return pending is not None and bool(relations(actor, issue) & _deciders(pending))


def _deciders(pending: PendingRequest) -> frozenset[Relation]:
    who = APPROVERS[pending.approver]
    # The office stands in for any lead on transfers: it dispatches across task forces.
    return who | {Relation.OFFICE} if pending.kind == "transfer" else who


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
    who = _deciders(pending)
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
        moved = transfer(issue, actor, now, pending.target_task_force_id, pending.reason, calendar)
        # The requester hears that their request went through.
        return replace(moved, data={**moved.data, "requested_by": pending.requested_by})
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

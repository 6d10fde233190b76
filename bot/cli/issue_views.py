"""How the command line shows an issue: its table row, its page with the timeline, its JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from bot.cli.output import print_table
from bot.domain.calendar import WorkCalendar
from bot.domain.model import Clock, Issue, IssueEvent
from bot.domain.permissions import Relation
from bot.domain.transitions import RULES
from bot.services.queries import IssueView

# Events only a person may cause: without a person, the operator caused them (lines written
# before events said who, when nobody's id was theirs).
OPERATOR_EVENTS: Final = frozenset(
    rule.event for rule in RULES.values() if Relation.SYSTEM not in rule.who
)


def actor_name(event: IssueEvent, names: dict[int, str]) -> str:
    """Who wrote the timeline line: a person's name, "system" (the scheduler: routing, round
    robin, reminders, escalations, auto-closing) or "operator" (the command line)."""
    if event.actor_id is not None:
        return names.get(event.actor_id) or f"person {event.actor_id}"
    if event.data.get("by") == "operator" or event.kind in OPERATOR_EVENTS:
        return "operator"
    return "system"


def uncovered_deadlines(issue: Issue, calendar: WorkCalendar) -> list[tuple[str, datetime]]:
    """The running clocks due in a year no holiday source covers, with their local due time."""
    found: list[tuple[str, datetime]] = []
    for clock in issue.clocks.values():
        local = clock.due_at.astimezone(calendar.tz)
        if clock.running and not calendar.covers(local.date()):
            found.append((str(clock.name), local))
    return found


def is_late(issue: Issue, now: datetime) -> bool:
    """True when a running clock's deadline has passed at `now`."""
    due = issue.next_due()
    return due is not None and due < now


def issue_row(issue: Issue, now: datetime, calendar: WorkCalendar) -> tuple[object, ...]:
    """The issue as a line of `issues list`."""
    due = issue.next_due()
    return (
        issue.code,
        issue.state,
        issue.urgency,
        issue.category,
        due.astimezone(calendar.tz) if due is not None else None,
        "overdue" if is_late(issue, now) else "",
        excerpt(issue.text),
    )


def print_view(view: IssueView, calendar: WorkCalendar, now: datetime, as_of: bool) -> None:
    """The issue's page: heading, clocks (flagged where no holiday data covers them), text,
    and the timeline with who did each thing; `as_of` says `now` was asked for (--at)."""
    issue, tz = view.issue, calendar.tz
    print(f"{issue.code}  {issue.state}  {issue.urgency}  {issue.category}")
    if as_of:
        print(f"as of:       {now.astimezone(tz):%Y-%m-%d %H:%M}")
    print(f"enterprise:  {view.enterprise_name}")
    print(f"task force:  {view.task_force_code or '-'}")
    print(f"filed:       {issue.filed_at.astimezone(tz):%Y-%m-%d %H:%M}")
    if issue.direct_report:
        print("direct report: yes")
    for clock in issue.clocks.values():
        local = clock.due_at.astimezone(tz)
        line = f"{clock.name + ' due:':<13}{local:%Y-%m-%d %H:%M}  {_status(clock, now)}"
        if clock.running and not calendar.covers(local.date()):
            line += f"  (no holiday data for {local.year}: counted Monday–Friday only)"
        print(line)
    print(f"\n{issue.text}\n")
    print_table(
        ("when", "what", "by", "state", "text"),
        [
            (e.at.astimezone(tz), e.kind, actor_name(e, view.names), e.to_state, excerpt(e.text))
            for e in view.events
        ],
    )


def issue_json(issue: Issue, now: datetime) -> dict[str, Any]:
    """The issue as plain data; `overdue` is as of `now`."""
    return {
        "code": issue.code,
        "state": issue.state,
        "urgency": issue.urgency,
        "category": issue.category,
        "direct_report": issue.direct_report,
        "enterprise_id": issue.enterprise_id,
        "project_id": issue.project_id,
        "task_force_id": issue.task_force_id,
        "assignee_id": issue.assignee_id,
        "filed_at": issue.filed_at,
        "text": issue.text,
        "language": issue.language,
        "escalation_level": issue.escalation_level,
        "supervised_by": issue.supervised_by,
        "rating": issue.rating,
        "next_due": issue.next_due(),
        "overdue": is_late(issue, now),
        "clocks": {
            str(c.name): {
                "due_at": c.due_at,
                "met_at": c.met_at,
                "on_time": c.on_time,
                "paused": c.paused,
            }
            for c in issue.clocks.values()
        },
    }


def event_json(event: IssueEvent, names: dict[int, str]) -> dict[str, Any]:
    """A timeline entry as plain data, with who wrote it."""
    return {
        "kind": event.kind,
        "at": event.at,
        "actor_id": event.actor_id,
        "actor": actor_name(event, names),
        "from_state": event.from_state,
        "to_state": event.to_state,
        "text": event.text,
        "data": event.data,
    }


def excerpt(text: str | None, width: int = 40) -> str:
    """The text on one line, cut to `width` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _status(clock: Clock, now: datetime) -> str:
    if clock.running:
        return "running, overdue" if clock.due_at < now else "running"
    if clock.paused:
        return "paused"
    if clock.on_time:
        return "met on time"
    return "met late" if clock.on_time is False else "stopped"

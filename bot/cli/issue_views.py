"""How the command line shows an issue: its line in a list, and its page with the timeline
(its JSON is in issue_data)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Final

from bot.cli.issue_data import is_late
from bot.cli.names import Names, actor_name
from bot.cli.output import print_table
from bot.domain.calendar import WorkCalendar
from bot.domain.model import Clock, Issue, IssueEvent, IssueState, PendingRequest

# Timeline events whose task force is where the issue went (or who was asked to help).
SENT_TO: Final = frozenset(
    {"routed", "dispatched", "transferred", "transfer_requested", "co_handler_added"}
)
LABEL = 15
# Who decides a waiting request, by the approver the request was given.
APPROVER_WORDS = {
    "lead": "the lead",
    "leader": "the supervising leader",
    "office": "the office (no lead)",
    "office_for_leader": "the office (no supervising leader)",
}


def uncovered_deadlines(issue: Issue, calendar: WorkCalendar) -> list[tuple[str, datetime]]:
    """The running clocks due in a year no holiday source covers, with their local due time."""
    found: list[tuple[str, datetime]] = []
    for clock in issue.clocks.values():
        local = clock.due_at.astimezone(calendar.tz)
        if clock.running and not calendar.covers(local.date()):
            found.append((str(clock.name), local))
    return found


def issue_row(
    issue: Issue, now: datetime, calendar: WorkCalendar, names: Names
) -> tuple[object, ...]:
    """The issue as a line of `issues list`."""
    due = issue.next_due()
    team = names.team(issue.task_force_id)
    return (
        issue.code,
        issue.state,
        issue.urgency,
        issue.category,
        team.code if team is not None else None,
        names.person(issue.assignee_id),
        due.astimezone(calendar.tz) if due is not None else None,
        "overdue" if is_late(issue, now) else "",
        excerpt(issue.text),
    )


def print_view(
    issue: Issue,
    events: list[IssueEvent],
    names: Names,
    calendar: WorkCalendar,
    now: datetime,
    as_of: bool,
) -> None:
    """The issue's page: heading, who and where, clocks (flagged where no holiday data covers
    them), text, and the timeline with who did each thing and to whom; `as_of` says `now` was
    asked for (--at)."""
    tz = calendar.tz
    print(f"{issue.code}  {issue.state}  {issue.urgency}  {issue.category}")
    if as_of:
        _line("as of", f"{now.astimezone(tz):%Y-%m-%d %H:%M}")
    for label, value in who_lines(issue, names):
        _line(label, value)
    _line("filed", f"{issue.filed_at.astimezone(tz):%Y-%m-%d %H:%M}")
    if issue.direct_report:
        _line("direct report", "yes")
    for clock in issue.clocks.values():
        local = clock.due_at.astimezone(tz)
        line = f"{local:%Y-%m-%d %H:%M}  {_status(clock, now)}"
        if clock.running and not calendar.covers(local.date()):
            line += f"  (no holiday data for {local.year}: counted Monday–Friday only)"
        _line(f"{clock.name} due", line)
    print(f"\n{issue.text}\n")
    print_table(
        ("when", "what", "by", "to", "state", "text"),
        [
            (
                e.at.astimezone(tz),
                e.kind,
                actor_name(e, names),
                event_target(e, names, tz),
                e.to_state,
                excerpt(e.text),
            )
            for e in events
        ],
    )


def who_lines(issue: Issue, names: Names) -> list[tuple[str, str]]:
    """Who and where: enterprise, project, task forces, the officer, leaders, a request."""
    lines = [("enterprise", names.enterprises.get(issue.enterprise_id, "?"))]
    project = names.projects.get(issue.project_id) if issue.project_id is not None else None
    about = None
    if project is not None:
        coordinated = ", city-coordinated" if project.city_coordinated else ""
        about = f"{project.name} (stage: {_words(project.stage)}{coordinated})"
    lines.append(("project", about or "-"))
    lines.append(("task force", names.team_label(issue.task_force_id) or "-"))
    team = names.team(issue.task_force_id)
    accountable = issue.accountable_task_force_id
    if accountable is not None and accountable != issue.task_force_id:
        until = team.code if team is not None else "a task force"
        first = f"{names.team_label(accountable)}, first to receive it (首接负责)"
        lines.append(("accountable", f"{first}, until {until} signs"))
    helpers = [names.team_label(t) or "" for t in sorted(issue.co_handler_ids)]
    lines.append(("co-handling", ", ".join(helpers) or "-"))
    lines.append(("assignee", _assignee(issue, names)))
    leader = names.person(names.leader_of(issue))
    lines.append(("leader", f"{leader} (supervises {team.code})" if leader and team else "-"))
    if issue.supervised_by is not None:
        lines.append(("supervision", f"{names.person(issue.supervised_by)} (督办)"))
    if issue.pending is not None:
        lines.append(("request", _request(issue.pending, names)))
    return lines


def event_target(event: IssueEvent, names: Names, tz: tzinfo) -> str | None:
    """To whom or where a timeline event sent the issue, or what it changed a deadline to."""
    data = event.data
    if event.kind in SENT_TO:
        return names.team_label(data.get("task_force_id"))
    if event.kind == "returned":
        returning = names.team_label(data.get("task_force_id"))
        return f"office, from {returning}" if returning else "office"
    if event.kind == "member_assigned":
        return names.person(data.get("assignee_id"))
    due = data.get("new_due")
    if event.kind in ("extension_requested", "extension_approved") and isinstance(due, str):
        return f"due {_day(due, tz)}"
    return None


def excerpt(text: str | None, width: int = 40) -> str:
    """The text on one line, cut to `width` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _line(label: str, value: str) -> None:
    # At least one space after the colon, however long a label grows.
    print(f"{label + ':':<{LABEL - 1}} {value}")


def _words(name: str) -> str:
    return name.replace("_", " ")


def _assignee(issue: Issue, names: Names) -> str:
    who = names.person(issue.assignee_id)
    if who is None:
        return "-"
    # Before anyone signs, the assignee is only the officer named to sign.
    return (
        f"{who} (named to claim it; not signed yet)" if issue.state is IssueState.ASSIGNED else who
    )


def _request(pending: PendingRequest, names: Names) -> str:
    who = names.person(pending.requested_by)
    if pending.kind == "transfer":
        what = f"transfer to {names.team_label(pending.target_task_force_id)}"
    else:
        what = f"extension to {pending.new_due}"
    deciding = APPROVER_WORDS.get(pending.approver, pending.approver)
    return f"{what}, asked by {who}, waiting for {deciding}: {excerpt(pending.reason)}"


def _day(value: str, tz: tzinfo) -> str:
    # A requested date is a day; an approved one the moment that day's business closes.
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return f"{datetime.fromisoformat(value).astimezone(tz):%Y-%m-%d}"


def _status(clock: Clock, now: datetime) -> str:
    if clock.running:
        return "running, overdue" if clock.due_at < now else "running"
    if clock.paused:
        return "paused"
    if clock.on_time:
        return "met on time"
    return "met late" if clock.on_time is False else "stopped"

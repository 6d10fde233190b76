"""`zhibao issues list`, `show` and `direct-report`."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, tzinfo
from typing import Any

from bot.cli.output import opened, print_json, print_table
from bot.domain.model import OPEN_STATES, Issue, IssueEvent, IssueState
from bot.domain.people import OPERATOR
from bot.services import follow_up
from bot.services.ports import IssueQuery
from bot.services.queries import IssueView, list_issues, show_issue

STATES = [s.value for s in IssueState]


def register(commands: Any) -> None:
    """Add the issue commands to the parser."""
    issues = commands.add_parser("issues", help="issues").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = issues.add_parser("list", help="list issues, most urgent deadline first")
    listing.add_argument("--state", action="append", choices=[*STATES, "open"])
    listing.add_argument("--overdue", action="store_true", help="only issues past a deadline")
    listing.add_argument("--limit", type=_positive, default=100)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)
    show = issues.add_parser("show", help="one issue with its timeline")
    show.add_argument("code", help="e.g. ZB-2026-000123")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_show)
    direct = issues.add_parser(
        "direct-report",
        help="send an issue to the direct-report recipients (直报) though the rule did not",
    )
    direct.add_argument("code", help="e.g. ZB-2026-000123")
    direct.set_defaults(handler=run_direct_report)


async def run_list(args: argparse.Namespace) -> int:
    """List issues."""
    states: set[IssueState] | None = None
    if args.state:
        states = set()
        for name in args.state:
            states |= OPEN_STATES if name == "open" else {IssueState(name)}
    now = datetime.now(UTC)
    query = IssueQuery(
        states=frozenset(states) if states is not None else None,
        overdue_at=now if args.overdue else None,
        limit=args.limit,
    )
    async with opened(args) as app:
        found = await list_issues(app.uow(), OPERATOR, query)
        tz = app.ctx.calendar.tz
    if args.json:
        print_json([issue_json(i) for i in found])
        return 0
    rows = [_row(i, now, tz) for i in found]
    print_table(("code", "state", "urgency", "category", "next due", "late", "text"), rows)
    return 0


async def run_direct_report(args: argparse.Namespace) -> int:
    """Mark an issue for direct report; the running bot sends the cards."""
    async with opened(args) as app:
        outcome = await follow_up.mark_direct_report(
            app.uow(), app.ctx, OPERATOR, args.code, datetime.now(UTC)
        )
    print(f"{outcome.issue.code} is a direct report now; {outcome.notices} notice(s) queued")
    return 0


async def run_show(args: argparse.Namespace) -> int:
    """Show one issue and its timeline."""
    async with opened(args) as app:
        view = await show_issue(app.uow(), OPERATOR, args.code)
        tz = app.ctx.calendar.tz
    if args.json:
        print_json({**issue_json(view.issue), "timeline": [event_json(e) for e in view.events]})
        return 0
    _print_view(view, tz)
    return 0


def issue_json(issue: Issue) -> dict[str, Any]:
    """The issue as plain data."""
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


def event_json(event: IssueEvent) -> dict[str, Any]:
    """A timeline entry as plain data."""
    return {
        "kind": event.kind,
        "at": event.at,
        "actor_id": event.actor_id,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "text": event.text,
        "data": event.data,
    }


def _print_view(view: IssueView, tz: tzinfo) -> None:
    issue = view.issue
    print(f"{issue.code}  {issue.state}  {issue.urgency}  {issue.category}")
    print(f"enterprise:  {view.enterprise_name}")
    print(f"task force:  {view.task_force_code or '-'}")
    print(f"filed:       {issue.filed_at.astimezone(tz):%Y-%m-%d %H:%M}")
    if issue.direct_report:
        print("direct report: yes")
    for clock in issue.clocks.values():
        status = (
            "running"
            if clock.running
            else "paused"
            if clock.paused
            else (
                "met on time"
                if clock.on_time
                else "met late"
                if clock.on_time is False
                else "stopped"
            )
        )
        print(f"{clock.name + ' due:':<13}{clock.due_at.astimezone(tz):%Y-%m-%d %H:%M}  {status}")
    print(f"\n{issue.text}\n")
    print_table(
        ("when", "what", "by", "state", "text"),
        [
            (e.at.astimezone(tz), e.kind, e.actor_id, e.to_state, _excerpt(e.text or ""))
            for e in view.events
        ],
    )


def _row(issue: Issue, now: datetime, tz: tzinfo) -> tuple[object, ...]:
    due = issue.next_due()
    late = "overdue" if due is not None and due < now else ""
    shown = due.astimezone(tz) if due is not None else None
    return (
        issue.code,
        issue.state,
        issue.urgency,
        issue.category,
        shown,
        late,
        _excerpt(issue.text),
    )


def _excerpt(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number

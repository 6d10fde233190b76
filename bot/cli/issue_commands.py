"""`zhibao issues list` and `show`; the actions on an issue are in issue_actions."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli import issue_actions
from bot.cli.arguments import add_at_option, issue_code, now_of, positive_number
from bot.cli.issue_data import event_json, issue_json
from bot.cli.issue_views import issue_row, print_view
from bot.cli.names import names_of
from bot.cli.output import opened, print_json, print_table
from bot.domain.model import OPEN_STATES, IssueState
from bot.domain.people import OPERATOR
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue

STATES = [s.value for s in IssueState]


def register(commands: Any) -> None:
    """Add the issue commands to the parser."""
    issues = commands.add_parser("issues", help="issues").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = issues.add_parser("list", help="list issues, most urgent deadline first")
    listing.add_argument("--state", action="append", choices=[*STATES, "open"])
    listing.add_argument("--overdue", action="store_true", help="only issues past a deadline")
    listing.add_argument(
        "--limit", type=positive_number, default=100, help="at most this many (default 100)"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    add_at_option(listing)
    listing.set_defaults(handler=run_list)
    show = issues.add_parser("show", help="one issue with its timeline")
    show.add_argument("code", type=issue_code, metavar="CODE", help="e.g. ZB-2026-000123")
    show.add_argument("--json", action="store_true", help="print JSON")
    add_at_option(show)
    show.set_defaults(handler=run_show)
    issue_actions.register(issues)


async def run_list(args: argparse.Namespace) -> int:
    """List issues; overdue and late are judged at --at, else now."""
    states: set[IssueState] | None = None
    if args.state:
        states = set()
        for name in args.state:
            states |= OPEN_STATES if name == "open" else {IssueState(name)}
    async with opened(args) as app:
        calendar = app.ctx.calendar
        now = now_of(args, calendar)
        query = IssueQuery(
            states=frozenset(states) if states is not None else None,
            overdue_at=now if args.overdue else None,
            limit=args.limit,
        )
        found = await list_issues(app.uow(), OPERATOR, query)
        async with app.uow().reading() as uow:
            names = await names_of(uow, found)
    if args.json:
        print_json([issue_json(i, now, names) for i in found])
        return 0
    rows = [issue_row(i, now, calendar, names) for i in found]
    print_table(
        (
            "code",
            "state",
            "urgency",
            "category",
            "task force",
            "assignee",
            "next due",
            "late",
            "text",
        ),
        rows,
    )
    return 0


async def run_show(args: argparse.Namespace) -> int:
    """Show one issue and its timeline, with who did what."""
    async with opened(args) as app:
        view = await show_issue(app.uow(), OPERATOR, args.code)
        async with app.uow().reading() as uow:
            names = await names_of(uow, [view.issue], view.events)
        calendar = app.ctx.calendar
    issue, events = view.issue, view.events
    now = now_of(args, calendar)
    if args.json:
        timeline = [event_json(e, names) for e in events]
        print_json({**issue_json(issue, now, names), "timeline": timeline})
        return 0
    print_view(issue, events, names, calendar, now, as_of=args.at is not None)
    return 0

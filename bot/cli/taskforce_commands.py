"""`zhibao taskforce list`, `link-group` and `unlink-group`."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.output import opened, print_table
from bot.domain.people import OPERATOR
from bot.services.directory import link_group
from bot.services.ports import UnitOfWork


def register(commands: Any) -> None:
    """Add the task force commands to the parser."""
    team = commands.add_parser("taskforce", help="task forces").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    team.add_parser("list", help="list task forces").set_defaults(handler=list_task_forces)
    link = team.add_parser(
        "link-group",
        help="make a chat the task force's group (the bot says a group's id when added to it)",
    )
    link.add_argument("code", metavar="CODE", help="the task force, e.g. alu")
    link.add_argument("chat", metavar="CHAT_ID", help="the group's chat id, e.g. -1001234567890")
    link.set_defaults(handler=run_link_group)
    unlink = team.add_parser("unlink-group", help="the task force has no group any more")
    unlink.add_argument("code", metavar="CODE", help="the task force, e.g. alu")
    unlink.set_defaults(handler=run_unlink_group)


async def list_task_forces(args: argparse.Namespace) -> int:
    """Print every task force with its people and group."""
    async with opened(args) as app, app.uow() as uow:
        teams = await uow.task_forces.all()
        names = {p.id: p.name for p in await uow.people.with_role(None)}
    rows = [
        (
            t.code,
            t.name_zh,
            t.name_en,
            t.kind,
            t.assignment,
            names.get(t.lead_id),
            names.get(t.supervising_leader_id),
            len(t.member_ids),
            t.group_chat,
            "yes" if t.active else "no",
        )
        for t in teams
    ]
    print_table(
        (
            "code",
            "name",
            "name (en)",
            "kind",
            "mode",
            "lead",
            "leader",
            "members",
            "group",
            "active",
        ),
        rows,
    )
    return 0


async def run_link_group(args: argparse.Namespace) -> int:
    """Link the group; a group linked before is replaced, and said so."""
    async with opened(args) as app:
        before = await _group_of(app.uow(), args.code)
        team = await link_group(app.uow(), OPERATOR, args.code, args.chat)
    if before == team.group_chat:
        print(f"{team.code} ({team.name_zh}): group {team.group_chat} (unchanged)")
    elif before:
        print(f"{team.code} ({team.name_zh}): group {team.group_chat}, replacing {before}")
    else:
        print(f"{team.code} ({team.name_zh}): group {team.group_chat}")
    return 0


async def run_unlink_group(args: argparse.Namespace) -> int:
    """Unlink the task force's group."""
    async with opened(args) as app:
        before = await _group_of(app.uow(), args.code)
        team = await link_group(app.uow(), OPERATOR, args.code, None)
    if before:
        print(f"{team.code} ({team.name_zh}): no group now (was {before})")
    else:
        print(f"{team.code} ({team.name_zh}): had no group (unchanged)")
    return 0


async def _group_of(uow: UnitOfWork, code: str) -> str | None:
    async with uow.reading():
        team = await uow.task_forces.by_code(code.strip().lower())
    return team.group_chat if team is not None else None

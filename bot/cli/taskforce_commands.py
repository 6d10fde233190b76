"""`zhibao taskforce list` and `zhibao taskforce group` (a task force's group on each channel)."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.names import channel_label
from bot.cli.output import CommandError, opened, print_table
from bot.domain.people import CHANNELS, OPERATOR, TELEGRAM
from bot.services.directory import APPCHAT, link_group
from bot.services.ports import UnitOfWork

CHANNEL_HELP = "the channel of the group (default: telegram)"


def register(commands: Any) -> None:
    """Add the task force commands to the parser."""
    team = commands.add_parser("taskforce", help="task forces").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    team.add_parser("list", help="list task forces").set_defaults(handler=list_task_forces)
    group = team.add_parser(
        "group",
        help="set or clear the task force's group on a channel",
        description="Make a chat the task force's group on a channel, or with --clear leave "
        "it without one there. A Telegram group's id is negative (the bot says it when it is "
        "added to the group); a WeCom group is appchat:CHATID, the chatid of the app's group.",
    )
    group.add_argument("code", metavar="CODE", help="the task force, e.g. alu")
    group.add_argument("chat", metavar="CHAT_ID", nargs="?", help="e.g. -1001234567890")
    group.add_argument("--channel", choices=CHANNELS, default=TELEGRAM, help=CHANNEL_HELP)
    group.add_argument("--clear", action="store_true", help="the task force has no group there")
    group.set_defaults(handler=run_group)


async def list_task_forces(args: argparse.Namespace) -> int:
    """Print every task force with its people and its group on each channel."""
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
            *(t.group_on(channel) for channel in CHANNELS),
            "yes" if t.active else "no",
        )
        for t in teams
    ]
    groups = [f"{channel} group" for channel in CHANNELS]
    headers = ("code", "name", "name (en)", "kind", "mode", "lead", "leader", "members")
    print_table((*headers, *groups, "active"), rows)
    return 0


async def run_group(args: argparse.Namespace) -> int:
    """Link or clear the group on the channel; a group linked before is replaced, and said so."""
    chat: str | None = args.chat
    if args.clear and chat is not None:
        raise CommandError("give CHAT_ID or --clear, not both")
    if not args.clear and chat is None:
        raise CommandError("give the group's CHAT_ID, or --clear to leave the task force without")
    if chat is not None and args.channel == TELEGRAM and chat.strip().startswith(APPCHAT):
        raise CommandError(f"{chat.strip()} is a WeCom group; add --channel wecom")
    what = f"{channel_label(args.channel)} group"
    async with opened(args) as app:
        before = await _group_of(app.uow(), args.code, args.channel)
        team = await link_group(app.uow(), OPERATOR, args.code, chat, args.channel)
    after = team.group_on(args.channel)
    name = f"{team.code} ({team.name_zh})"
    if after is None:
        done = f"no {what} now (was {before})" if before else f"had no {what} (unchanged)"
    elif before == after:
        done = f"{what} {after} (unchanged)"
    else:
        done = f"{what} {after}" + (f", replacing {before}" if before else "")
    print(f"{name}: {done}")
    return 0


async def _group_of(uow: UnitOfWork, code: str, channel: str) -> str | None:
    async with uow.reading():
        team = await uow.task_forces.by_code(code.strip().lower())
    return team.group_on(channel) if team is not None else None

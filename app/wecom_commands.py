"""`zhibao wecom group CODE`: make a task force's WeCom group and link it.

A WeCom app's group chats are made by the app itself (appchat/create), not by people: this
command makes one with the task force's officials who joined on WeCom, and links it as the
task force's WeCom group, so the group posts go there (its officers get their cards
privately: app group chats show no buttons).
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from app.wecom_setup import wecom_channel
from bot.cli.output import CommandError, opened
from bot.domain.people import OPERATOR, WECOM
from bot.services.directory import APPCHAT, link_group
from bot.services.teamwork import accounts_on
from handlers.wecom.api import WeComError, WeComUnreachable

CREATE = "/cgi-bin/appchat/create"
_CHAT_ID = re.compile(r"[A-Za-z0-9]{1,32}")
# WeCom's appchat/create takes at least two members.
MEMBERS_AT_LEAST = 2


def register(commands: Any) -> None:
    """Add `zhibao wecom group` to the parser."""
    wecom = commands.add_parser("wecom", help="the WeCom app's group chats")
    actions = wecom.add_subparsers(dest="wecom_command", metavar="ACTION", required=True)
    group = actions.add_parser(
        "group",
        help="make the task force's WeCom group (an app group chat) and link it",
        description="Make an app group chat with the task force's lead and officers who "
        "joined on WeCom, and link it as the task force's WeCom group.",
    )
    group.add_argument("code", metavar="CODE", help="the task force, e.g. alu")
    group.add_argument(
        "--chat-id",
        metavar="CHATID",
        help="the group's chatid (letters and digits; default zb<code>)",
    )
    group.set_defaults(handler=make_group)


async def make_group(args: argparse.Namespace) -> int:
    """Create the app group chat and link it; every refusal is a sentence."""
    async with opened(args) as app:
        wecom = app.settings.wecom
        if not (wecom.enabled and wecom.configured):
            missing = ", ".join(wecom.missing()) or "[wecom] enabled = true"
            raise CommandError(f"the WeCom app is not configured: set {missing}")
        team, members = await accounts_on(app.uow(), args.code, WECOM)
        if len(members) < MEMBERS_AT_LEAST:
            raise CommandError(
                f"{args.code}: a WeCom group needs at least {MEMBERS_AT_LEAST} of its officials "
                f"on WeCom, and {len(members)} joined there; send them invites "
                f"(`zhibao invite create --person NAME`) and have them send /start CODE to the app"
            )
        chat_id = _chat_id(args.chat_id or f"zb{args.code}")
        channel = wecom_channel(wecom)
        try:
            await channel.client.call(
                CREATE,
                {
                    "name": team.name_zh,
                    "owner": members[0],
                    "userlist": members,
                    "chatid": chat_id,
                },
            )
        except WeComError as error:
            raise CommandError(
                f"WeCom refused to make the group (errcode {error.errcode}: {error.errmsg})"
            ) from None
        except WeComUnreachable as error:
            raise CommandError(f"the WeCom API could not be reached: {error}") from None
        finally:
            await channel.close()
        team = await link_group(app.uow(), OPERATOR, args.code, APPCHAT + chat_id, WECOM)
    print(f"{team.code} ({team.name_zh}): WeCom group {APPCHAT}{chat_id}, {len(members)} members")
    return 0


def _chat_id(wanted: str) -> str:
    chat_id = wanted.strip().removeprefix(APPCHAT)
    if not _CHAT_ID.fullmatch(chat_id):
        raise CommandError(f"{wanted!r} is not a WeCom group chatid (letters and digits, 1 to 32)")
    return chat_id

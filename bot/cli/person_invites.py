"""Invites for one named official, who joins their chat by them (§14)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from bot.bootstrap import App
from bot.cli.names import person_named
from bot.cli.output import CommandError, opened
from bot.domain.people import OPERATOR
from bot.services.invites import IssuedInvite, invite_link, invite_person


async def invite_person_command(args: argparse.Namespace) -> int:
    """A fresh invite for an official who has no chat yet, named or by id."""
    for option, given in (("--role", args.role), ("--task-force", args.task_force)):
        if given is not None:
            raise CommandError(
                f"{option} does not go with --person: the official keeps the roles and task "
                "forces they have"
            )
    if args.enterprise is not None:
        raise CommandError("--enterprise does not go with --person: it invites an official")
    async with opened(args) as app:
        async with app.uow().reading() as uow:
            person = person_named(await uow.people.with_role(None), args.person)
        assert person.id is not None
        if person.identities:
            channels = ", ".join(sorted({i.channel for i in person.identities}))
            raise CommandError(
                f"{person.name} has joined in chat already ({channels}), so they need no invite"
            )
        issued = await invite_person(app.uow(), app.ctx, OPERATOR, person.id, datetime.now(UTC))
    print(f"{person.name} joins their chat by this one-time invite:")
    print_invite(app, issued, ("person", f"{person.name} (id {person.id})"))
    return 0


def print_invite(app: App, issued: IssuedInvite, what: tuple[str, str]) -> None:
    """The code, how to redeem it on each channel the city runs, what it is for, and when it
    expires."""
    tz = app.ctx.calendar.tz
    settings = app.settings
    print(f"code:    {issued.code}")
    if settings.telegram_enabled and settings.telegram_bot_username:
        print(f"link:    {invite_link(settings.telegram_bot_username, issued.code)}")
    if settings.wecom.enabled:
        # WeCom has no deep links: the official sends the code to the app.
        print(f"wecom:   send /start {issued.code} to the app in WeCom")
    print(f"{what[0] + ':':<8} {what[1]}")
    print(f"expires: {issued.invite.expires_at.astimezone(tz):%Y-%m-%d %H:%M %Z}")

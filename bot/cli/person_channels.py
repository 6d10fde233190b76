"""`zhibao person show` and `person channel`: a person's accounts per channel, and the one
their notices go to first (§12)."""

from __future__ import annotations

import argparse
from typing import Any, Final

from bot.cli.names import channel_label, person_named
from bot.cli.output import opened
from bot.domain.model import TaskForce
from bot.domain.people import CHANNELS, OPERATOR, Person
from bot.services.preferences import prefer_channel

AUTO: Final = "auto"
NOT_JOINED: Final = "not joined"


def register_person_channels(person: Any) -> None:
    """Add `show` and `channel` to the person commands."""
    show = person.add_parser("show", help="one person: roles, task forces, accounts per channel")
    show.add_argument("who", metavar="NAME_OR_ID")
    show.set_defaults(handler=show_person)
    channel = person.add_parser(
        "channel",
        help="the channel a person's notices go to first",
        description="Notices go to the preferred channel first, else to any other the person "
        "is on. auto: no preference. The person must have joined on the channel chosen.",
    )
    channel.add_argument("who", metavar="NAME_OR_ID")
    channel.add_argument("channel", choices=[*CHANNELS, AUTO], metavar="|".join([*CHANNELS, AUTO]))
    channel.set_defaults(handler=set_channel)


def accounts(person: Person) -> str:
    """The person's accounts as channel:id, joined by commas; "not joined" without any."""
    return ",".join(f"{i.channel}:{i.external_id}" for i in person.identities) or NOT_JOINED


def preferred(person: Person) -> str:
    """The person's preferred channel; auto when they have none, - when they have not joined."""
    if person.preferred_channel is not None:
        return person.preferred_channel
    return AUTO if person.identities else "-"


async def show_person(args: argparse.Namespace) -> int:
    """Print one person with their task forces, enterprise and accounts on each channel."""
    async with opened(args) as app, app.uow().reading() as uow:
        person = person_named(await uow.people.with_role(None), args.who)
        teams = [t.code for t in await uow.task_forces.all() if _belongs(person, t)]
        enterprise = (
            await uow.enterprises.get(person.enterprise_id)
            if person.enterprise_id is not None
            else None
        )
    on = [i.channel for i in person.identities]
    fields: list[tuple[str, object]] = [
        ("id", person.id),
        ("name", person.name),
        ("key", person.key),
        ("roles", ", ".join(sorted(person.roles)) or None),
        ("task forces", ", ".join(teams) or None),
        ("enterprise", enterprise.name if enterprise is not None else None),
        ("phone", person.phone),
        *((channel, _account(person, channel)) for channel in dict.fromkeys([*CHANNELS, *on])),
        ("preferred", preferred(person)),
    ]
    for label, value in fields:
        print(f"{label + ':':<13}{'-' if value is None else value}")
    return 0


async def set_channel(args: argparse.Namespace) -> int:
    """Set or clear (auto) the person's preferred channel; say what notices do now."""
    channel = None if args.channel == AUTO else args.channel
    async with opened(args) as app:
        async with app.uow().reading() as uow:
            person = person_named(await uow.people.with_role(None), args.who)
        assert person.id is not None
        before = person.preferred_channel
        person = await prefer_channel(app.uow(), OPERATOR, person.id, channel)
    unchanged = " (unchanged)" if before == channel else ""
    print(f"{person.name}: {_preference(person)}{unchanged}")
    return 0


def _account(person: Person, channel: str) -> str:
    ids = [i.external_id for i in person.identities if i.channel == channel]
    return ", ".join(ids) or NOT_JOINED


def _preference(person: Person) -> str:
    if person.preferred_channel is not None:
        return f"notices go to {channel_label(person.preferred_channel)} first"
    if not person.identities:
        return "auto (no chat joined yet, so no notice reaches them)"
    return "auto (notices go to any channel they are on)"


def _belongs(person: Person, team: TaskForce) -> bool:
    return person.id is not None and (
        person.id in team.member_ids or person.id in (team.lead_id, team.supervising_leader_id)
    )

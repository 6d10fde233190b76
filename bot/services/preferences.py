"""A person's own choices about how the bot reaches them: their preferred channel (§12)."""

from __future__ import annotations

from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.people import CHANNEL_NAMES, CHANNELS, Person, Role
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, load_actor


async def prefer_channel(
    uow: UnitOfWork, actor_id: ActorRef, person_id: int, channel: str | None
) -> Person:
    """Make `channel` the one the person's notices go to first; None: any they are on.

    The person must have joined on that channel. An admin or the person themselves may.
    """
    if channel is not None and channel not in CHANNELS:
        known = ", ".join(CHANNELS)
        raise InvalidInput(
            "person.bad_channel", f"no channel {channel!r}; channels: {known}", value=channel
        )
    async with uow:
        actor = await load_actor(uow, actor_id)
        if not (actor.has(Role.ADMIN) or actor.person_id == person_id):
            raise NotAllowed(
                "person.channel_not_allowed",
                "only an admin or the person themselves may choose their channel",
            )
        person = await uow.people.get(person_id)
        if person is None:
            raise NotFound("person.not_found", f"no person {person_id}", value=person_id)
        if channel is not None and person.identity_on(channel) is None:
            raise InvalidInput(
                "person.channel_not_joined",
                _not_joined(person, channel),
                name=person.name,
                channel=channel,
            )
        if person.preferred_channel != channel:
            person.preferred_channel = channel
            await uow.people.save(person)
            await uow.commit()
    return person


def _not_joined(person: Person, channel: str) -> str:
    name = CHANNEL_NAMES.get(channel, channel)
    on = list(dict.fromkeys(CHANNEL_NAMES.get(i.channel, i.channel) for i in person.identities))
    where = f"they are on {' and '.join(on)} only" if on else "they have not joined any chat yet"
    return f"{person.name} has no {name} account linked, so notices cannot go there first; {where}"

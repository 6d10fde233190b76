"""Which channel each of the playground's people is on: Telegram, WeCom, or either (§12).

Switching a persona to WeCom makes them a member of the WeCom emulator (their userid is the
persona's key), links that account to the person and makes WeCom their preferred channel;
switching back makes Telegram preferred again. Without the Telegram sandbox everyone is on
WeCom, and the task force's group is an app group chat (appchat) there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.bootstrap import App
from bot.domain.people import OPERATOR, TELEGRAM, WECOM, ChannelIdentity, Person, channels_of
from bot.services import demo
from bot.services.preferences import prefer_channel

GROUP_NAME = "高端铝业专班"
APPCHAT_PREFIX = "appchat:"


class WeComCorp(Protocol):
    """The WeCom emulator's corp as the playground uses it (app/playground.py has one; the
    emulator itself is out of bot/'s reach, as it speaks WeCom's crypto)."""

    def ensure_member(self, userid: str, name: str) -> None:
        """Make the userid a member within the app's range, unless it is one already."""
        ...

    async def group_chat(self, name: str, userids: Sequence[str]) -> str:
        """The app's group chat of these members, made as the app makes one; its chatid."""
        ...

    def group_chatid(self) -> str | None:
        """The group chat group_chat() made, if it did."""
        ...


def persona_named(key: str) -> demo.Persona:
    """The demo persona with this key (ValueError if there is none)."""
    for persona in demo.PERSONAS:
        if persona.key == key:
            return persona
    raise ValueError(f"no persona {key!r}")


async def person_of(app: App, persona: demo.Persona) -> Person:
    """The person behind a persona (by their demo Telegram account; ValueError if missing)."""
    async with app.uow().reading() as uow:
        person = await uow.people.by_identity(TELEGRAM, str(persona.telegram_id))
    if person is None or person.id is None:
        raise ValueError(f"{persona.name} has not joined the demo city")
    return person


def channel_of(person: Person, channels: Sequence[str]) -> str:
    """The channel the person's notices go to first, among those that run."""
    reachable = channels_of(person, channels)
    return reachable[0] if reachable else channels[0]


async def switch_channel(
    app: App, wecom: WeComCorp | None, channels: Sequence[str], key: str, channel: str
) -> Person:
    """Put the persona on `channel`: a WeCom account first if they have none, then that
    channel preferred; ValueError for an unknown persona or a channel that does not run."""
    if channel not in channels:
        raise ValueError(f"{channel!r} does not run here; channels: {', '.join(channels)}")
    persona = persona_named(key)
    person = await person_of(app, persona)
    assert person.id is not None
    if channel == WECOM and person.identity_on(WECOM) is None:
        if wecom is None:
            raise ValueError("the WeCom emulator does not run here")
        wecom.ensure_member(persona.key, persona.name)
        async with app.uow() as uow:
            await uow.people.add_identity(person.id, ChannelIdentity(WECOM, key, key))
            await uow.commit()
    return await prefer_channel(app.uow(), OPERATOR, person.id, channel)


async def prepare_wecom(app: App, wecom: WeComCorp, only: bool) -> None:
    """Every persona a member of the emulator; with WeCom the `only` channel, everyone on it
    and the task force's group an app group chat there."""
    for persona in demo.PERSONAS:
        wecom.ensure_member(persona.key, persona.name)
    if not only:
        return
    for persona in demo.PERSONAS:
        await switch_channel(app, wecom, (WECOM,), persona.key, WECOM)
    await _group_chat(app, wecom)


async def _group_chat(app: App, wecom: WeComCorp) -> None:
    """The task force's WeCom group, linked unless the task force has one there already."""
    officials = [p.key for p in demo.INVITED if p.task_force == demo.GROUP_TASK_FORCE]
    chatid = await wecom.group_chat(GROUP_NAME, officials)
    async with app.uow() as uow:
        team = await uow.task_forces.by_code(demo.GROUP_TASK_FORCE)
        if team is not None and not team.group_on(WECOM):
            team.group_chats = team.group_chats | {WECOM: f"{APPCHAT_PREFIX}{chatid}"}
            await uow.task_forces.save(team)
            await uow.commit()

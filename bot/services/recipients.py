"""Where a claimed notice goes on a channel, and who reads it: their chat, language and
delivery rules, and (for cards) the person as the rules see them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.disturbance import Recipient
from bot.domain.notice import Notice
from bot.domain.people import OFFICIAL_ROLES, Actor, Person
from bot.services.context import Context
from bot.services.ports import UnitOfWork
from bot.services.queries import IssueView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """A claimed notice with its chat on the channel (None: unreachable there), the
    recipient as the delivery rules see them, the reading person as the rules see them, and
    the issue it is about. `items` are the cards of a sent message to show anew."""

    notice: Notice
    chat_id: str | None
    language: str | None
    recipient: Recipient | None
    who: str
    actor: Actor | None = None
    view: IssueView | None = None
    items: tuple[tuple[str, IssueView], ...] = ()
    # Why the notice could not be prepared (an unexpected error): it is tried again later.
    problem: str | None = None


async def locate(uow: UnitOfWork, ctx: Context, channel: str, notice: Notice) -> Delivery:
    """Where the notice goes; a recipient that cannot be read is a problem, not a crash."""
    try:
        return await _locate(uow, ctx, channel, notice)
    except Exception as error:  # one broken recipient must not hold up the batch
        log.exception("notice %s: its recipient cannot be read", notice.dedupe_key)
        return Delivery(notice, None, None, None, "?", problem=repr(error))


async def _locate(uow: UnitOfWork, ctx: Context, channel: str, notice: Notice) -> Delivery:
    person = await uow.people.get(notice.person_id) if notice.person_id is not None else None
    actor = await uow.people.actor(person.id) if person is not None and person.id else None
    if notice.chat_id is not None:
        # Kept answers and edits of cards already sent name their chat; nothing new rings,
        # so neither quiet hours nor a mute hold them.
        language = _language(person)
        if notice.task_force_id is not None:
            team = await uow.task_forces.get(notice.task_force_id)
            language = team.language if team else None
        silent = Recipient(tz=ctx.calendar.tz)
        return Delivery(notice, notice.chat_id, language, silent, f"chat {notice.chat_id}", actor)
    if notice.task_force_id is not None:
        team = await uow.task_forces.get(notice.task_force_id)
        chat = team.group_on(channel) if team is not None else None
        if team is None or chat is None:
            return Delivery(notice, None, None, None, f"task force {notice.task_force_id}")
        group = Recipient(tz=ctx.calendar.tz, quiet=ctx.quiet_hours, group=True)
        return Delivery(notice, chat, team.language, group, f"{team.code} group")
    if person is None:
        return Delivery(notice, None, None, None, f"person {notice.person_id}")
    chats = [i.chat_id or i.external_id for i in person.identities if i.channel == channel]
    chat = chats[0] if chats else None
    return Delivery(notice, chat, _language(person), recipient_of(ctx, person), person.name, actor)


def _language(person: Person | None) -> str | None:
    # The person's choice, else the language of their own words (no client code here).
    return (person.language or person.detected_language) if person is not None else None


def recipient_of(ctx: Context, person: Person) -> Recipient:
    """A person as the delivery rules see them: their zone, quiet hours, mute and kind."""
    enterprise = person.enterprise_id is not None and not (person.roles & OFFICIAL_ROLES)
    default = ctx.enterprise_quiet_hours if enterprise else ctx.quiet_hours
    own = (person.quiet_start, person.quiet_end)
    quiet = (own[0], own[1]) if own[0] is not None and own[1] is not None else default
    tz: tzinfo
    try:
        tz = ZoneInfo(person.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ctx.calendar.tz
    return Recipient(
        tz=tz,
        quiet=quiet,
        muted_until=person.muted_until,
        digest=person.digest,
        enterprise=enterprise,
    )

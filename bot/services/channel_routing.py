"""Which channel each queued notice goes out on (§12): the person's preferred channel, else
any that reaches them, else an admin hears of it; a task force's groups on every channel.

A notice is queued for a person or a task force, without a channel. Before the channels'
dispatchers claim their notices, each such notice is given the channel that reaches its
reader; a task force's notice goes to its group on each channel the city runs, and its
officers on a channel whose group cannot show the card's buttons (or where it has no group)
get the notice privately.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.notice import Notice, NoticeStatus
from bot.domain.notification import CARD_TEMPLATES
from bot.domain.people import channels_of
from bot.services.delivery import alert_admins
from bot.services.ports import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

ROUTE_BATCH = 500
# The only channel before there were several: chat-named notices queued then were its.
LEGACY_CHANNEL = "telegram"


@dataclass(frozen=True)
class ChannelPlan:
    """The channels the city runs, in order, and those whose group chats show buttons."""

    channels: tuple[str, ...]
    group_buttons: frozenset[str] = frozenset()


async def route_notices(
    new_uow: UnitOfWorkFactory, plan: ChannelPlan, now: datetime, limit: int = ROUTE_BATCH
) -> int:
    """Give queued notices without a channel theirs; returns how many were routed.

    Two passes: the admins' alerts of a notice nobody can be reached for are queued by the
    first, and routed by the second, so they go out in the same round.
    """
    routed = 0
    for _ in range(2):
        # Most rounds find nothing to route: a read does not wait for the writers.
        async with new_uow().reading() as uow:
            if not await uow.notices.unrouted(1):
                break
        async with new_uow() as uow:
            waiting = await uow.notices.unrouted(limit)
            for notice in waiting:
                await _route(uow, plan, notice, now)
            await uow.commit()
        routed += len(waiting)
        if not waiting:
            break
    return routed


async def reroute(
    new_uow: UnitOfWorkFactory, plan: ChannelPlan, notice: Notice, failed: str
) -> str | None:
    """After `failed` refused the person's notice for good: a copy queued on their next
    channel, or None when no other channel reaches them."""
    if notice.person_id is None or notice.chat_id is not None:
        return None
    tried = {failed, *_tried(notice.dedupe_key)}
    async with new_uow() as uow:
        person = await uow.people.get(notice.person_id)
        rest = [c for c in channels_of(person, plan.channels) if c not in tried] if person else []
        if not rest:
            return None
        copy = _copy(notice, f"{notice.dedupe_key}@{rest[0]}", rest[0])
        await uow.notices.add(copy)
        await uow.commit()
    return rest[0]


async def _route(uow: UnitOfWork, plan: ChannelPlan, notice: Notice, now: datetime) -> None:
    assert notice.id is not None
    if notice.chat_id is not None:
        # Chat-named notices are made by a channel and carry it; older ones were Telegram's
        # (they wait for a Telegram dispatcher, if the city runs without Telegram now).
        await uow.notices.route(notice.id, LEGACY_CHANNEL)
        return
    if notice.task_force_id is not None:
        await _route_to_team(uow, plan, notice, now)
        return
    person = await uow.people.get(notice.person_id) if notice.person_id is not None else None
    reachable = channels_of(person, plan.channels) if person is not None else []
    if reachable:
        await uow.notices.route(notice.id, reachable[0])
        return
    who = person.name if person is not None else f"person {notice.person_id}"
    await _give_up(uow, notice, who, f"{who} has no chat on {', '.join(plan.channels)}", now)


async def _route_to_team(
    uow: UnitOfWork, plan: ChannelPlan, notice: Notice, now: datetime
) -> None:
    assert notice.id is not None and notice.task_force_id is not None
    team = await uow.task_forces.get(notice.task_force_id)
    if team is None:
        await _give_up(uow, notice, "?", f"task force {notice.task_force_id} is gone", now)
        return
    groups = [c for c in plan.channels if team.group_on(c)]
    for channel in groups[1:]:
        await uow.notices.add(_copy(notice, f"{notice.dedupe_key}@{channel}", channel))
    for person_id in sorted(team.member_ids | ({team.lead_id} if team.lead_id else set())):
        person = await uow.people.get(person_id)
        reachable = channels_of(person, plan.channels) if person is not None else []
        if not reachable or not groups:
            continue  # doctor names officials who never joined; a group-less team is served
        channel = reachable[0]
        covered = channel in groups and (
            channel in plan.group_buttons
            or notice.template.removeprefix("notice.") not in CARD_TEMPLATES
        )
        if not covered:
            key = f"{notice.dedupe_key}@{channel}:{person_id}"
            private = replace(_copy(notice, key, channel), person_id=person_id, task_force_id=None)
            await uow.notices.add(private)
    if groups:
        await uow.notices.route(notice.id, groups[0])
        return
    await _give_up(uow, notice, f"{team.code} group", f"{team.code} has no group chat", now)


async def _give_up(uow: UnitOfWork, notice: Notice, who: str, why: str, now: datetime) -> None:
    """Nobody can be reached: the notice fails and every admin is told, never a silent drop."""
    assert notice.id is not None
    log.warning("notice %s: %s", notice.dedupe_key, why)
    if await uow.notices.give_up(notice.id, f"unreachable: {why}"):
        failed = replace(notice, status=NoticeStatus.FAILED, error=f"unreachable: {why}")
        await alert_admins(uow, failed, who, now)


def _copy(notice: Notice, key: str, channel: str) -> Notice:
    return replace(
        notice,
        dedupe_key=key,
        channel=channel,
        id=None,
        status=NoticeStatus.QUEUED,
        attempts=0,
        sent_ref=None,
        sent_at=None,
        claimed_by=None,
        claimed_until=None,
        error=None,
    )


def _tried(key: str) -> list[str]:
    """The channels a notice's copies were made for, read off its key ("…@wecom@telegram")."""
    return [part.split(":")[0] for part in key.split("@")[1:]]

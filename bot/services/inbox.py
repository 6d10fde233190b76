"""The durable inbox (§13): an update is stored before it is confirmed to the platform,
handled in arrival order, and marked handled only afterwards, so a crash means a retry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.domain.access import InboxEntry
from bot.services.ports import UnitOfWork


async def store_updates(
    uow: UnitOfWork,
    channel: str,
    updates: Sequence[tuple[str, str, Mapping[str, Any]]],
    now: datetime,
) -> int:
    """Keep the updates (update id, dedupe key, payload); ones whose key was stored before are
    skipped. Returns how many were new."""
    fresh = 0
    async with uow:
        for update_id, key, payload in updates:
            entry = InboxEntry(channel, update_id, key, dict(payload), now)
            fresh += await uow.inbox.record(entry)
        await uow.commit()
    return fresh


async def pending_updates(uow: UnitOfWork, channel: str, limit: int = 100) -> list[InboxEntry]:
    """Stored updates not handled yet, oldest first (after a crash, the interrupted ones too)."""
    async with uow.reading():
        return await uow.inbox.unhandled(channel, limit)


async def mark_handled(uow: UnitOfWork, channel: str, key: str, now: datetime) -> None:
    """The update with this dedupe key has been handled; it will not be handled again."""
    async with uow:
        await uow.inbox.mark_handled(channel, key, now)
        await uow.commit()

"""The durable inbox's handling, shared by every channel (§13).

A channel stores what arrived before it confirms it, then hands the runner what the inbox
holds: each update is handled once, in order within its chat (its lane), several chats at
once; a fault of ours gets the person an apology and is never handled again. The channel says
how its raw updates become the dialogs' events and how a turn's answer is sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Incoming
from bot.services import inbox
from bot.services.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)

Payload = Mapping[str, Any]
DRAIN_BATCH = 100
# Chats handled at once. Small on purpose: each lane holds a database turn and API calls,
# and a channel's request pool and SQLite's single writer gain nothing from more.
LANES = 8


class ChannelTurns(Protocol):
    """What a channel supplies to the runner: its name, lanes, events and answers."""

    channel: str

    def lane_of(self, payload: Payload) -> object:
        """The chat an update belongs to: updates of one lane are handled in order."""
        ...

    def to_incoming(self, payload: Payload, now: datetime) -> Incoming | None:
        """The neutral event of a stored update; None for kinds the bot does not act on."""
        ...

    async def answer(self, key: str, payload: Payload, answer: Answer) -> list[str | None]:
        """Send a turn's answer (kept in the outbox under `key` when it cannot go now)."""
        ...


class InboxRunner:
    """Handles what a channel stored in the inbox, exactly once per update."""

    def __init__(
        self,
        turns: ChannelTurns,
        dialogs: Dialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        after_handling: Callable[[], object] | None = None,
    ) -> None:
        self.turns, self.dialogs, self.new_uow, self.clock = turns, dialogs, new_uow, clock
        self.after_handling = after_handling
        # For updates pushed to us one by one (webhooks, WeCom's callbacks): the last task of
        # each lane, so the next one of that chat waits for it, and a gate of LANES at once.
        self._tails: dict[object, asyncio.Task[None]] = {}
        self._under_way: set[asyncio.Task[None]] = set()
        self._gate = asyncio.Semaphore(LANES)
        # A failure that escaped the handling (the database gone, say): it ends the run, as
        # it ends long polling, and the update is handled again after the restart.
        self._failure: BaseException | None = None
        self._failed = asyncio.Event()

    @property
    def channel(self) -> str:
        """The channel whose inbox this is."""
        return self.turns.channel

    async def ingest(self, rows: Sequence[tuple[str, str, Payload]]) -> int:
        """Store (external id, dedupe key, payload) rows; returns how many were new."""
        return await inbox.store_updates(self.new_uow(), self.channel, rows, self.clock())

    async def drain(self) -> int:
        """Handle every stored update not handled yet (what a crash interrupted), oldest first."""
        handled = 0
        while True:
            pending = await inbox.pending_updates(self.new_uow(), self.channel, DRAIN_BATCH)
            await self.handle_all((entry.dedupe_key, entry.payload) for entry in pending)
            handled += len(pending)
            if len(pending) < DRAIN_BATCH:
                return handled

    async def handle_all(self, entries: Iterable[tuple[str, Payload]]) -> None:
        """Handle stored updates: in order within each chat, several chats at once."""
        lanes: dict[object, list[tuple[str, Payload]]] = {}
        for key, payload in entries:
            lanes.setdefault(self.turns.lane_of(payload), []).append((key, payload))
        queue = list(lanes.values())

        async def work() -> None:
            while queue:
                for key, payload in queue.pop(0):
                    await self.handle_entry(key, payload)

        await asyncio.gather(*(work() for _ in range(min(LANES, len(queue)))))

    async def handle_entry(self, key: str, payload: Payload) -> None:
        """Handle one stored update (by its inbox key); it is marked handled with the turn it
        caused, or after."""
        incoming = self.turns.to_incoming(payload, self.clock())
        if incoming is None:
            await inbox.mark_handled(self.new_uow(), self.channel, key, self.clock())
            return
        delivered = False

        async def deliver(answer: Answer) -> list[str | None]:
            nonlocal delivered
            delivered = True
            return await self.turns.answer(key, payload, answer)

        try:
            await self.dialogs.handle(replace(incoming, inbox_id=key), deliver)
        except Exception:
            # A fault of ours must not stop the bot, nor come back forever after a restart.
            log.exception(
                "handling %s update %s failed; it will not be retried", self.channel, key
            )
            if not delivered:
                apology = self.dialogs.apology(incoming)
                await self.turns.answer(f"{key}:apology", payload, apology)
            await inbox.mark_handled(self.new_uow(), self.channel, key, self.clock())

    def submit(self, key: str, payload: Payload) -> None:
        """Handle an update just stored, as soon as its chat's earlier ones are handled;
        chats go side by side. Only for updates stored as new: a duplicate is never handled
        twice, and what a crash cut off is handled by `drain` at the next start."""
        lane = self.turns.lane_of(payload)
        before = self._tails.get(lane)
        task = asyncio.create_task(self._in_turn(before, key, payload))
        self._tails[lane] = task
        self._under_way.add(task)
        task.add_done_callback(lambda done: self._forget(lane, done))

    async def failed(self) -> None:
        """Wait until handling a submitted update fails beyond its own apology, and raise what
        it raised (the channel's run ends with it)."""
        await self._failed.wait()
        assert self._failure is not None
        raise self._failure

    async def finish(self, seconds: float) -> None:
        """Wait (a bounded time) for the updates submitted so far to be handled."""
        waiting = set(self._under_way)
        if not waiting:
            return
        _, late = await asyncio.wait(waiting, timeout=seconds)
        if late:
            log.warning("%d %s updates left for the next start", len(late), self.channel)
            for task in late:
                task.cancel()
            await asyncio.wait(late)

    async def _in_turn(
        self, before: asyncio.Task[None] | None, key: str, payload: Payload
    ) -> None:
        if before is not None:
            # In order within the chat; an earlier failure was logged where it happened.
            await asyncio.wait({before})
        async with self._gate:
            await self.handle_entry(key, payload)
        await self.deliver()

    def _forget(self, lane: object, done: asyncio.Task[None]) -> None:
        self._under_way.discard(done)
        if self._tails.get(lane) is done:
            del self._tails[lane]
        failure = None if done.cancelled() else done.exception()
        if failure is not None and self._failure is None:
            self._failure = failure
            self._failed.set()

    async def deliver(self) -> None:
        """Have the notices queued so far sent (once per batch of updates, not per update)."""
        if self.after_handling is not None:
            result = self.after_handling()
            if asyncio.iscoroutine(result):
                await result

"""Long polling with a durable inbox: store, confirm, handle once, in order per chat (§13)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from telegram import Bot, Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBUserWarning

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer
from bot.services import inbox
from bot.services.ports import UnitOfWorkFactory
from handlers.telegram.answering import AnswerPolicy, AnswerSender
from handlers.telegram.messenger import TelegramMessenger, retry_seconds
from handlers.telegram.translate import CHANNEL, inbox_key, to_incoming

log = logging.getLogger(__name__)
# getUpdates goes through do_api_request on purpose: the updates are stored as the Bot API sent
# them, and parsing them into Update objects only to turn them back into dicts costs as much as
# a database turn. PTB warns whenever do_api_request names a method it has a wrapper for.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning)

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
POLL_TIMEOUT = 25
# A long poll may take its whole timeout; the answer gets this much longer to arrive.
POLL_READ_MARGIN = 10.0
DRAIN_BATCH = 100
# Chats handled at once. Small on purpose: each lane holds a database turn and Bot API calls,
# and python-telegram-bot's request pool and SQLite's single writer gain nothing from more.
LANES = 8

Payload = Mapping[str, Any]


class TelegramRuntime:
    """Fetches updates, keeps them in the inbox, and hands each to the dialogs exactly once."""

    def __init__(
        self,
        bot: Bot,
        dialogs: Dialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        after_handling: Callable[[], object] | None = None,
        messenger: TelegramMessenger | None = None,
        answer_policy: AnswerPolicy | None = None,
    ) -> None:
        self.bot = bot
        self.messenger = messenger or TelegramMessenger(bot)
        self.dialogs = dialogs
        self.new_uow = new_uow
        self.clock = clock
        self.after_handling = after_handling
        self.answers = AnswerSender(self.messenger, new_uow, clock, answer_policy)
        self._offset: int | None = None

    async def run_polling(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; updates interrupted by a crash are handled first.

        A stop gives up the long poll's wait at once, never a batch being handled: a turn cut
        off after its use case but before its inbox mark would be handled again on restart.
        """
        await self.drain()
        stopping: asyncio.Task[object] = asyncio.create_task(stop.wait())
        try:
            while not stop.is_set():
                fetching = asyncio.create_task(self._fetch_safely(POLL_TIMEOUT))
                await asyncio.wait({fetching, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if not fetching.done():
                    # Nothing fetched is lost: only the next poll confirms what this one got.
                    fetching.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await fetching
                    return
                await self.take(fetching.result())
        finally:
            stopping.cancel()

    async def _fetch_safely(self, wait_seconds: int) -> list[dict[str, Any]]:
        """One long poll; flood answers and network faults wait a little and fetch nothing."""
        try:
            return await self.fetch(wait_seconds)
        except RetryAfter as wait:
            await asyncio.sleep(retry_seconds(wait))
        except (TimedOut, NetworkError) as error:
            log.warning("polling failed (%s); retrying", error)
            await asyncio.sleep(1)
        return []

    async def poll_once(self, wait_seconds: int = 0) -> int:
        """Fetch, store and handle one batch; returns how many updates arrived."""
        updates = await self.fetch(wait_seconds)
        await self.take(updates)
        return len(updates)

    async def fetch(self, wait_seconds: int) -> list[dict[str, Any]]:
        """Ask the Bot API for what arrived, waiting up to `wait_seconds` for something."""
        updates: list[dict[str, Any]] = await self.bot.do_api_request(
            "getUpdates",
            api_kwargs={
                "offset": self._offset,
                "timeout": wait_seconds,
                "allowed_updates": ALLOWED_UPDATES,
            },
            read_timeout=wait_seconds + POLL_READ_MARGIN,
        )
        return updates

    async def take(self, updates: list[dict[str, Any]]) -> None:
        """Store fetched updates, then handle what the inbox holds and have notices sent."""
        if updates:
            await self.ingest(updates)
            # Only now may the next request confirm them: they are safe in the inbox.
            self._offset = int(updates[-1]["update_id"]) + 1
        # Handled from the inbox, not from the answer: an update fetched again after a crash
        # is stored once and, if it was handled before the crash, not handled twice.
        await self.drain()
        await self.deliver()

    async def ingest(self, updates: Sequence[Payload]) -> int:
        """Store updates (as the Bot API sent them) in the inbox before they are confirmed."""
        rows = [(str(u["update_id"]), inbox_key(u), u) for u in updates]
        return await inbox.store_updates(self.new_uow(), CHANNEL, rows, self.clock())

    async def drain(self) -> int:
        """Handle every stored update not handled yet (what a crash interrupted), oldest first."""
        handled = 0
        while True:
            pending = await inbox.pending_updates(self.new_uow(), CHANNEL, DRAIN_BATCH)
            await self.handle_all((entry.dedupe_key, entry.payload) for entry in pending)
            handled += len(pending)
            if len(pending) < DRAIN_BATCH:
                return handled

    async def handle_all(self, entries: Iterable[tuple[str, Payload]]) -> None:
        """Handle stored updates: in order within each chat, several chats at once."""
        lanes: dict[object, list[tuple[str, Payload]]] = {}
        for key, payload in entries:
            lanes.setdefault(chat_of(payload), []).append((key, payload))
        queue = list(lanes.values())

        async def work() -> None:
            while queue:
                for key, payload in queue.pop(0):
                    await self.handle_entry(key, payload)

        await asyncio.gather(*(work() for _ in range(min(LANES, len(queue)))))

    async def handle_entry(self, key: str, payload: Payload) -> None:
        """Handle one stored update (by its inbox key); it is marked handled with the turn it
        caused, or after."""
        update = Update.de_json(dict(payload), self.bot)
        incoming = to_incoming(update, self.bot.username, self.clock())
        if incoming is None:
            await inbox.mark_handled(self.new_uow(), CHANNEL, key, self.clock())
            return
        delivered = False

        async def deliver(answer: Answer) -> list[str | None]:
            nonlocal delivered
            delivered = True
            return await self._deliver(key, update, answer)

        try:
            await self.dialogs.handle(replace(incoming, inbox_id=key), deliver)
        except Exception:
            # A fault of ours must not stop the bot, nor come back forever after a restart.
            log.exception("handling update %s failed; it will not be retried", update.update_id)
            if not delivered:
                await self._deliver(f"{key}:apology", update, self.dialogs.apology(incoming))
            await inbox.mark_handled(self.new_uow(), CHANNEL, key, self.clock())

    async def deliver(self) -> None:
        """Have the notices queued so far sent (once per batch of updates, not per update)."""
        if self.after_handling is not None:
            result = self.after_handling()
            if asyncio.iscoroutine(result):
                await result

    async def _deliver(self, key: str, update: Update, answer: Answer) -> list[str | None]:
        """Send a turn's answer: each reply's message id, or None when it was refused or
        kept in the outbox (under `key`) for the dispatcher to send later, in order."""
        query = update.callback_query
        return await self.answers.send(key, answer, query.id if query is not None else None)


def chat_of(payload: Payload) -> object:
    """The chat an update belongs to (its lane); None for kinds that name none."""
    for kind in ("message", "callback_query", "my_chat_member"):
        part = payload.get(kind)
        if isinstance(part, Mapping):
            if kind == "callback_query":
                part = part.get("message")
            chat = part.get("chat") if isinstance(part, Mapping) else None
            return chat.get("id") if isinstance(chat, Mapping) else None
    return None

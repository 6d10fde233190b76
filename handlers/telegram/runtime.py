"""Long polling with a durable inbox: store, confirm, then handle once through the shared
runner (§13)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from telegram import Bot, Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBUserWarning

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Incoming
from bot.services.ports import UnitOfWorkFactory
from handlers.answering import AnswerPolicy, AnswerSender
from handlers.inbox_runner import InboxRunner, Payload
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
        self.channel = CHANNEL
        self.messenger = messenger or TelegramMessenger(bot)
        self.clock = clock
        self.answers = AnswerSender(self.messenger, new_uow, clock, answer_policy)
        self.runner = InboxRunner(self, dialogs, new_uow, clock, after_handling)
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
        return await self.runner.ingest([(str(u["update_id"]), inbox_key(u), u) for u in updates])

    async def drain(self) -> int:
        """Handle every stored update not handled yet (what a crash interrupted), oldest first."""
        return await self.runner.drain()

    async def deliver(self) -> None:
        """Have the notices queued so far sent (once per batch of updates, not per update)."""
        await self.runner.deliver()

    def lane_of(self, payload: Payload) -> object:
        """The chat an update belongs to (its lane)."""
        return chat_of(payload)

    def to_incoming(self, payload: Payload, now: datetime) -> Incoming | None:
        """The neutral event of a stored update."""
        return to_incoming(Update.de_json(dict(payload), self.bot), self.bot.username, now)

    async def answer(self, key: str, payload: Payload, answer: Answer) -> list[str | None]:
        """Send a turn's answer: each reply's message id, or None when it was refused or
        kept in the outbox (under `key`) for the dispatcher to send later, in order."""
        query = payload.get("callback_query")
        if not isinstance(query, Mapping) or not query.get("id"):
            return await self.answers.send(key, answer)
        callback_id = str(query["id"])
        return await self.answers.send(
            key, answer, lambda: self.messenger.acknowledge(callback_id, answer)
        )


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

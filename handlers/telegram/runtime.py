"""Long polling with a durable inbox: store, confirm, handle once, in order (§13)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from telegram import Bot, Update
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut

from bot.dialogs.engine import Dialogs
from bot.services import inbox
from bot.services.ports import UnitOfWorkFactory
from handlers.telegram.render import answer_button, send
from handlers.telegram.translate import CHANNEL, to_incoming

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
POLL_TIMEOUT = 25
DRAIN_BATCH = 100


class TelegramRuntime:
    """Fetches updates, keeps them in the inbox, and hands each to the dialogs exactly once."""

    def __init__(
        self,
        bot: Bot,
        dialogs: Dialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        after_handling: Callable[[], object] | None = None,
    ) -> None:
        self.bot = bot
        self.dialogs = dialogs
        self.new_uow = new_uow
        self.clock = clock
        self.after_handling = after_handling
        self._offset: int | None = None

    async def run_polling(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; updates interrupted by a crash are handled first."""
        await self.drain()
        while not stop.is_set():
            try:
                await self.poll_once(POLL_TIMEOUT)
            except RetryAfter as wait:
                await asyncio.sleep(float(getattr(wait, "retry_after", 1)))
            except (TimedOut, NetworkError) as error:
                log.warning("polling failed (%s); retrying", error)
                await asyncio.sleep(1)

    async def poll_once(self, wait_seconds: int = 0) -> int:
        """Fetch, store and handle one batch; returns how many updates arrived."""
        updates = await self.bot.get_updates(
            offset=self._offset, timeout=wait_seconds, allowed_updates=ALLOWED_UPDATES
        )
        if updates:
            await self.ingest(updates)
            # Only now may the next request confirm them: they are safe in the inbox.
            self._offset = updates[-1].update_id + 1
        await self.drain()
        await self.deliver()
        return len(updates)

    async def ingest(self, updates: Sequence[Update]) -> int:
        """Store updates in the inbox before they are confirmed to Telegram."""
        rows = [(str(u.update_id), u.to_dict()) for u in updates]
        return await inbox.store_updates(self.new_uow(), CHANNEL, rows, self.clock())

    async def drain(self) -> int:
        """Handle every stored update not handled yet, oldest first."""
        handled = 0
        while True:
            pending = await inbox.pending_updates(self.new_uow(), CHANNEL, DRAIN_BATCH)
            for entry in pending:
                await self.handle_entry(entry.update_id, entry.payload)
                handled += 1
            if len(pending) < DRAIN_BATCH:
                return handled

    async def handle_entry(self, update_id: str, payload: dict[str, object]) -> None:
        """Handle one stored update, then mark it handled (a crash in between means a retry)."""
        await self._handle(update_id, payload)
        await inbox.mark_handled(self.new_uow(), CHANNEL, update_id, self.clock())

    async def deliver(self) -> None:
        """Send the notices queued so far (once per batch of updates, not per update)."""
        if self.after_handling is not None:
            result = self.after_handling()
            if asyncio.iscoroutine(result):
                await result

    async def _handle(self, update_id: str, payload: dict[str, object]) -> None:
        update = Update.de_json(payload, self.bot)
        incoming = to_incoming(update, self.bot.username, self.clock())
        if incoming is None:
            return
        try:
            answer = await self.dialogs.handle(incoming)
        except Exception:
            # A fault of ours must not stop the bot, nor come back forever after a restart.
            log.exception("handling update %s failed; it will not be retried", update_id)
            answer = self.dialogs.apology(incoming)
        for reply in answer.replies:
            try:
                await send(self.bot, reply)
            except TelegramError as error:
                # One undeliverable reply (a blocked chat, say) must not swallow the others.
                log.warning("a reply to update %s failed: %s", update_id, error)
        if update.callback_query is not None:
            try:
                await answer_button(self.bot, update.callback_query.id, answer)
            except TelegramError as error:
                log.warning("answering the button of update %s failed: %s", update_id, error)

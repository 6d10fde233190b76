"""One bot's queue of updates: ids, offset confirmation, long polling and allowed_updates."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from .errors import TERMINATED_BY_OTHER_POLL, WEBHOOK_ACTIVE, ApiError

# Telegram leaves these out unless a bot asks for them by name.
OPT_IN_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
MAX_LIMIT = 100
MAX_TIMEOUT = 50


class UpdateQueue:
    """Pending updates, kept until confirmed by a higher offset or a webhook's 2xx."""

    def __init__(self) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = 1
        self.allowed: list[str] = []
        self.webhook_active = False
        self._signal = asyncio.Event()
        self._poller: object | None = None

    @property
    def pending_count(self) -> int:
        """How many updates wait to be delivered."""
        return len(self._pending)

    def wants(self, kind: str) -> bool:
        """Whether the bot's allowed_updates lets an update of this kind through."""
        if self.allowed:
            return kind in self.allowed
        return kind not in OPT_IN_TYPES

    def push(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update; return its id, or None when allowed_updates filters it out."""
        if not self.wants(kind):
            return None
        update_id = self._next_id
        self._next_id += 1
        self._pending.append({"update_id": update_id, kind: payload})
        self.wake()
        return update_id

    def wake(self) -> None:
        """Wake every waiting poller (and the webhook sender) to look again."""
        self._signal.set()
        self._signal = asyncio.Event()

    def confirm(self, offset: int) -> None:
        """Apply getUpdates' offset: positive confirms below it, negative keeps the last -n."""
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def drop_all(self) -> None:
        """Forget every pending update (drop_pending_updates)."""
        self._pending.clear()

    def peek(self) -> list[dict[str, Any]]:
        """A copy of the pending updates, oldest first."""
        return list(self._pending)

    def peek_first(self) -> dict[str, Any] | None:
        """The oldest pending update, if any."""
        return self._pending[0] if self._pending else None

    async def wait_for_change(self) -> None:
        """Wait until an update arrives or something else wakes the queue."""
        await self._signal.wait()

    async def poll(self, offset: int, limit: int, wait: float) -> list[dict[str, Any]]:
        """Long-poll: answer as soon as updates are pending, or with none after `wait` seconds.

        A newer call terminates an older one still waiting, as Telegram does with 409.
        """
        self.refuse_if_webhook()
        self.confirm(offset)
        ticket = object()
        self._poller = ticket
        self.wake()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, min(wait, MAX_TIMEOUT))
        try:
            while True:
                if self._poller is not ticket:
                    raise ApiError(409, TERMINATED_BY_OTHER_POLL)
                self.refuse_if_webhook()
                remaining = deadline - loop.time()
                if self._pending or remaining <= 0:
                    return list(self._pending[: max(1, min(limit, MAX_LIMIT))])
                signal = self._signal
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(signal.wait(), remaining)
        finally:
            if self._poller is ticket:
                self._poller = None

    def refuse_if_webhook(self) -> None:
        """getUpdates and a webhook exclude each other: 409 while a webhook is set."""
        if self.webhook_active:
            raise ApiError(409, WEBHOOK_ACTIVE)

"""Telegram's send limits on our side, shared by everything that sends in one process (§13).

Telegram allows a bot about 30 messages a second overall, one a second in a private chat and
20 a minute in a group. The limiter keeps each window with a small safety margin, because a
request leaves here a little before Telegram counts it, and several are in flight at once.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    """At most `count` messages in any `seconds`-long window."""

    count: int
    seconds: float


OVERALL = Window(30, 1.0)
PRIVATE_CHAT = Window(1, 1.0)
GROUP = Window(20, 60.0)
# Added to each window's length: a message counted slightly late must still fit.
MARGIN = 0.05
# Chats whose recent sends are remembered before the quiet ones are forgotten.
KEPT_CHATS = 10_000


class SendLimiter:
    """Sliding windows per bot and per chat; `acquire` waits for room, `note` only counts."""

    def __init__(
        self,
        overall: Window = OVERALL,
        private_chat: Window = PRIVATE_CHAT,
        group: Window = GROUP,
        margin: float = MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.windows = {"overall": overall, "private": private_chat, "group": group}
        self.margin = margin
        self.clock, self.sleep = clock, sleep
        self._sent: dict[str, deque[float]] = {}
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self._overall_lock = asyncio.Lock()
        self._paused_until = 0.0
        self.waited = 0.0

    async def acquire(self, chat_id: str) -> None:
        """Wait until a message to the chat fits every window, then count it."""
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] = self._users.get(chat_id, 0) + 1
        try:
            # The chat's own wait comes first and outside the overall lock, so one busy chat
            # never holds up messages to the others.
            async with lock:
                await self._wait_for(chat_id, self._chat_window(chat_id))
                async with self._overall_lock:
                    await self._wait_for("", self.windows["overall"])
                    self.note(chat_id)
        finally:
            self._users[chat_id] -= 1
            # Forgotten only when nobody waits for it: a waiter must keep the chat's one lock.
            if not self._users[chat_id]:
                del self._users[chat_id]
                if len(self._chat_locks) > KEPT_CHATS:
                    del self._chat_locks[chat_id]

    def note(self, chat_id: str) -> None:
        """Count a message sent without waiting (an answer to a person's own action)."""
        now = self.clock()
        self._sent.setdefault("", deque()).append(now)
        self._sent.setdefault(chat_id, deque()).append(now)
        if len(self._sent) > KEPT_CHATS:
            self._forget_before(now - max(w.seconds for w in self.windows.values()) - self.margin)

    def _forget_before(self, moment: float) -> None:
        # Chats messaged once and never again would otherwise be kept for good.
        for key in [k for k, sent in self._sent.items() if k and sent[-1] <= moment]:
            del self._sent[key]

    def pause(self, seconds: float) -> None:
        """Send nothing for a while: Telegram answered 429 with retry_after."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def _wait_for(self, key: str, window: Window) -> None:
        while True:
            delay = max(self._room_in(key, window), self._paused_until - self.clock())
            if delay <= 0:
                return
            self.waited += delay
            await self.sleep(delay)

    def _room_in(self, key: str, window: Window) -> float:
        """Seconds until one more message fits the window (0: it fits now)."""
        now = self.clock()
        span = window.seconds + self.margin
        sent = self._sent.get(key)
        if sent is None:
            return 0.0
        while sent and sent[0] <= now - span:
            sent.popleft()
        if not sent and key:
            del self._sent[key]
            return 0.0
        if len(sent) < window.count:
            return 0.0
        return sent[len(sent) - window.count] + span - now

    def _chat_window(self, chat_id: str) -> Window:
        # Telegram's private chats have positive ids, groups and channels negative ones.
        private = not chat_id.startswith("-")
        return self.windows["private" if private else "group"]

"""WeCom's per-member send limits on our side, shared by everything that sends in one process.

WeCom delivers at most 30 messages a minute and 1,000 an hour from one app to one member, and
in app group chats at most 200 a minute and 10,000 a day to each member; what goes beyond is
dropped silently, with an answer that says ok. Nothing tells us afterwards, so the limiter
keeps every member below those windows, with a margin for messages in flight and for clocks
that differ a little. A message to several members at once counts for each of them.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    """At most `count` messages in any `seconds`-long window."""

    count: int
    seconds: float


MEMBER_WINDOWS = (Window(28, 60.0), Window(980, 3600.0))
GROUP_WINDOWS = (Window(190, 60.0), Window(9900, 86400.0))
# Added to each window's length: a message counted slightly late must still fit.
MARGIN = 1.0
# Recipients whose recent sends are remembered before the quiet ones are forgotten.
KEPT = 10_000
GROUP_PREFIX = "appchat:"


class MemberLimiter:
    """Sliding windows per recipient (a member's userid, or "appchat:<chatid>")."""

    def __init__(
        self,
        member: tuple[Window, ...] = MEMBER_WINDOWS,
        group: tuple[Window, ...] = GROUP_WINDOWS,
        margin: float = MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.member, self.group = member, group
        self.margin = margin
        self.clock, self.sleep = clock, sleep
        self._sent: dict[str, deque[float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.waited = 0.0

    async def acquire(self, recipients: Iterable[str]) -> None:
        """Wait until one more message fits every recipient's windows, then count it."""
        keys = sorted(set(recipients))
        locks = [self._locks.setdefault(key, asyncio.Lock()) for key in keys]
        # Taken in a fixed order, so two messages to overlapping recipients never deadlock.
        for lock in locks:
            await lock.acquire()
        try:
            while (delay := max((self._room_in(key) for key in keys), default=0.0)) > 0:
                self.waited += delay
                await self.sleep(delay)
            self.note(keys)
        finally:
            for lock in locks:
                lock.release()
            self._forget_idle()

    def note(self, recipients: Iterable[str]) -> None:
        """Count a message sent without waiting (an answer to a person's own action)."""
        now = self.clock()
        for key in set(recipients):
            self._sent.setdefault(key, deque()).append(now)

    def room(self, recipients: Iterable[str], messages: int = 1) -> float:
        """Seconds until `messages` more fit every recipient's windows (0: they fit now)."""
        return max((self._room_in(key, messages) for key in set(recipients)), default=0.0)

    def count(self, recipient: str, seconds: float) -> int:
        """How many messages were counted for the recipient in the last `seconds`."""
        since = self.clock() - seconds
        return sum(1 for moment in self._sent.get(recipient, ()) if moment > since)

    def _windows(self, key: str) -> tuple[Window, ...]:
        return self.group if key.startswith(GROUP_PREFIX) else self.member

    def _room_in(self, key: str, messages: int = 1) -> float:
        """Seconds until `messages` more to `key` fit all its windows (0: now)."""
        sent = self._sent.get(key)
        if not sent:
            return 0.0
        now = self.clock()
        windows = self._windows(key)
        longest = max(w.seconds for w in windows) + self.margin
        while sent and sent[0] <= now - longest:
            sent.popleft()
        wait = 0.0
        for window in windows:
            span = window.seconds + self.margin
            recent = [moment for moment in sent if moment > now - span]
            # That many of the oldest must leave the window first (never more than it holds).
            leaving = min(len(recent) + messages - window.count, len(recent))
            if leaving > 0:
                wait = max(wait, recent[leaving - 1] + span - now)
        return wait

    def _forget_idle(self) -> None:
        # Members messaged once and never again would otherwise be kept for good.
        if len(self._sent) <= KEPT:
            return
        now = self.clock()
        for key in list(self._sent):
            lock = self._locks.get(key)
            sent = self._sent[key]
            longest = max(w.seconds for w in self._windows(key)) + self.margin
            if (not sent or sent[-1] <= now - longest) and (lock is None or not lock.locked()):
                del self._sent[key]
                self._locks.pop(key, None)

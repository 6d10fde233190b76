"""Telegram's flood limits, enforced only when switched on.

Choices, stated once:
- Per bot overall: 30 messages in any 1-second window.
- Per private chat: strictly 1 message in any 1-second window, no burst. Telegram lets short
  bursts of about 3 through in practice, but a sender that passes the strict rule passes
  Telegram too, which is what the outbox needs to prove.
- Per group: 20 messages in any 60-second window.
- What counts: every call that puts or changes a message in a chat (sendMessage, sendPhoto,
  sendDocument, editMessageText, editMessageReplyMarkup), since edits are throttled as sends in
  practice. Chat actions, callback answers and deletions do not count; refused calls do not
  count either.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from .errors import too_many_requests

SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
COUNTED_METHODS = SEND_METHODS | {"editMessageText", "editMessageReplyMarkup"}


@dataclass(frozen=True)
class Window:
    """At most `count` messages in any `seconds`-long window."""

    count: int
    seconds: float


@dataclass(frozen=True)
class FloodLimits:
    """The three limits Telegram applies to a bot's messages."""

    overall: Window = Window(30, 1.0)
    private_chat: Window = Window(1, 1.0)
    group: Window = Window(20, 60.0)


class FloodControl:
    """Sliding-window counters per bot and per chat; answers 429 with retry_after when full."""

    def __init__(self, limits: FloodLimits | None = None, enabled: bool = False) -> None:
        self.limits = limits or FloodLimits()
        self.enabled = enabled
        self._read_sent: dict[int | None, deque[float]] = {}

    def admit(self, chat_id: int, private: bool, now: float) -> None:
        """Record one message to `chat_id`, or raise the 429 Telegram would answer."""
        if not self.enabled:
            return
        chat_window = self.limits.private_chat if private else self.limits.group
        waits = [
            self._measure_wait(None, self.limits.overall, now),
            self._measure_wait(chat_id, chat_window, now),
        ]
        longest = max(waits)
        if longest > 0:
            raise too_many_requests(max(1, math.ceil(longest)))
        self._read_sent.setdefault(None, deque()).append(now)
        self._read_sent.setdefault(chat_id, deque()).append(now)

    def reset(self) -> None:
        """Forget every message counted so far."""
        self._read_sent.clear()

    def _measure_wait(self, key: int | None, window: Window, now: float) -> float:
        sent = self._read_sent.setdefault(key, deque())
        while sent and sent[0] <= now - window.seconds:
            sent.popleft()
        if len(sent) < window.count:
            return 0.0
        return sent[len(sent) - window.count] + window.seconds - now

"""What the bots asked of the sandbox and how it answered, for tests and benchmarks.

Counted since the sandbox started, its last reset, or the last read with reset:
- calls: every call of an authenticated bot, by method (faulted and refused calls included);
- messages: calls that put a new message in a chat (sendMessage, sendPhoto, sendDocument)
  and were carried out; first/last_message_at are time.monotonic() when the first and last
  of them were, or None before any;
- answered_429: the flood limits' own 429 answers (injected ones are faults);
- faults_injected: calls that an injected fault entry took (late-but-carried-out included).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any


class CallStats:
    """Counters of one sandbox; reading them never changes them."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.calls: Counter[str] = Counter()
        self.messages = 0
        self.answered_429 = 0
        self.faults_injected = 0
        self.first_message_at: float | None = None
        self.last_message_at: float | None = None

    def count_call(self, method: str) -> None:
        """One Bot API call arrived."""
        self.calls[method] += 1

    def count_message(self) -> None:
        """One message-sending call was carried out."""
        now = self.clock()
        self.messages += 1
        if self.first_message_at is None:
            self.first_message_at = now
        self.last_message_at = now

    def to_control(self) -> dict[str, Any]:
        """The counters as the control API answers them."""
        return {
            "calls": dict(sorted(self.calls.items())),
            "messages": self.messages,
            "answered_429": self.answered_429,
            "faults_injected": self.faults_injected,
            "first_message_at": self.first_message_at,
            "last_message_at": self.last_message_at,
        }

"""WeCom's per-member delivery limits: what goes beyond them is dropped without an error.

Each key (a member, or a member in the app's group chats) has sliding windows of at most
`count` messages in any `seconds`. A message that fits is counted; one that does not is not
delivered and not counted (WeCom answers ok all the same), and the stats count it as a
silent drop so that tests and benchmarks can show there were none.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


class Quota:
    """Sliding windows per key; `admit` says whether one more message is delivered."""

    def __init__(self, windows: Iterable[tuple[int, float]]) -> None:
        self.windows = tuple(windows)
        self._sent: dict[str, deque[float]] = {}

    def admit(self, key: str, now: float) -> bool:
        """Count a message to `key` at `now` if every window has room; False if dropped."""
        sent = self._sent.setdefault(key, deque())
        longest = max(seconds for _, seconds in self.windows)
        while sent and sent[0] <= now - longest:
            sent.popleft()
        for count, seconds in self.windows:
            if sum(1 for moment in sent if moment > now - seconds) >= count:
                return False
        sent.append(now)
        return True

    def reset(self) -> None:
        """Forget every message counted."""
        self._sent.clear()

"""A per-person limit on incoming messages (§14): a flood is answered once, then ignored."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=1)
LIMIT = 30


@dataclass
class Throttle:
    """Counts each person's events over a sliding window, in this process's memory."""

    limit: int = LIMIT
    window: timedelta = WINDOW
    _seen: dict[tuple[str, str], deque[datetime]] = field(default_factory=dict)

    def admit(self, channel: str, user_id: str, at: datetime) -> int:
        """How far over the limit this event is: 0 admits it, 1 is the first one refused."""
        times = self._seen.setdefault((channel, user_id), deque())
        while times and at - times[0] >= self.window:
            times.popleft()
        times.append(at)
        if len(self._seen) > 10_000:
            self._forget_quiet(at)
        return max(0, len(times) - self.limit)

    def _forget_quiet(self, at: datetime) -> None:
        # People who stopped writing a while ago need no memory kept for them.
        quiet = [key for key, times in self._seen.items() if at - times[-1] >= self.window]
        for key in quiet:
            del self._seen[key]

"""What the app asked of the emulator and what came of it, for tests and benchmarks.

Counted since the emulator started, its last reset, or the last read with reset:
- calls: API calls by path (faulted and refused ones included);
- messages: message/send and appchat/send calls carried out;
- delivered: messages that reached a member (one per member of a group chat);
- silent_drops: messages WeCom's per-member limits dropped without an error, and by member;
- truncated: texts cut at 2,048 bytes (WeCom cuts longer text off without an error);
- card_updates: member copies of cards changed by update_template_card;
- faults_injected: calls an injected fault took;
- pushes: callbacks delivered to the bot, failed after every try, and attempts made.
"""

from __future__ import annotations

from collections import Counter
from typing import Any


class Stats:
    """Counters of one emulator; reading them never changes them."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.messages = 0
        self.delivered = 0
        self.silent_drops = 0
        self.dropped_by: Counter[str] = Counter()
        self.truncated = 0
        self.card_updates = 0
        self.faults_injected = 0
        self.pushes_delivered = 0
        self.pushes_failed = 0
        self.push_attempts = 0

    def drop(self, userid: str) -> None:
        """One message to a member went over WeCom's limits."""
        self.silent_drops += 1
        self.dropped_by[userid] += 1

    def to_control(self) -> dict[str, Any]:
        """The counters as the control API answers them."""
        return {
            "calls": dict(sorted(self.calls.items())),
            "messages": self.messages,
            "delivered": self.delivered,
            "silent_drops": self.silent_drops,
            "dropped_by": dict(sorted(self.dropped_by.items())),
            "truncated": self.truncated,
            "card_updates": self.card_updates,
            "faults_injected": self.faults_injected,
            "pushes": {
                "delivered": self.pushes_delivered,
                "failed": self.pushes_failed,
                "attempts": self.push_attempts,
            },
        }

"""What every use case needs besides storage: the city's calendar, policy and lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time, timedelta

from bot.domain.calendar import WorkCalendar
from bot.domain.coordination import CoordinationThresholds
from bot.domain.policy import Policy
from bot.domain.routing import Category


@dataclass(frozen=True)
class Context:
    """Read-only collaborators of the use cases, built once by bootstrap."""

    calendar: WorkCalendar
    policy: Policy
    thresholds: CoordinationThresholds
    categories: tuple[Category, ...]
    invite_ttl: timedelta
    tokenize: Callable[[str], list[str]]
    default_language: str = "zh"
    # 无事不扰 (§9): officials' and enterprises' default quiet hours, and the coalescing window.
    quiet_hours: tuple[time, time] = (time(22, 0), time(7, 30))
    enterprise_quiet_hours: tuple[time, time] = (time(21, 0), time(8, 0))
    coalesce_window: timedelta = timedelta(minutes=10)
    # The chat channels the city runs; a task force's group on another channel is not used.
    channels: tuple[str, ...] = ("telegram",)

    def category(self, code: str) -> Category | None:
        """The city's category with this code."""
        return next((c for c in self.categories if c.code == code), None)

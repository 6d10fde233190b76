"""The playground's clock: the wall clock plus however far time travel moved it (§12)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.calendar import WorkCalendar

log = logging.getLogger(__name__)

# Where a start outside working hours puts the clock: this far into the next working period,
# past the opening, when the morning's held notices have gone out (09:30 on most days).
SETTLED = timedelta(minutes=30)


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class TravelClock:
    """The wall clock plus however far the playground moved it forward.

    The offset is kept in a file beside the database: what was stored at a travelled time
    (leases, claims, deferred notices) must not find the clock gone back after a restart.
    """

    def __init__(
        self, path: Path | None = None, wall: Callable[[], datetime] = _wall_clock
    ) -> None:
        self.path, self.wall = path, wall
        self.offset = timedelta(0)
        if path is not None and path.exists():
            try:
                self.offset = timedelta(seconds=max(0.0, float(path.read_text().strip())))
            except ValueError:
                log.warning("%s holds no number of seconds; the clock starts unmoved", path)

    def now(self) -> datetime:
        """The bot's time."""
        return self.wall() + self.offset

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward, for good."""
        self.offset += delta
        if self.path is not None:
            self.path.write_text(f"{self.offset.total_seconds():.3f}\n")


def move_into_working_hours(calendar: WorkCalendar, clock: TravelClock) -> str | None:
    """Outside working hours or on a day off, move the clock to shortly after the next
    opening, so the demo's notices are not held by quiet hours; a line saying so, else None."""
    now = clock.now()
    if calendar.opening(now) == now:
        return None
    target = calendar.add_working_seconds(calendar.opening(now), SETTLED.total_seconds())
    clock.advance(target - now)
    tz = calendar.tz
    return (
        f"zhibao: the bot's clock read {now.astimezone(tz):%Y-%m-%d %H:%M}, outside working "
        f"hours, so the playground moved it to {target.astimezone(tz):%Y-%m-%d %H:%M %a}, "
        "where the walkthrough's notices go out at once (it only ever moves forward)"
    )

"""When a notice may reach its recipient: the "无事不扰" delivery policy (§9).

Quiet hours are read on the recipient's own wall clock, working hours on the city's calendar.
All instants are compared in UTC: aware datetimes sharing a tzinfo compare by wall clock,
which is wrong across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.domain.calendar import WorkCalendar
from bot.domain.notice import Priority

# An enterprise hears only of its own issue, and only when it needs to know or act.
ENTERPRISE_TEMPLATES: frozenset[str] = frozenset(
    {
        "notice.reply",
        "notice.info_requested",
        "notice.answered",
        "notice.deadline_changed",
        "notice.rate_request",
        "notice.rejected",
        "notice.reopened_by_office",
        # The files that came with one of the above.
        "notice.file",
    }
)
DEFAULT_COALESCE_WINDOW = timedelta(minutes=10)
# Each round settles at least one rule for good or moves past a working period; real
# recipients settle in two or three, so sixteen only stops a configuration that never can.
_MAX_ROUNDS = 16
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Recipient:
    """Who a notice goes to, as the delivery rules see them."""

    tz: tzinfo
    quiet: tuple[time, time] | None = None
    muted_until: datetime | None = None
    digest: bool = True
    enterprise: bool = False
    group: bool = False

    def __post_init__(self) -> None:
        if self.quiet is not None and any(t.tzinfo is not None for t in self.quiet):
            raise ValueError("quiet hours must be naive wall-clock times")
        if self.muted_until is not None:
            _utc(self.muted_until)


@dataclass(frozen=True)
class Verdict:
    """When a notice may go out: `at` (None: never, dropped) and why."""

    at: datetime | None
    reason: str


def effective_priority(priority: Priority, recipient: Recipient) -> Priority:
    """The priority the rules apply: nothing is critical for an enterprise."""
    if recipient.enterprise and priority is Priority.CRITICAL:
        return Priority.HIGH
    return priority


def in_quiet_hours(recipient: Recipient, moment: datetime) -> bool:
    """Whether `moment` falls in the recipient's quiet hours, start included, end excluded."""
    window = _quiet_window(recipient)
    if window is None:
        return False
    start, end = window
    clock = _utc(moment).astimezone(recipient.tz).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def quiet_hours_end(recipient: Recipient, moment: datetime) -> datetime:
    """When the quiet hours holding `moment` end; `moment` itself if it is not in them."""
    window = _quiet_window(recipient)
    if window is None or not in_quiet_hours(recipient, moment):
        return moment
    start, end = window
    local = _utc(moment).astimezone(recipient.tz)
    day = local.date()
    if start > end and local.time() >= start:
        day += timedelta(days=1)
    return _first_reading(day, end, recipient.tz, after=moment)


def decide(
    priority: Priority,
    template: str,
    recipient: Recipient,
    calendar: WorkCalendar,
    now: datetime,
) -> Verdict:
    """The earliest moment the notice may go, or None if it must not, and the first hold."""
    _utc(now)
    if recipient.enterprise and template not in ENTERPRISE_TEMPLATES:
        return Verdict(None, "enterprise_rule")
    level = effective_priority(priority, recipient)
    if level is Priority.CRITICAL:
        return Verdict(now, "now")
    if level is Priority.DIGEST:
        if not recipient.group and not recipient.digest:
            return Verdict(None, "digest_off")
        # A digest held until a mute ends would describe a day already gone.
        if _mute_end(recipient, now) is not None:
            return Verdict(None, "muted")
    at, reason = _settle(level, recipient, calendar, now)
    if reason is None:
        return Verdict(now, "now")
    return Verdict(at, reason)


def coalesce_until(
    last_normal_sent_at: datetime | None, window: timedelta, now: datetime
) -> datetime | None:
    """None if a normal notice may go now, else when the window since the last one ends."""
    if window < timedelta():
        raise ValueError(f"a coalescing window cannot be negative, got {window}")
    if last_normal_sent_at is None:
        return None
    # Elapsed time, not wall time: a window must not stretch or shrink across a DST change.
    ends = _utc(last_normal_sent_at) + window
    if _utc(now) >= ends:
        return None
    return _in_zone(ends, last_normal_sent_at.tzinfo)


def _settle(
    level: Priority, recipient: Recipient, calendar: WorkCalendar, now: datetime
) -> tuple[datetime, str | None]:
    """Push `now` past every rule that holds the notice; the first rule that did is named."""
    candidate = now
    first: str | None = None
    for _ in range(_MAX_ROUNDS):
        before = candidate
        mute_end = _mute_end(recipient, candidate)
        if mute_end is not None:
            candidate, first = _hold(candidate, mute_end, "muted", first)
        if in_quiet_hours(recipient, candidate):
            quiet_end = quiet_hours_end(recipient, candidate)
            candidate, first = _hold(candidate, quiet_end, "quiet_hours", first)
        if level is Priority.NORMAL:
            opening = calendar.opening(candidate)
            candidate, first = _hold(candidate, opening, "working_hours", first)
        if _utc(candidate) == _utc(before):
            break
    # Unsettled after every round only when quiet hours swallow all working hours; the
    # candidate is still later than now, and a caller deciding again then is pushed on.
    return _in_zone(_utc(candidate), now.tzinfo), first


def _hold(
    candidate: datetime, target: datetime, reason: str, first: str | None
) -> tuple[datetime, str | None]:
    """Move the candidate on to `target` if that is later, remembering the first reason to."""
    if _utc(target) <= _utc(candidate):
        return candidate, first
    return target, first or reason


def _mute_end(recipient: Recipient, moment: datetime) -> datetime | None:
    """When the mute holding `moment` ends, or None if none does; groups are never muted."""
    if recipient.group or recipient.muted_until is None:
        return None
    if _utc(moment) >= _utc(recipient.muted_until):
        return None
    return recipient.muted_until


def _quiet_window(recipient: Recipient) -> tuple[time, time] | None:
    """The quiet hours, or None when there are none (unset, or start equal to end)."""
    if recipient.quiet is None or recipient.quiet[0] == recipient.quiet[1]:
        return None
    return recipient.quiet


def _first_reading(day: date, clock: time, tz: tzinfo, after: datetime) -> datetime:
    """The first instant after `after` at which the wall clock in `tz` reads `clock` on `day`."""
    wall = datetime.combine(day, clock)
    for fold in (0, 1):
        # fold=1 is the second reading of a wall time repeated when the clocks go back.
        instant = _utc(wall.replace(tzinfo=tz, fold=fold))
        if instant.astimezone(tz).replace(tzinfo=None) != wall:
            return _in_zone(_skipped_to(wall, tz), tz)
        if instant > _utc(after):
            return _in_zone(instant, tz)
    # Both readings already passed cannot happen for a moment inside the quiet hours.
    raise AssertionError(f"no reading of {wall} in {tz} after {after}")


def _skipped_to(wall: datetime, tz: tzinfo) -> datetime:
    """The instant the clocks jumped over `wall` when they went forward: it ends there."""
    # PEP 495 maps a skipped time to one instant before the jump (fold=1) and one after
    # (fold=0); the wall clock rises with the instant between them, so bisect to the second.
    low = _utc(wall.replace(tzinfo=tz, fold=1))
    high = _utc(wall.replace(tzinfo=tz, fold=0))
    while high - low > _SECOND:
        mid = low + timedelta(seconds=(high - low) // _SECOND // 2)
        if mid.astimezone(tz).replace(tzinfo=None) >= wall:
            high = mid
        else:
            low = mid
    return high


def _utc(moment: datetime) -> datetime:
    """`moment` in UTC, refusing a naive datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC)


def _in_zone(instant: datetime, tz: tzinfo | None) -> datetime:
    """A UTC instant shown in `tz`, with the offset and fold right for that instant."""
    return instant.astimezone(tz if tz is not None else UTC)

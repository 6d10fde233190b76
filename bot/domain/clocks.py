"""Starting, pausing, resuming, extending and meeting the three clocks (§7)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.calendar import Duration, WorkCalendar
from bot.domain.model import Clock, ClockName
from bot.domain.policy import PolicySnapshot


def start_clocks(
    policy: PolicySnapshot, calendar: WorkCalendar, filed_at: datetime
) -> dict[ClockName, Clock]:
    """The three clocks of an issue filed at `filed_at`."""
    durations = {
        ClockName.SIGN: policy.clocks.sign,
        ClockName.REPLY: policy.clocks.reply,
        ClockName.RESOLVE: policy.clocks.resolve,
    }
    return {
        name: new_clock(name, calendar, filed_at, duration, policy.reminder_fraction)
        for name, duration in durations.items()
    }


def new_clock(
    name: ClockName,
    calendar: WorkCalendar,
    start: datetime,
    duration: Duration,
    fraction: float,
    cycle: int = 0,
) -> Clock:
    """A clock that starts counting at `start` (or the next working moment)."""
    opening = calendar.opening(start)
    due = calendar.deadline(start, duration)
    budget = calendar.working_seconds_between(opening, due)
    remind = calendar.add_working_seconds(opening, budget * fraction)
    return Clock(name=name, due_at=due, budget=budget, remind_at=remind, cycle=cycle)


def restart_clock(
    clock: Clock, calendar: WorkCalendar, now: datetime, duration: Duration, fraction: float
) -> None:
    """Run the clock again for its full duration from now (a reopened issue)."""
    fresh = new_clock(clock.name, calendar, now, duration, fraction, clock.cycle + 1)
    clock.__dict__.update(fresh.__dict__)


def extend_clock(
    clock: Clock, calendar: WorkCalendar, now: datetime, due: datetime, fraction: float
) -> None:
    """Give a running clock a later deadline; the added time joins its budget."""
    old_left = calendar.working_seconds_between(now, clock.due_at)
    new_left = calendar.working_seconds_between(now, due)
    clock.budget += new_left - max(old_left, 0.0)
    clock.due_at = due
    clock.cycle += 1
    clock.remind_at = _reminder_from(calendar, now, new_left, clock.budget, fraction, now)


def pause_clock(clock: Clock, calendar: WorkCalendar, now: datetime) -> None:
    """Stop the countdown and keep the working time left (negative when already late)."""
    if clock.running:
        clock.paused_remaining = calendar.working_seconds_between(now, clock.due_at)


def resume_clock(clock: Clock, calendar: WorkCalendar, now: datetime, fraction: float) -> None:
    """Continue a paused clock with the working time it had left."""
    left = clock.paused_remaining
    if not clock.paused or left is None:
        return
    opening = calendar.opening(now)
    if left > 0:
        clock.due_at = calendar.add_working_seconds(opening, left)
        clock.remind_at = _reminder_from(
            calendar, opening, left, clock.budget, fraction, clock.remind_at
        )
    else:
        # A clock paused while late stays exactly as late: the pause does not count.
        clock.due_at = calendar.subtract_working_seconds(opening, -left)
    clock.paused_remaining = None


def meet_clock(clock: Clock, now: datetime) -> None:
    """Record that what the clock waited for has happened."""
    if clock.met_at is not None:
        return
    if clock.paused_remaining is not None:
        clock.on_time = clock.paused_remaining >= 0
    else:
        clock.on_time = now <= clock.due_at
    clock.met_at = now


def cancel_clock(clock: Clock, now: datetime) -> None:
    """Stop a clock that no longer matters (withdrawn or rejected issue); it counts neither way."""
    if clock.met_at is None:
        clock.met_at = now
        clock.paused_remaining = None


def pause_all(clocks: dict[ClockName, Clock], calendar: WorkCalendar, now: datetime) -> None:
    """Pause every running clock (information requested from the enterprise)."""
    for clock in clocks.values():
        pause_clock(clock, calendar, now)


def resume_all(
    clocks: dict[ClockName, Clock], calendar: WorkCalendar, now: datetime, fraction: float
) -> None:
    """Resume every paused clock (the enterprise answered)."""
    for clock in clocks.values():
        resume_clock(clock, calendar, now, fraction)


def overdue_clocks(clocks: dict[ClockName, Clock], now: datetime) -> list[Clock]:
    """Running clocks whose deadline has passed."""
    return [c for c in clocks.values() if c.running and c.due_at < now]


def _reminder_from(
    calendar: WorkCalendar,
    opening: datetime,
    left: float,
    budget: float,
    fraction: float,
    already: datetime,
) -> datetime:
    # The reminder falls where the time left equals the unused share of the budget.
    lead_time = left - budget * (1 - fraction)
    if lead_time <= 0:
        return already
    return calendar.add_working_seconds(opening, lead_time)

"""What is due on an issue at a moment: reminders, escalations, nudges, auto-closing (§8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.calendar import WorkCalendar
from bot.domain.model import Clock, ClockName, Issue, IssueEvent, IssueState

WORKING_STATES = frozenset({IssueState.ACKNOWLEDGED, IssueState.IN_PROGRESS})

# Who hears of each escalation level when no leader has taken the issue under supervision.
LEVEL_AUDIENCE = {
    1: ("assignee", "lead"),
    2: ("supervising_leader",),
    3: ("principals",),
}


@dataclass(frozen=True)
class DueAction:
    """One thing the scheduler must do for an issue; `key` makes it happen once."""

    kind: str
    key: str
    due_at: datetime
    audience: tuple[str, ...] = ()
    clock: str | None = None
    level: int | None = None


def due_actions(issue: Issue, calendar: WorkCalendar, now: datetime) -> list[DueAction]:
    """Every action whose time has come, oldest first; keys tell the caller what is done."""
    actions: list[DueAction] = []
    if issue.is_open:
        for clock in issue.clocks.values():
            if clock.running:
                actions.extend(_clock_actions(issue, clock, calendar, now))
        actions.extend(_idle_and_close(issue, calendar, now))
    return sorted(actions, key=lambda a: (a.due_at, a.key))


def _clock_actions(
    issue: Issue, clock: Clock, calendar: WorkCalendar, now: datetime
) -> list[DueAction]:
    base = f"{issue.code}:{clock.name}:{clock.cycle}"
    found: list[DueAction] = []
    if clock.remind_at <= now < clock.due_at:
        audience = ("assignee",) if issue.assignee_id else ("task_force",)
        found.append(DueAction("remind", f"remind:{base}", clock.remind_at, audience, clock.name))
    policy = issue.policy
    moments = {
        1: clock.due_at,
        2: calendar.after(clock.due_at, policy.level2_after),
        3: calendar.after(clock.due_at, policy.level3_after),
    }
    for level, moment in moments.items():
        if moment <= now:
            found.append(
                DueAction(
                    "escalate",
                    f"escalate:{base}:{level}",
                    moment,
                    escalation_audience(issue, level),
                    clock.name,
                    level,
                )
            )
    return found


def escalation_audience(issue: Issue, level: int) -> tuple[str, ...]:
    """Who is told at an escalation level; leaders who supervise or instructed hear every one."""
    audience = LEVEL_AUDIENCE[level]
    if issue.supervised_by is not None:
        audience = (*audience, "supervisor")
    # A leader who gave an instruction (批示) wants to hear when it is not carried out.
    return (*audience, "instructors")


def wake_at(issue: Issue, calendar: WorkCalendar, now: datetime) -> datetime | None:
    """When the sweep must next look at an issue just changed at `now` (None: never).

    Now, if anything is due at all: the sweep knows which keys were done, the caller does not.
    """
    if due_actions(issue, calendar, now):
        return now
    return next_wake(issue, calendar, now)


def next_wake(issue: Issue, calendar: WorkCalendar, after: datetime) -> datetime | None:
    """The first moment after `after` at which another action comes due (None: none will)."""
    if not issue.is_open:
        return None
    moments: list[datetime] = []
    policy = issue.policy
    for clock in issue.clocks.values():
        if not clock.running:
            continue
        if clock.remind_at < clock.due_at:
            moments.append(clock.remind_at)
        moments.append(clock.due_at)
        moments.append(calendar.after(clock.due_at, policy.level2_after))
        moments.append(calendar.after(clock.due_at, policy.level3_after))
    if issue.state in WORKING_STATES and issue.last_activity_at is not None:
        moments.append(calendar.after(issue.last_activity_at, policy.idle_after))
    if issue.state is IssueState.ANSWERED and issue.answered_at is not None:
        moments.append(calendar.after(issue.answered_at, policy.auto_close_answered))
    if issue.state is IssueState.WAITING_ENTERPRISE and issue.waiting_since is not None:
        moments.append(calendar.after(issue.waiting_since, policy.auto_close_waiting))
    later = [m for m in moments if m > after]
    return min(later) if later else None


def note_action(issue: Issue, action: DueAction, now: datetime) -> IssueEvent:
    """The timeline entry of a reminder, escalation or nudge the sweep carries out."""
    kinds = {"remind": "reminded", "escalate": "escalated", "nudge": "nudged"}
    data: dict[str, object] = {"key": action.key, "audience": list(action.audience)}
    if action.clock is not None:
        data["clock"] = action.clock
        data["due_at"] = issue.clocks[ClockName(action.clock)].due_at.isoformat()
    if action.level is not None:
        data["level"] = action.level
        # The highest level any of the issue's clocks has reached.
        issue.escalation_level = max(issue.escalation_level, action.level)
    return IssueEvent(kinds[action.kind], now, None, issue.state, issue.state, None, data)


def _idle_and_close(issue: Issue, calendar: WorkCalendar, now: datetime) -> list[DueAction]:
    policy = issue.policy
    found: list[DueAction] = []
    if issue.state in WORKING_STATES and issue.last_activity_at is not None:
        idle_at = calendar.after(issue.last_activity_at, policy.idle_after)
        if idle_at <= now:
            stamp = issue.last_activity_at.isoformat()
            found.append(DueAction("nudge", f"idle:{issue.code}:{stamp}", idle_at, ("assignee",)))
    since = None
    if issue.state is IssueState.ANSWERED and issue.answered_at is not None:
        since, wait, why = issue.answered_at, policy.auto_close_answered, "answered"
    elif issue.state is IssueState.WAITING_ENTERPRISE and issue.waiting_since is not None:
        since, wait, why = issue.waiting_since, policy.auto_close_waiting, "waiting"
    if since is not None:
        close_at = calendar.after(since, wait)
        if close_at <= now:
            key = f"autoclose:{issue.code}:{why}:{since.isoformat()}"
            found.append(DueAction("auto_close", key, close_at, ("enterprise",)))
    return found

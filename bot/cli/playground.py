"""The web playground's side of `make run`: the demo city, the sandbox's people, time travel.

Only with the local sandbox: the bot's clock may be moved forward so that reminders,
escalations, quiet hours and digests can be watched in a minute (§12).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.bootstrap import App
from bot.domain.calendar import WorkCalendar
from bot.domain.errors import NotFound
from bot.domain.model import Clock, Issue
from bot.domain.people import OPERATOR
from bot.i18n.catalog import LANGUAGES, default_catalog
from bot.services import demo
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from bot.services.waiting import Waiting, waiting_notices
from sandbox.playground import TRAVEL_STEPS
from sandbox.telegram import DEFAULT_TOKEN, Sandbox
from scheduler.jobs import Scheduler

log = logging.getLogger(__name__)

STEPS = TRAVEL_STEPS
# The sandbox group's title, as its members see it in Telegram.
GROUP_TITLE = "高端铝业专班"
# How far ahead "to the next deadline" looks for one.
HORIZON = timedelta(days=400)
# Where a start outside working hours puts the clock: this far into the next working period,
# past the opening, when the morning's held notices have gone out (09:30 on most days).
SETTLED = timedelta(minutes=30)
# The catalog has words for a clock's state, not for a running clock past its deadline.
OVERDUE = {"zh": "已超期", "en": "overdue"}


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


async def prepare(app: App, sandbox: Sandbox, now: datetime) -> bool:
    """Load the demo city into an empty directory (or complete it), and give its people
    accounts in the sandbox; False if the database holds a real city, which is left alone."""
    loaded = await demo.demo_only(app.uow)
    first_start = not await demo.loaded_before(app.uow)
    if loaded:
        await demo.load_demo(app.uow, app.ctx, now)
        await demo.link_group(app.uow)
    for persona in demo.PERSONAS:
        sandbox.create_user(
            user_id=persona.telegram_id, first_name=persona.name, language_code="zh-hans"
        )
    officials = [demo.INVITED[0].telegram_id, demo.INVITED[1].telegram_id]
    sandbox.create_group(GROUP_TITLE, members=officials, group_id=demo.GROUP_CHAT)
    # The bot joined the group when the demo city was made; a restart only restores that.
    sandbox.add_bot_to_group(
        demo.GROUP_CHAT, by=officials[1], token=DEFAULT_TOKEN, announce=first_start
    )
    return loaded


class PlaygroundBridge:
    """What the page asks of the running bot: its people, its clock, its issues."""

    def __init__(self, app: App, clock: TravelClock) -> None:
        self.app, self.travel_clock = app, clock
        self.catalog = default_catalog()
        self.scheduler: Scheduler | None = None

    def attach(self, scheduler: Scheduler) -> None:
        """The running scheduler, which time travel makes catch up."""
        self.scheduler = scheduler

    async def personas(self) -> dict[str, Any]:
        """The people the page shows, and the task force's group."""
        people = [
            {
                "key": p.key,
                "role_zh": self.catalog.text("zh", f"role-{p.role.value}"),
                "role_en": self.catalog.text("en", f"role-{p.role.value}"),
                "role": p.role.value,
                "name": p.name,
                "user_id": p.telegram_id,
                "chat_id": p.telegram_id,
                "language": "zh",
            }
            for p in demo.PERSONAS
            if p.key != "party_office"
        ]
        group = {
            "key": "group",
            "chat_id": demo.GROUP_CHAT,
            "title": GROUP_TITLE,
            "speaker": demo.INVITED[0].telegram_id,
        }
        return {"personas": people, "group": group}

    async def clock(self) -> dict[str, Any]:
        """The bot's time, as the page shows it."""
        now = self.travel_clock.now()
        local = now.astimezone(self.app.ctx.calendar.tz)
        return {
            "now": now.isoformat(),
            "shown": local.strftime("%Y-%m-%d %H:%M"),
            "weekday": local.isoweekday(),
            "working_day": self.app.ctx.calendar.is_workday(local.date()),
            "offset_seconds": int(self.travel_clock.offset.total_seconds()),
        }

    async def travel(self, step: str) -> dict[str, Any]:
        """Move the bot's clock forward; the sweep and the reports catch up at once."""
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}; use one of {', '.join(STEPS)}")
        now = self.travel_clock.now()
        target = await self._target(step, now)
        if target <= now:
            # Nothing is due ahead: the clock stays, and the page says so.
            return await self.clock() | {"moved": False}
        self.travel_clock.advance(target - now)
        if self.scheduler is not None:
            # Each report falls on its own day, however far the step leapt.
            await self.scheduler.catch_up(now, target)
            self.scheduler.wake()
        return await self.clock() | {"moved": True}

    async def issues(self) -> list[dict[str, Any]]:
        """The latest issues, most urgent deadline first."""
        found = await list_issues(self.app.uow(), OPERATOR, IssueQuery(limit=50))
        async with self.app.uow().reading() as uow:
            enterprises = {
                i.enterprise_id: await uow.enterprises.get(i.enterprise_id) for i in found
            }
        names = {k: e.name for k, e in enterprises.items() if e is not None}
        return [
            self._summary(issue) | {"enterprise": names.get(issue.enterprise_id, "")}
            for issue in found
        ]

    async def issue(self, code: str) -> dict[str, Any] | None:
        """One issue's clocks and timeline."""
        try:
            view = await show_issue(self.app.uow(), OPERATOR, code)
        except NotFound:
            return None
        issue, now = view.issue, self.travel_clock.now()
        clocks = [
            {
                "name": self._words(f"clock-{c.name.value}"),
                "due_at": self._local(c.due_at),
                "status": self._status(c, now),
                "overdue": _overdue(c, now),
            }
            for c in issue.clocks.values()
        ]
        waiting = await waiting_notices(self.app.uow(), self.app.ctx, issue.id or 0, now)
        names = await self._names({e.actor_id for e in view.events if e.actor_id is not None})
        timeline = [
            {
                "at": self._local(e.at),
                "kind": self._words(f"event-{e.kind.replace('_', '-')}"),
                "actor": names.get(e.actor_id or 0, ""),
                "text": e.text or "",
            }
            for e in view.events
        ]
        summary = self._summary(issue) | {"enterprise": view.enterprise_name, "text": issue.text}
        queued = [self._waiting(w) for w in waiting]
        return summary | {"clocks": clocks, "timeline": timeline, "waiting": queued}

    def _summary(self, issue: Issue) -> dict[str, Any]:
        due, now = issue.next_due(), self.travel_clock.now()
        return {
            "code": issue.code,
            "state": self._words(f"state-{issue.state.value.replace('_', '-')}"),
            "next_due": self._local(due) if due else None,
            "overdue": issue.is_open and any(_overdue(c, now) for c in issue.clocks.values()),
        }

    def _status(self, clock: Clock, now: datetime) -> dict[str, str]:
        if _overdue(clock, now):
            return OVERDUE
        return self._words(f"clock-status-{_status(clock.running, clock.paused, clock.on_time)}")

    def _waiting(self, waiting: Waiting) -> dict[str, Any]:
        """A queued notice as the issue panel lists it: to whom, until when, why."""
        team = waiting.task_force
        recipient: str | dict[str, str] = waiting.person or ""
        if team is not None:
            recipient = {"zh": f"{team.name_zh}专班群", "en": f"{team.name_en} task force group"}
        return {
            "recipient": recipient,
            "until": self._local(waiting.until) if waiting.until else None,
            "reason": waiting.reason,
        }

    def _words(self, key: str) -> dict[str, str]:
        """A catalog text in both languages: the page shows the one it is set to."""
        return {language: self.catalog.text(language, key) for language in LANGUAGES}

    def _local(self, moment: datetime) -> str:
        # The page shows a time in the offset it is given: the city's.
        return moment.astimezone(self.app.ctx.calendar.tz).isoformat()

    async def _names(self, ids: set[int]) -> dict[int, str]:
        async with self.app.uow().reading() as uow:
            people = [await uow.people.get(person_id) for person_id in sorted(ids)]
        return {p.id: p.name for p in people if p is not None and p.id is not None}

    async def _target(self, step: str, now: datetime) -> datetime:
        calendar = self.app.ctx.calendar
        if step == "hour":
            return now + timedelta(hours=1)
        if step == "workday":
            local = now.astimezone(calendar.tz)
            day = calendar.add_workdays(local.date(), 1)
            return datetime.combine(day, local.time(), tzinfo=calendar.tz)
        if self.scheduler is not None:
            await self.scheduler.sweep()
        async with self.app.uow().reading() as uow:
            for issue_id in await uow.issues.due_ids(now + HORIZON, 50):
                issue = await uow.issues.get_by_id(issue_id)
                if issue is not None and issue.wake_at is not None and issue.wake_at > now:
                    return issue.wake_at
        return now


def _overdue(clock: Clock, now: datetime) -> bool:
    return clock.running and clock.due_at <= now


def _status(running: bool, paused: bool, on_time: bool | None) -> str:
    if running:
        return "running"
    if paused:
        return "paused"
    return "met" if on_time else "late" if on_time is False else "stopped"


__all__ = ["STEPS", "PlaygroundBridge", "TravelClock", "move_into_working_hours", "prepare"]

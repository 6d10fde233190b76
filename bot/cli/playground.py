"""The web playground's side of `make run`: the demo city, the sandbox's people, time travel.

Only with the local sandbox: the bot's clock may be moved forward so that reminders,
escalations, quiet hours and digests can be watched in a minute (§12).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.bootstrap import App
from bot.domain.errors import NotFound
from bot.domain.model import Issue
from bot.domain.people import OPERATOR
from bot.i18n.catalog import LANGUAGES, default_catalog
from bot.services import demo
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from sandbox.playground import TRAVEL_STEPS
from sandbox.telegram import DEFAULT_TOKEN, Sandbox
from scheduler.jobs import Scheduler

log = logging.getLogger(__name__)

STEPS = TRAVEL_STEPS
# The sandbox group's title, as its members see it in Telegram.
GROUP_TITLE = "高端铝业专班"
# How far ahead "to the next deadline" looks for one.
HORIZON = timedelta(days=400)


class TravelClock:
    """The wall clock plus however far the playground moved it forward.

    The offset is kept in a file beside the database: what was stored at a travelled time
    (leases, claims, deferred notices) must not find the clock gone back after a restart.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.offset = timedelta(0)
        if path is not None and path.exists():
            try:
                self.offset = timedelta(seconds=max(0.0, float(path.read_text().strip())))
            except ValueError:
                log.warning("%s holds no number of seconds; the clock starts unmoved", path)

    def now(self) -> datetime:
        """The bot's time."""
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward, for good."""
        self.offset += delta
        if self.path is not None:
            self.path.write_text(f"{self.offset.total_seconds():.3f}\n")


async def prepare(app: App, sandbox: Sandbox, now: datetime) -> bool:
    """Load the demo city into an empty directory (or complete it), and give its people
    accounts in the sandbox; False if the database holds a real city, which is left alone."""
    loaded = await demo.demo_only(app.uow)
    if loaded:
        await demo.load_demo(app.uow, app.ctx, now)
        await demo.link_group(app.uow)
    for persona in demo.PERSONAS:
        sandbox.create_user(
            user_id=persona.telegram_id, first_name=persona.name, language_code="zh-hans"
        )
    officials = [demo.INVITED[0].telegram_id, demo.INVITED[1].telegram_id]
    sandbox.create_group(GROUP_TITLE, members=officials, group_id=demo.GROUP_CHAT)
    sandbox.add_bot_to_group(demo.GROUP_CHAT, by=officials[1], token=DEFAULT_TOKEN)
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
            await self.scheduler.sweep()
            await self.scheduler.digests()
            await self.scheduler.weekly()
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
        issue = view.issue
        clocks = [
            {
                "name": self._words(f"clock-{c.name.value}"),
                "due_at": self._local(c.due_at),
                "status": self._words(f"clock-status-{_status(c.running, c.paused, c.on_time)}"),
            }
            for c in issue.clocks.values()
        ]
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
        return summary | {"clocks": clocks, "timeline": timeline}

    def _summary(self, issue: Issue) -> dict[str, Any]:
        due = issue.next_due()
        return {
            "code": issue.code,
            "state": self._words(f"state-{issue.state.value.replace('_', '-')}"),
            "next_due": self._local(due) if due else None,
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


def _status(running: bool, paused: bool, on_time: bool | None) -> str:
    if running:
        return "running"
    if paused:
        return "paused"
    return "met" if on_time else "late" if on_time is False else "stopped"


__all__ = ["STEPS", "PlaygroundBridge", "TravelClock", "prepare"]

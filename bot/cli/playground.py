"""The web playground's side of `make run`: the demo city, the sandbox's people, time travel.

Only with the local sandbox: the bot's clock may be moved forward so that reminders,
escalations, quiet hours and digests can be watched in a minute (§12).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.bootstrap import App
from bot.cli.playground_channels import (
    WeComCorp,
    channel_of,
    person_of,
    persona_named,
    prepare_wecom,
    switch_channel,
)
from bot.cli.playground_clock import TravelClock, move_into_working_hours
from bot.domain.errors import NotFound
from bot.domain.model import Clock, Issue
from bot.domain.people import OPERATOR, TELEGRAM, WECOM
from bot.i18n.catalog import LANGUAGES, default_catalog
from bot.services import demo
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from bot.services.waiting import Waiting, waiting_notices
from sandbox.playground.hooks import TRAVEL_STEPS
from sandbox.telegram import DEFAULT_TOKEN, Sandbox
from scheduler.jobs import Scheduler

log = logging.getLogger(__name__)

STEPS = TRAVEL_STEPS
# The sandbox group's title, as its members see it in Telegram.
GROUP_TITLE = "高端铝业专班"
# How far ahead "to the next deadline" looks for one.
HORIZON = timedelta(days=400)
# The catalog has words for a clock's state, not for a running clock past its deadline.
OVERDUE = {"zh": "已超期", "en": "overdue"}


async def prepare(
    app: App, sandbox: Sandbox | None, now: datetime, wecom: WeComCorp | None = None
) -> bool:
    """Load the demo city into an empty directory (or complete it), and give its people
    accounts in the sandboxes that run; False if the database holds a real city, which is
    left alone. Without the Telegram sandbox everyone is on WeCom."""
    loaded = await demo.demo_only(app.uow)
    first_start = not await demo.loaded_before(app.uow)
    if loaded:
        await demo.load_demo(app.uow, app.ctx, now)
        await demo.link_group(app.uow)
    if sandbox is not None:
        _telegram_accounts(sandbox, first_start)
    if wecom is not None and loaded:
        await prepare_wecom(app, wecom, only=sandbox is None)
    return loaded


def _telegram_accounts(sandbox: Sandbox, first_start: bool) -> None:
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


class PlaygroundBridge:
    """What the page asks of the running bot: its people, its clock, its issues."""

    def __init__(
        self,
        app: App,
        clock: TravelClock,
        channels: Sequence[str] = (TELEGRAM,),
        wecom: WeComCorp | None = None,
    ) -> None:
        self.app, self.travel_clock = app, clock
        self.channels, self.wecom = tuple(channels), wecom
        self.catalog = default_catalog()
        self.scheduler: Scheduler | None = None

    def attach(self, scheduler: Scheduler) -> None:
        """The running scheduler, which time travel makes catch up."""
        self.scheduler = scheduler

    async def personas(self) -> dict[str, Any]:
        """The people the page shows, each on their channel, and the task force's group."""
        people = [await self._persona(p) for p in demo.PERSONAS if p.key != "party_office"]
        group: dict[str, Any] = {
            "key": "group",
            "chat_id": demo.GROUP_CHAT,
            "title": GROUP_TITLE,
            "speaker": demo.INVITED[0].telegram_id,
            "channel": TELEGRAM,
        }
        chatid = self.wecom.group_chatid() if self.wecom is not None else None
        if TELEGRAM not in self.channels and chatid is not None:
            group |= {"channel": WECOM, "chat_id": None, "wecom_chatid": chatid}
        return {"personas": people, "group": group, "channels": list(self.channels)}

    async def switch(self, key: str, channel: str) -> dict[str, Any]:
        """Put a persona on Telegram or WeCom (see playground_channels); the pane's persona."""
        await switch_channel(self.app, self.wecom, self.channels, key, channel)
        return await self._persona(persona_named(key))

    async def _persona(self, p: demo.Persona) -> dict[str, Any]:
        person = await person_of(self.app, p)
        return {
            "key": p.key,
            "role_zh": self.catalog.text("zh", f"role-{p.role.value}"),
            "role_en": self.catalog.text("en", f"role-{p.role.value}"),
            "role": p.role.value,
            "name": p.name,
            "user_id": p.telegram_id,
            "chat_id": p.telegram_id,
            "wecom_userid": p.key,
            "channel": channel_of(person, self.channels),
            "language": "zh",
        }

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

"""A controllable clock through simulated weeks: the sweep and the reports at every moment due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule import DIGEST_AT, WEEKLY_AT
from bot.services.digests import queue_morning_digests, queue_weekly_summaries
from bot.services.sweep import sweep
from tests.services.city import City

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of 2026 in Shanghai."""
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def shown(moment: datetime) -> str:
    """A moment as the expectations write it: 10-08 17:30 in Shanghai."""
    return moment.astimezone(SHANGHAI).strftime("%m-%d %H:%M")


async def run_until(city: City, codes: Sequence[str], end: datetime) -> None:
    """Move the clock from wake-up to wake-up of the issues and the daily report moments,
    running what `zhibao run`'s jobs run at each; never a moment in between."""
    while True:
        moments = [*await _wake_ups(city, codes), *_report_moments(city.now)]
        upcoming = [m for m in moments if m > city.now]
        if not upcoming or min(upcoming) > end:
            city.now = end
            return
        city.now = min(upcoming)
        await sweep(city.new_uow, city.ctx, city.now)
        # The report jobs fire at their daily moments (and once at start-up, not simulated).
        local = city.now.astimezone(SHANGHAI).time()
        if local == DIGEST_AT:
            await queue_morning_digests(city.new_uow, city.ctx, city.now)
        if local == WEEKLY_AT:
            await queue_weekly_summaries(city.new_uow, city.ctx, city.now)


async def sent_log(city: City, since: datetime) -> list[tuple[str, str]]:
    """What was queued since a moment, as (when, key without the event id), in order."""
    async with city.new_uow().reading() as uow:
        notices = await uow.notices.find()
    found = [n for n in notices if n.created_at >= since]
    return [(shown(n.created_at), _plain_key(n.template, n.dedupe_key)) for n in found]


async def _wake_ups(city: City, codes: Sequence[str]) -> list[datetime]:
    async with city.new_uow().reading() as uow:
        issues = [await uow.issues.get(code) for code in codes]
    return [i.wake_at for i in issues if i is not None and i.wake_at is not None]


def _report_moments(now: datetime) -> list[datetime]:
    local = now.astimezone(SHANGHAI)
    days = (local.date(), local.date() + timedelta(days=1))
    return [
        datetime.combine(day, moment, tzinfo=SHANGHAI)
        for day in days
        for moment in (DIGEST_AT, WEEKLY_AT)
    ]


def _plain_key(template: str, key: str) -> str:
    # Event keys carry database ids; the template and recipient say the same, stably.
    if key.startswith("event:"):
        _, _, kind, ident = key.split(":")
        return f"{template.removeprefix('notice.')}:{kind}:{ident}"
    return key

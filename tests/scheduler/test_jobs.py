"""The scheduler of `zhibao run`: its jobs run alone, one instance sends, a stop hands over,
and a leap of the clock (the playground's time travel) skips no report."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, datetime, time, timedelta

import pytest_asyncio

from bot.domain.model import Urgency
from bot.domain.notice import NoticeStatus
from bot.domain.people import ChannelIdentity
from bot.domain.schedule import report_moments
from bot.i18n.catalog import default_catalog
from scheduler.dispatcher import Dispatcher
from scheduler.jobs import Cadence, Scheduler, dispatch_lease
from storage.database import Database
from tests.fakes import FakeMessenger
from tests.services.city import MONDAY_10, City, build_city

QUICK = Cadence(sweep_every=0.05, dispatch_every=0.05, lease_for=timedelta(seconds=30))


@pytest_asyncio.fixture
async def city(sqlite_database: Database) -> AsyncIterator[City]:
    """The test city on a SQLite file, with Telegram accounts for the officials who hear."""
    db = sqlite_database
    built = await build_city(db.unit_of_work)
    async with built.new_uow() as uow:
        for person, chat in ((built.lead, "7001"), (built.leader, "8001")):
            await uow.people.add_identity(person, ChannelIdentity("telegram", chat, chat))
        await uow.commit()
    yield built


def scheduler(city: City, messenger: FakeMessenger, holder: str) -> Scheduler:
    """A scheduler on the city's clock, sending through the messenger."""
    dispatcher = Dispatcher(
        city.new_uow, city.ctx, default_catalog(), messenger, holder, lambda: city.now
    )
    return Scheduler(city.new_uow, city.ctx, [dispatcher], lambda: city.now, QUICK)


async def until(condition: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> None:
    """Wait for a condition to hold."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_the_jobs_sweep_and_send_without_being_asked(city: City) -> None:
    code = (await city.file(urgency=Urgency.URGENT, project_id=city.big_project)).issue.code
    messenger = FakeMessenger()
    jobs = scheduler(city, messenger, "one")
    await jobs.start()
    try:
        # The direct report goes out at filing time, at once.
        await until(lambda: _sent_to(messenger, "8001", code))
        city.later(hours=3)  # the two-hour sign clock of an urgent issue has run out
        await until(lambda: _sent_to(messenger, "7001", "催办"))
    finally:
        await jobs.stop()
    async with city.new_uow().reading() as uow:
        queued = await uow.notices.find(status=NoticeStatus.QUEUED)
        sending = await uow.notices.find(status=NoticeStatus.SENDING)
    assert not sending and all(n.person_id not in (city.lead, city.leader) for n in queued)


async def test_only_the_lease_holder_sends_and_a_clean_stop_hands_over(city: City) -> None:
    first, second = FakeMessenger(), FakeMessenger()
    one, two = scheduler(city, first, "one"), scheduler(city, second, "two")
    await one.start()
    await two.start()
    try:
        await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
        one.wake()
        two.wake()
        await until(lambda: _sent_to(first, "8001", "直报"))
        await asyncio.sleep(0.2)
        assert second.sent == []
        await one.stop()
        await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
        await until(lambda: _sent_to(second, "8001", "直报"))
    finally:
        await two.stop()
    cards = [[r for r in m.to("8001") if "直报" in r.text] for m in (first, second)]
    assert [len(c) for c in cards] == [1, 1]
    async with city.new_uow() as uow:
        # Released on stop: anyone may take it at once.
        assert await uow.leases.acquire(dispatch_lease("telegram"), "three", city.now, city.now)


async def _sent_to(messenger: FakeMessenger, chat: str, text: str) -> bool:
    return any(text in reply.text for reply in messenger.to(chat))


def _city_time(day: date, at: time, city: City) -> datetime:
    return datetime.combine(day, at, tzinfo=city.ctx.calendar.tz)


async def test_the_report_moments_of_a_leap_are_the_days_it_leaps_over(city: City) -> None:
    tz = city.ctx.calendar.tz
    friday_16 = datetime(2026, 11, 27, 16, 0, tzinfo=tz)
    moments = report_moments(city.ctx.calendar, friday_16, friday_16 + timedelta(days=3))
    monday = date(2026, 11, 30)
    assert moments == [_city_time(monday, time(8, 30), city), _city_time(monday, time(9), city)]
    # Only (after, until]: a moment the clock stands on was caught up by the step before.
    assert report_moments(city.ctx.calendar, moments[0], moments[1]) == [moments[1]]
    # National Day week: Monday is off, so the summary falls on the first working day.
    holiday = report_moments(
        city.ctx.calendar,
        datetime(2026, 10, 4, 12, 0, tzinfo=tz),
        datetime(2026, 10, 11, 12, 0, tzinfo=tz),
    )
    first = min(m for m in holiday if m.time() == time(9))
    assert city.ctx.calendar.is_workday(first.date()) and first.date() > date(2026, 10, 5)
    assert all(city.ctx.calendar.is_workday(m.date()) for m in holiday)


async def test_a_leap_over_two_working_days_queues_both_days_digests(city: City) -> None:
    # Monday 10:00: a direct report, which the next mornings' digests list to the leaders.
    await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    jobs = scheduler(city, FakeMessenger(), "one")
    since = city.now
    await jobs.catch_up(since, city.later(days=2))  # "to the next deadline", Wednesday 10:00
    async with city.new_uow().reading() as uow:
        queued = await uow.notices.find(status=NoticeStatus.QUEUED)
    digests = {(n.dedupe_key, n.created_at) for n in queued if n.template == "notice.digest"}
    for day in (date(2026, 11, 24), date(2026, 11, 25)):
        at = _city_time(day, time(8, 30), city)
        for reader in (city.leader, city.principal):
            assert (f"digest:{day.isoformat()}:{reader}", at) in digests
    monday = f"digest:{MONDAY_10.date().isoformat()}:"
    assert not any(key.startswith(monday) for key, _ in digests), "it fell before the leap"

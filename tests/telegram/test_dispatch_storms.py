"""The outbox dispatcher against the sandbox in bad weather: flood limits, 429, 5xx, time-outs,
a blocked bot (§13). Every notice reaches its chat exactly once, except the one documented
at-least-once edge: a send Telegram carries out after the bot stopped waiting for the answer.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta

from telegram import Bot

from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import ChannelIdentity, Person, Role
from bot.i18n.catalog import default_catalog
from bot.services.delivery import ALERT_TEMPLATE
from handlers.telegram.messenger import TelegramMessenger
from handlers.telegram.request import AiohttpRequest
from sandbox.telegram import DEFAULT_TOKEN
from scheduler.dispatcher import Dispatcher, DispatchPolicy
from scheduler.jobs import Cadence, Scheduler
from tests.telegram.conftest import Loop

FIRST_USER = 930_000_001
CODE = "ZB-2026-000900"
ROUNDS = 40


async def crowd(loop: Loop, count: int) -> list[tuple[int, int]]:
    """`count` officials who started the bot: (person id, Telegram chat id) each."""
    found = []
    async with loop.db.unit_of_work() as uow:
        for n in range(count):
            user = loop.sandbox.create_user(FIRST_USER + n, f"官员{n}").id
            identity = ChannelIdentity("telegram", str(user), str(user))
            person = Person(f"官员{n}", frozenset({Role.OFFICER}), identities=(identity,))
            await uow.people.add(person)
            assert person.id is not None
            found.append((person.id, user))
        await uow.commit()
    return found


async def queue(loop: Loop, targets: list[tuple[int, int]]) -> dict[str, int]:
    """One HIGH notice per target, each with its own text; dedupe key -> chat id."""
    chats = {}
    async with loop.db.unit_of_work() as uow:
        for n, (person, chat) in enumerate(targets):
            params = {"code": CODE, "text": f"storm-{n:03d}"}
            key = f"storm:{n:03d}"
            notice = Notice(key, Priority.HIGH, "notice.reply", loop.city.now, params, person)
            assert await uow.notices.add(notice)
            chats[key] = chat
        await uow.commit()
    return chats


async def outbox(loop: Loop) -> dict[str, Notice]:
    """Every notice by dedupe key."""
    async with loop.db.unit_of_work().reading() as uow:
        return {n.dedupe_key: n for n in await uow.notices.find()}


async def drain(loop: Loop, step: timedelta, dispatcher: Dispatcher | None = None) -> Counter[str]:
    """Dispatch rounds until nothing is queued, moving the bot's clock by `step` when the
    rest waits (retry_after, back-off); the rounds' reports added up."""
    dispatcher = dispatcher or loop.dispatcher
    total: Counter[str] = Counter()
    for _ in range(ROUNDS):
        report = await dispatcher.run_once()
        total.update(vars(report))
        if report.claimed:
            continue
        waiting = [n for n in (await outbox(loop)).values() if n.status is NoticeStatus.QUEUED]
        if not waiting:
            return total
        loop.city.now += step
    raise AssertionError(f"the outbox did not drain in {ROUNDS} rounds")


def copies(loop: Loop, chats: dict[str, int]) -> dict[str, int]:
    """How often each notice's text arrived in its chat; no chat holds anything else."""
    found = {}
    for chat in set(chats.values()):
        texts = [m.text or "" for m in loop.sandbox.list_sent_messages(chat)]
        keys = [key for key, to in chats.items() if to == chat]
        counts = {k: sum(("storm-" + k.removeprefix("storm:")) in t for t in texts) for k in keys}
        assert sum(counts.values()) == len(texts), f"chat {chat} got other messages: {texts}"
        found.update(counts)
    return found


async def test_flood_control_on_and_the_limiter_keeps_telegram_from_answering_429(
    loop: Loop,
) -> None:
    people = await crowd(loop, 50)
    # 50 people get one notice, 5 of them three: the per-chat window is kept too.
    chats = await queue(loop, people + people[:5] * 2)
    loop.sandbox.set_flood_control(True)
    loop.sandbox.read_stats(reset=True)
    total = await drain(loop, timedelta(seconds=1))
    stats = loop.sandbox.read_stats()
    assert stats["answered_429"] == 0
    assert stats["messages"] == len(chats) == 60
    assert set(copies(loop, chats).values()) == {1}
    assert total["sent"] == 60 and total["retried"] == 0
    sent = await outbox(loop)
    assert {n.status for n in sent.values()} == {NoticeStatus.SENT}


async def test_a_429_storm_delays_but_loses_nothing_and_costs_no_attempt(loop: Loop) -> None:
    chats = await queue(loop, await crowd(loop, 60))
    loop.sandbox.inject_fault(429, 20, retry_after=1)
    loop.sandbox.read_stats(reset=True)
    total = await drain(loop, timedelta(seconds=2))
    assert loop.sandbox.read_stats()["faults_injected"] == 20
    assert total["retried"] == 20 and total["failed"] == 0
    assert set(copies(loop, chats).values()) == {1}
    notices = (await outbox(loop)).values()
    assert {n.status for n in notices} == {NoticeStatus.SENT}
    assert {n.attempts for n in notices} == {1}, "a 429 is our pacing's miss, not an attempt"


async def test_server_errors_are_retried_with_back_off_and_delivered_once(loop: Loop) -> None:
    chats = await queue(loop, await crowd(loop, 30))
    loop.sandbox.inject_fault(500, 4)
    loop.sandbox.inject_fault(502, 4)
    started = loop.city.now
    first = await loop.dispatcher.run_once()
    assert (first.sent, first.retried) == (22, 8)
    waiting = [n for n in (await outbox(loop)).values() if n.status is NoticeStatus.QUEUED]
    back_off = loop.dispatcher.policy.retry_delay(1)
    assert {n.not_before for n in waiting} == {started + back_off}
    assert {n.attempts for n in waiting} == {1}
    loop.city.now = started + back_off - timedelta(seconds=1)
    assert (await loop.dispatcher.run_once()).claimed == 0, "not before the back-off ends"
    loop.city.now = started + back_off
    assert (await loop.dispatcher.run_once()).sent == 8
    assert set(copies(loop, chats).values()) == {1}
    notices = (await outbox(loop)).values()
    assert {n.status for n in notices} == {NoticeStatus.SENT}
    assert Counter(n.attempts for n in notices) == {1: 22, 2: 8}
    assert all(n.error is None for n in notices)


async def test_a_send_answered_too_late_arrives_twice_the_at_least_once_edge(loop: Loop) -> None:
    """Telegram carries out a send whose answer the bot stopped waiting for; the dispatcher
    can only count it as failed and send again. Known and accepted (§13 is at-least-once
    towards Telegram, exactly-once in the outbox): that one chat gets two copies."""
    chats = await queue(loop, await crowd(loop, 10))
    root = loop.bot.base_url.removesuffix(f"/bot{DEFAULT_TOKEN}")
    impatient = Bot(
        DEFAULT_TOKEN,
        base_url=f"{root}/bot",
        request=AiohttpRequest(read_timeout=0.3),
        get_updates_request=AiohttpRequest(1),
    )
    slow_chat = chats["storm:004"]
    loop.sandbox.inject_fault(200, chat_id=slow_chat, delay=1.0)
    async with impatient:
        dispatcher = Dispatcher(
            loop.db.unit_of_work,
            loop.city.ctx,
            default_catalog(),
            TelegramMessenger(impatient),
            "impatient",
            lambda: loop.city.now,
            loop.dispatcher.policy,
        )
        first = await dispatcher.run_once()
        assert (first.sent, first.retried) == (9, 1)
        await loop.sandbox.wait_for_messages(slow_chat, 1, seconds=3.0)  # the late one lands
        await drain(loop, dispatcher.policy.retry_delay(1), dispatcher)
    counted = copies(loop, chats)
    assert counted.pop("storm:004") == 2
    assert set(counted.values()) == {1}
    late = (await outbox(loop))["storm:004"]
    assert (late.status, late.attempts) == (NoticeStatus.SENT, 2)


async def test_a_blocked_bot_fails_at_once_and_the_admins_are_told(loop: Loop) -> None:
    people = await crowd(loop, 10)
    chats = await queue(loop, people)
    admin_chat = FIRST_USER + 999
    loop.sandbox.create_user(admin_chat, "管理员")
    async with loop.db.unit_of_work() as uow:
        identity = ChannelIdentity("telegram", str(admin_chat), str(admin_chat))
        await uow.people.add_identity(loop.city.admin, identity)
        await uow.commit()
    blocked = chats["storm:003"]
    loop.sandbox.block_bot(blocked)
    first = await loop.dispatcher.run_once()
    assert (first.sent, first.failed, first.retried) == (9, 1, 0)
    failed = (await outbox(loop))["storm:003"]
    assert (failed.status, failed.attempts) == (NoticeStatus.FAILED, 1)
    assert failed.error is not None and "blocked" in failed.error
    alerts = [n for n in (await outbox(loop)).values() if n.template == ALERT_TEMPLATE]
    assert [(a.person_id, a.params["recipient"]) for a in alerts] == [(loop.city.admin, "官员3")]
    await drain(loop, timedelta(seconds=1))
    counted = copies(loop, chats)
    assert counted.pop("storm:003") == 0
    assert set(counted.values()) == {1}
    told = [m.text or "" for m in loop.sandbox.list_sent_messages(admin_chat)]
    assert told == [f"【投递失败】{CODE} 的【答复】未能送达 官员3：{failed.error}"]


async def test_two_instances_together_keep_telegram_limits(loop: Loop) -> None:
    """Two schedulers as two processes run them: one database, each its own messenger.
    A round of 30 notices at 30/s lasts about a second, longer than the 0.5 s lease: the
    holder renews it while it sends, so the other never sends at the same time."""
    chats = await queue(loop, await crowd(loop, 90))
    loop.sandbox.set_flood_control(True)
    loop.sandbox.read_stats(reset=True)
    started = time.monotonic()

    def clock() -> datetime:
        return loop.city.now + timedelta(seconds=time.monotonic() - started)

    cadence = Cadence(sweep_every=60, dispatch_every=0.05, lease_for=timedelta(seconds=0.5))
    policy = DispatchPolicy(batch=30)
    instances = [
        Scheduler(
            loop.db.unit_of_work,
            loop.city.ctx,
            [
                Dispatcher(
                    loop.db.unit_of_work,
                    loop.city.ctx,
                    default_catalog(),
                    TelegramMessenger(loop.bot),
                    name,
                    clock,
                    policy,
                )
            ],
            clock,
            cadence,
        )
        for name in ("one", "two")
    ]
    for instance in instances:
        await instance.start()
    try:
        await loop.sandbox.wait_until(
            lambda: loop.sandbox.read_stats()["messages"] >= len(chats), seconds=15
        )
    finally:
        for instance in instances:
            await instance.stop()
    assert set(copies(loop, chats).values()) == {1}
    assert loop.sandbox.read_stats()["answered_429"] == 0

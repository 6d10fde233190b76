"""The outbox dispatcher against the Telegram sandbox with Telegram's flood limits switched on.

1,000 officials, each with a private chat, and 5 task forces, each with a group the bot is in:
1,000 notices to the people and 20 to each group, queued at once and sent by the real
`Dispatcher`, `TelegramMessenger` and `SendLimiter` over HTTP to an in-process sandbox. Every
notice is HIGH priority: 无事不扰 coalesces only routine (NORMAL) notices, so none is merged or
held and every notice is one message. The dispatcher's clock starts on Monday 2026-11-23 10:00
in Shanghai (inside working hours, outside quiet hours) and moves on with real elapsed time, so
a notice put back by a 429 comes due again; the limiter runs on the real monotonic clock.
The 20 notices per group fit one of Telegram's group windows (20 per 60 s).

Figures, from the sandbox's counters: sustained rate = messages / (last − first message time);
429s = the sandbox's own flood answers; delivered = notices SENT / queued. Runs on SQLite and
on a scratch database of the PostgreSQL server (skipped with --sqlite-only); the last line
takes the worse figure.
Usage: python -m bench.dispatch [--people N] [--postgres URL] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.bootstrap import build_context
from bot.config import default_settings
from bot.domain.model import TaskForce
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import ChannelIdentity, Person, Role
from bot.i18n.catalog import default_catalog
from handlers.telegram.messenger import TelegramMessenger
from handlers.telegram.service import telegram_bot
from sandbox.telegram import DEFAULT_TOKEN, SandboxServer
from scheduler.dispatcher import Dispatcher
from storage.database import Database
from storage.migrate import upgrade
from storage.provisioning import create_database, drop_database

FIRST_USER = 820_000_001
GROUPS = 5
PER_GROUP = 20
TELEGRAM_RATE = 30.0
BURST = 30  # what Telegram's 1-second window lets through at once
MONDAY_10 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
NOTICE_PARAMS = {"code": "ZB-2026-000001"}
DRAIN_SECONDS = 600.0  # a bound on the whole send, far above the ~40 s it needs
IDLE_SLEEP = 0.05  # between rounds that claimed nothing while held notices wait


@dataclass(frozen=True)
class Result:
    """One database's figures."""

    label: str
    rate: float
    answered_429: int
    sent: int
    total: int
    rounds: int
    retried: int
    wall: float


def prepare_sandbox(server: SandboxServer, people: int) -> tuple[list[int], list[int]]:
    """Users who started the bot, and groups with the bot in them; flood limits on."""
    sandbox = server.sandbox
    users = [sandbox.create_user(FIRST_USER + n, f"官员{n}").id for n in range(people)]
    groups = []
    for number in range(GROUPS):
        group = sandbox.create_group(f"专班群{number}", members=[users[number]])
        sandbox.add_bot_to_group(group.id, by=users[number])
        groups.append(group.id)
    sandbox.set_flood_control(True)
    return users, groups


async def seed(db: Database, users: list[int], groups: list[int]) -> int:
    """Officials with Telegram identities, task forces with the groups, and the notices."""
    total = 0
    async with db.unit_of_work() as uow:
        person_ids = []
        for user in users:
            identity = ChannelIdentity("telegram", str(user), str(user))
            person = Person(f"官员{user}", frozenset({Role.OFFICER}), identities=(identity,))
            await uow.people.add(person)
            assert person.id is not None
            person_ids.append(person.id)
        team_ids = []
        for number, group in enumerate(groups):
            team = TaskForce(f"bench{number}", f"专班{number}", f"Team {number}")
            team.group_chats = {"telegram": str(group)}
            await uow.task_forces.add(team)
            assert team.id is not None
            team_ids.append(team.id)
        for person_id in person_ids:
            total += await uow.notices.add(notice(f"person:{person_id}", person_id=person_id))
        for team_id in team_ids:
            for n in range(PER_GROUP):
                queued = notice(f"team:{team_id}:{n}", task_force_id=team_id)
                total += await uow.notices.add(queued)
        await uow.commit()
    return total


def notice(key: str, person_id: int | None = None, task_force_id: int | None = None) -> Notice:
    """A HIGH notice that renders without an issue."""
    return Notice(
        f"bench:{key}",
        Priority.HIGH,
        "notice.supervised",
        MONDAY_10,
        params=dict(NOTICE_PARAMS),
        person_id=person_id,
        task_force_id=task_force_id,
    )


async def unfinished(db: Database) -> int:
    """Notices still queued or being sent."""
    async with db.unit_of_work().reading() as uow:
        queued = await uow.notices.find(status=NoticeStatus.QUEUED)
        sending = await uow.notices.find(status=NoticeStatus.SENDING)
    return len(queued) + len(sending)


async def measure(label: str, db: Database, people: int) -> Result:
    """Migrate, seed, send everything, and read the sandbox's counters."""
    await upgrade(db)
    server = SandboxServer()
    await server.start()
    bot = telegram_bot(DEFAULT_TOKEN, server.base_url)
    await bot.initialize()
    try:
        users, groups = prepare_sandbox(server, people)
        total = await seed(db, users, groups)
        started = time.monotonic()

        def clock() -> datetime:
            return MONDAY_10 + timedelta(seconds=time.monotonic() - started)

        ctx = build_context(default_settings())
        messenger = TelegramMessenger(bot)
        dispatcher = Dispatcher(db.unit_of_work, ctx, default_catalog(), messenger, "bench", clock)
        server.sandbox.read_stats(reset=True)
        rounds = retried = 0
        while time.monotonic() - started < DRAIN_SECONDS:
            report = await dispatcher.run_once()
            rounds, retried = rounds + 1, retried + report.retried
            if report.claimed == 0:
                if not await unfinished(db):
                    break
                await asyncio.sleep(IDLE_SLEEP)
        wall = time.monotonic() - started
        stats = server.sandbox.read_stats()
        async with db.unit_of_work().reading() as uow:
            sent = len(await uow.notices.find(status=NoticeStatus.SENT))
    finally:
        await bot.shutdown()
        await server.stop()
    first, last = stats["first_message_at"], stats["last_message_at"]
    span = last - first if first is not None and last is not None else 0.0
    rate = stats["messages"] / span if span > 0 else 0.0
    # The first second's burst of 30 takes no time: without it, a stricter view of the pace.
    paced = (stats["messages"] - BURST) / span if span > 0 else 0.0
    result = Result(label, rate, stats["answered_429"], sent, total, rounds, retried, wall)
    print(
        f"dispatch[{label}]: {stats['messages']} messages in {span:.2f} s "
        f"(first to last), {rate:.1f} msg/s ({rate / TELEGRAM_RATE:.0%} of 30/s; "
        f"{paced:.1f} without the opening burst), "
        f"429s {result.answered_429}, sent {sent}/{total}, {rounds} rounds, "
        f"{retried} put back, limiter waited {messenger.limiter.waited:.1f} s, "
        f"wall {wall:.1f} s",
        flush=True,
    )
    return result


async def main(args: argparse.Namespace) -> None:
    """SQLite, then (with --postgres) a scratch PostgreSQL database; the summary last."""
    results = []
    with tempfile.TemporaryDirectory(prefix="zhibao-dispatch-") as folder:
        db = Database.open(str(Path(folder) / "bench.db"))
        try:
            results.append(await measure("sqlite", db, args.people))
        finally:
            await db.dispose()
    if not args.sqlite_only:
        admin = Database.open(args.postgres)
        name = f"zhibao_bench_{secrets.token_hex(4)}"
        await create_database(admin, name)
        db = Database.open(args.postgres.rsplit("/", 1)[0] + "/" + name)
        try:
            results.append(await measure("postgresql", db, args.people))
        finally:
            await db.dispose()
            await drop_database(admin, name)
            await admin.dispose()
    rate = min(r.rate for r in results)
    worst = min(results, key=lambda r: r.sent / r.total)
    print(
        f"dispatch: {rate:.1f} msg/s sustained, {round(100 * rate / TELEGRAM_RATE)}% of 30/s, "
        f"429s {max(r.answered_429 for r in results)}, delivered {worst.sent}/{worst.total}",
        flush=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_000, help="private chats (default 1000)")
    default_pg = os.environ.get(
        "ZHIBAO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    parser.add_argument("--postgres", default=default_pg, help="an admin URL of a server")
    parser.add_argument("--sqlite-only", action="store_true")
    arguments = parser.parse_args()
    if arguments.people < GROUPS:
        parser.error(f"--people must be at least {GROUPS}")
    asyncio.run(main(arguments))

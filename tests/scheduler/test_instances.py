"""Two real `zhibao run --webhook` processes on one PostgreSQL (§13, §15): their sweeps and
dispatchers compete and still send every notice once; when the one holding the "dispatch" lease
is killed, the other takes over within the lease's span. Each process has its own HTTP front of
one shared sandbox (flood limits on), so the test can tell which process sent what."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.domain.escalation import due_actions
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import ChannelIdentity, Person, Role
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from scheduler.jobs import dispatch_lease
from storage.database import Database, driver_url
from storage.migrate import upgrade
from storage.provisioning import create_database, drop_database
from storage.tables import action_marks, leases
from tests.services.city import ALU_GROUP, City, build_city
from tests.telegram.test_request import free_port

pytestmark = pytest.mark.postgres

ZHIBAO = Path(sys.executable).with_name("zhibao")
LEASE_SECONDS = 5
PEOPLE, ROUNDS, LATER, ISSUES = 100, 3, 50, 3  # 300 notices, then 50 more
FIRST_USER = 940_000_001
Check = Callable[[], Awaitable[bool]]
HOLDER = select(leases.c.holder).where(leases.c.name == dispatch_lease("telegram"))
MARKS = select(action_marks.c.key)


@pytest_asyncio.fixture
async def database_url(postgres_admin_url: str) -> AsyncIterator[str]:
    """A fresh, migrated PostgreSQL database of this test, dropped afterwards."""
    name = f"zhibao_instances_{secrets.token_hex(4)}"
    url = driver_url(postgres_admin_url).set(database=name).render_as_string(False)
    admin = Database.open(postgres_admin_url)
    await create_database(admin, name)
    try:
        yield url
    finally:
        await drop_database(admin, name)
        await admin.dispose()


async def until(what: str, check: Check, seconds: float, logs: list[Path]) -> float:
    """Poll until `check()` holds; the seconds it took, or a failure with the processes' logs."""
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > seconds:
            tails = "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in logs)
            raise AssertionError(f"{what}: not within {seconds} s\n{tails}")
        await asyncio.sleep(0.2)
    return time.monotonic() - started


async def column(db: Database, statement: Any) -> list[Any]:
    """The first column of a read: the lease's holder, the sweep's action marks."""
    async with db.connect() as connection:
        found = list((await connection.execute(statement)).scalars())
        await connection.rollback()
    return found


async def outbox(db: Database, prefix: str = "") -> list[Notice]:
    """The notices whose dedupe keys start with `prefix`, oldest first."""
    async with db.unit_of_work().reading() as uow:
        return [n for n in await uow.notices.find() if n.dedupe_key.startswith(prefix)]


async def all_sent(db: Database, prefix: str) -> bool:
    """Whether the notices whose keys start so are all sent."""
    mine = await outbox(db, prefix)
    return bool(mine) and {n.status for n in mine} == {NoticeStatus.SENT}


async def people(db: Database, city: City, sandbox: Sandbox) -> list[tuple[int, int]]:
    """Officials in Telegram, as (person id, chat): PEOPLE new ones, and chats for those told
    of escalations. Nobody's quiet hours are now, whenever the test runs."""
    far = datetime.now(city.ctx.calendar.tz) + timedelta(hours=12)
    quiet = (far.time().replace(microsecond=0), (far + timedelta(minutes=1)).time())
    found = []
    async with db.unit_of_work() as uow:
        for person_id in (city.lead, city.leader, city.principal, city.admin):
            person = await uow.people.get(person_id)
            assert person is not None
            user = sandbox.create_user(first_name=person.name).id
            person.identities = (ChannelIdentity("telegram", str(user), str(user)),)
            person.quiet_start, person.quiet_end = quiet
            await uow.people.save(person)
        for n in range(PEOPLE):
            user = sandbox.create_user(FIRST_USER + n, f"官员{n}").id
            identity = ChannelIdentity("telegram", str(user), str(user))
            new = Person(f"官员{n}", frozenset({Role.OFFICER}), identities=(identity,))
            new.quiet_start, new.quiet_end = quiet
            found.append(((await uow.people.add(new)).id or 0, user))
        await uow.commit()
    return found


async def queue(db: Database, tag: str, targets: list[tuple[int, int]]) -> dict[str, int]:
    """A HIGH notice to each target, each with its own text: text -> chat."""
    texts = {}
    async with db.unit_of_work() as uow:
        for n, (person, chat) in enumerate(targets):
            text = f"{tag}-{n:03d}."
            params = {"code": "ZB-2026-000900", "text": text}
            now = datetime.now(UTC)
            notice = Notice(f"{tag}:{n}", Priority.HIGH, "notice.reply", now, params, person)
            assert await uow.notices.add(notice)
            texts[text] = chat
        await uow.commit()
    return texts


def once_each(sandbox: Sandbox, texts: dict[str, int]) -> None:
    """Every text arrived once in its chat, and its chat got nothing else."""
    for chat in set(texts.values()):
        got = [m.text or "" for m in sandbox.list_sent_messages(chat)]
        counts = {t: sum(m.endswith(t) for m in got) for t, to in texts.items() if to == chat}
        assert set(counts.values()) == {1} and len(got) == len(counts), f"{chat}: {got}"


@dataclass
class Instances:
    """The city, the sandbox with a front per process, the processes and their logs."""

    db: Database
    city: City
    sandbox: Sandbox
    fronts: list[SandboxServer]
    processes: list[asyncio.subprocess.Process]
    logs: list[Path]

    def requests(self) -> list[int]:
        """Bot API requests each process has made so far."""
        return [f._runner.server.requests_count for f in self.fronts]  # type: ignore[union-attr]


def environment(url: str, base: str, folder: Path) -> dict[str, str]:
    """A process's environment: none of the caller's ZHIBAO_*, the test's settings instead."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("ZHIBAO_", "TELEGRAM_"))}
    return kept | {
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "ZHIBAO_TELEGRAM_BASE_URL": base,
        "ZHIBAO_TELEGRAM_WEBHOOK_SECRET": "instances-test-secret",
        "ZHIBAO_DATABASE_URL": url,
        "ZHIBAO_CONFIG": str(folder / "zhibao.toml"),
        "ZHIBAO_SCHEDULER_SWEEP_SECONDS": "1",
        "ZHIBAO_SCHEDULER_DISPATCH_SECONDS": "1",
        "ZHIBAO_SCHEDULER_LEASE_SECONDS": str(LEASE_SECONDS),
    }


async def stop(process: asyncio.subprocess.Process) -> None:
    """SIGTERM, and SIGKILL after ten seconds."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest_asyncio.fixture
async def instances(database_url: str, tmp_path: Path) -> AsyncIterator[Instances]:
    """`zhibao init` on the database and the test city, then two `zhibao run` processes, up."""
    db, sandbox = Database.open(database_url), Sandbox(flood=True)
    fronts: list[SandboxServer] = []
    processes: list[asyncio.subprocess.Process] = []
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    try:
        await upgrade(db)
        init = await asyncio.create_subprocess_exec(
            ZHIBAO, "init", cwd=tmp_path, env=environment(database_url, "", tmp_path),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        printed, _ = await init.communicate()
        assert init.returncode == 0, printed.decode()
        city = await build_city(db.unit_of_work)
        member = sandbox.create_user(5001, "王经理").id  # the city's enterprise member
        sandbox.create_group("高端铝业专班", members=[member], group_id=int(ALU_GROUP))
        sandbox.add_bot_to_group(int(ALU_GROUP), by=member)
        ports = [free_port(), free_port()]
        for port, log in zip(ports, logs, strict=True):
            fronts.append(SandboxServer(sandbox))
            hook = f"http://127.0.0.1:{port}/telegram/hook"
            out = os.open(log, os.O_WRONLY | os.O_CREAT)
            processes.append(
                await asyncio.create_subprocess_exec(
                    ZHIBAO, "run", "--webhook", hook, "--listen", f"127.0.0.1:{port}",
                    cwd=tmp_path, stdout=out, stderr=asyncio.subprocess.STDOUT,
                    env=environment(database_url, await fronts[-1].start(), tmp_path),
                )
            )  # fmt: skip
            os.close(out)
        async with aiohttp.ClientSession() as http:

            async def healthy(port: int) -> bool:
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as answer:
                        return answer.status == 200
                except aiohttp.ClientError:
                    return False

            async def up() -> bool:
                assert all(p.returncode is None for p in processes), "a process ended"
                return all([await healthy(p) for p in ports]) and bool(await column(db, HOLDER))

            await until("both processes up", up, 30, logs)
        yield Instances(db, city, sandbox, fronts, processes, logs)
    finally:
        for process in processes:
            await stop(process)
        print(*(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in logs if p.exists()))
        for front in fronts:
            await front.stop()
        await db.dispose()


async def test_two_instances_send_every_notice_once_and_one_takes_over_from_the_other(
    instances: Instances,
) -> None:
    run, db, city, sandbox = instances, instances.db, instances.city, instances.sandbox
    before = run.requests()
    # Both sweeps see the overdue issues and both dispatchers see 300 notices, at once.
    targets = await people(db, city, sandbox)
    texts = await queue(db, "storm", [t for _ in range(ROUNDS) for t in targets])
    wall = city.now = datetime.now(UTC)
    city.now -= timedelta(days=60)
    due: set[str] = set()
    for _ in range(ISSUES):
        due |= {a.key for a in due_actions((await city.file()).issue, city.ctx.calendar, wall)}
    assert len(due) == 9 * ISSUES  # three clocks, three levels each

    async def settled() -> bool:
        soon = datetime.now(UTC) + timedelta(minutes=1)  # held for working hours: not due
        due_now = [n for n in await outbox(db) if (n.not_before or wall) < soon]
        busy = {NoticeStatus.SENDING, NoticeStatus.QUEUED} & {n.status for n in due_now}
        return due <= set(await column(db, MARKS)) and not busy

    took = await until("every due notice sent", settled, 60, run.logs)
    sent = [after - b for after, b in zip(run.requests(), before, strict=True)]
    assert await all_sent(db, "storm:")
    once_each(sandbox, texts)
    assert Counter(await column(db, MARKS)) == Counter(due)
    async with db.unit_of_work().reading() as uow:
        escalated = await uow.events.of_kind("escalated", wall - timedelta(1), wall + timedelta(1))
    assert Counter(event.data["key"] for _, event in escalated) == Counter(due)
    escalations = [n for n in await outbox(db) if n.template == "notice.escalation"]
    assert len(escalations) == len(due), "one each to the lead, the leader, the mayor"
    assert {n.status for n in escalations} == {NoticeStatus.SENT}
    for notice in escalations:
        chat, message_id = map(int, (notice.sent_ref or ":").split(":"))
        got = {m.message_id: m.text for m in sandbox.list_sent_messages(chat)}
        assert list(got.values()).count(got[message_id]) == 1, notice.dedupe_key
    print(f"settled in {took:.1f} s, Bot API calls by process {sent}, {sandbox.read_stats()}")

    # The lease holder is the process whose front carries a probe.
    holder, counted = await column(db, HOLDER), run.requests()
    texts |= await queue(db, "probe", targets[:1])
    await until("the probe sent", lambda: all_sent(db, "probe:"), 10, run.logs)
    moved = [after - c for after, c in zip(run.requests(), counted, strict=True)]
    assert sorted(moved) == [0, 1] and await column(db, HOLDER) == holder, moved
    dead = moved.index(1)
    run.processes[dead].kill()
    await run.processes[dead].wait()
    killed = time.monotonic()
    texts |= await queue(db, "later", targets[:LATER])
    await until("the survivor sends", lambda: all_sent(db, "later:"), 30, run.logs)
    took_over = time.monotonic() - killed
    once_each(sandbox, texts)
    assert took_over < LEASE_SECONDS + 10
    assert await column(db, HOLDER) not in (holder, [])
    print(f"process {dead} killed: the other sent {LATER} notices {took_over:.1f} s later")
    survivor = run.processes[1 - dead]
    await stop(survivor)
    assert survivor.returncode == 0

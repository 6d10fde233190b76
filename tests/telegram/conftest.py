"""The real python-telegram-bot runtime against the sandbox, over a migrated SQLite database."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest_asyncio
from telegram import Bot

from app.root import build_dialogs, build_scheduler
from bot.bootstrap import App
from bot.config import default_settings
from bot.i18n.catalog import default_catalog
from handlers.inbox_runner import LANES
from handlers.telegram.request import AiohttpRequest
from handlers.telegram.runtime import TelegramRuntime
from handlers.telegram.service import TelegramChannel, telegram_bot
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from scheduler.dispatcher import Dispatcher
from scheduler.jobs import Scheduler
from storage.database import Database
from tests.services.city import City, build_city
from tests.telegram.hooks import MEMBER, World

# Dispatch rounds a turn runs at most: enough for every test's notices, and no endless loop.
DISPATCH_ROUNDS = 20


@dataclass
class Wiring:
    """A polling runtime and the scheduler that sends what its turns queue."""

    runtime: TelegramRuntime
    scheduler: Scheduler


@dataclass
class Loop:
    """Everything an end-to-end test drives: the sandbox, the runtime, the city."""

    sandbox: Sandbox
    wiring: Wiring
    bot: Bot
    city: City
    db: Database

    @property
    def runtime(self) -> TelegramRuntime:
        """The polling runtime."""
        return self.wiring.runtime

    @property
    def dispatcher(self) -> Dispatcher:
        """The outbox dispatcher the scheduler would run."""
        return self.wiring.scheduler.dispatcher

    async def turn(self, rounds: int = 1) -> None:
        """Let the bot fetch and handle what people did, and deliver what it queued."""
        for _ in range(rounds):
            self.city.now += timedelta(seconds=30)
            await self.runtime.poll_once(0)
            await self.dispatch()

    async def dispatch(self) -> None:
        """Send what the outbox holds that may go now, as the scheduler's dispatcher does."""
        for _ in range(DISPATCH_ROUNDS):
            if not (await self.dispatcher.run_once()).claimed:
                return

    def restart(self) -> TelegramRuntime:
        """A new runtime on the same storage and sandbox, as after a process restart."""
        self.wiring = make_wiring(self.bot, self.db, self.city)
        return self.runtime


def make_wiring(bot: Bot, db: Database, city: City) -> Wiring:
    """The runtime and scheduler as `zhibao run` wires them, on the test city's clock."""
    app = App(default_settings(), db, city.ctx)
    catalog = default_catalog()
    channel = TelegramChannel(bot)

    def clock() -> datetime:
        return city.now

    dialogs = build_dialogs(app, catalog, [channel], bot.username)
    scheduler = build_scheduler(app, catalog, [channel.messenger], clock)
    runtime = TelegramRuntime(
        bot, dialogs, app.uow, clock, after_handling=scheduler.wake, messenger=channel.messenger
    )
    return Wiring(runtime, scheduler)


@contextlib.asynccontextmanager
async def started_loop(db: Database, read_timeout: float | None = None) -> AsyncIterator[Loop]:
    """A started sandbox and a bot on `db` with the test city; the bot's calls give up after
    `read_timeout` seconds when one is given (getUpdates keeps its own)."""
    city = await build_city(db.unit_of_work)
    server = SandboxServer()
    await server.start()
    if read_timeout is None:
        bot = telegram_bot(DEFAULT_TOKEN, server.base_url)
    else:
        bot = Bot(
            DEFAULT_TOKEN,
            base_url=f"{server.base_url}/bot",
            base_file_url=f"{server.base_url}/file/bot",
            request=AiohttpRequest(LANES, read_timeout=read_timeout),
            get_updates_request=AiohttpRequest(1),
        )
    await bot.initialize()
    try:
        yield Loop(server.sandbox, make_wiring(bot, db, city), bot, city, db)
    finally:
        await bot.shutdown()
        await server.stop()


@pytest_asyncio.fixture
async def loop(sqlite_database: Database) -> AsyncIterator[Loop]:
    """A started sandbox and a bot on a fresh database with the test city."""
    async with started_loop(sqlite_database) as started:
        yield started


@pytest_asyncio.fixture
async def world(sqlite_database: Database) -> AsyncIterator[World]:
    """A started sandbox where the member exists, and the app on a fresh database."""
    db = sqlite_database
    city = await build_city(db.unit_of_work)
    server = SandboxServer()
    await server.start()
    server.sandbox.create_user(user_id=MEMBER, first_name="王经理", language_code="zh-hans")
    try:
        yield World(server, server.sandbox, city, App(default_settings(), db, city.ctx))
    finally:
        await server.stop()


async def next_second() -> None:
    """Wait until the wall clock's second changes.

    A message is known by its chat, id and date, and dates have whole seconds: a sandbox
    restarted within the second of its last message would number a new one as that one.
    Restarting a process takes longer than that.
    """
    await asyncio.sleep(1.0 - time.time() % 1.0 + 0.01)

"""One test driver for the dialogs on every channel, over the real adapters and emulators.

`started_driver(db, channels)` runs the test city (tests/services/city.py) on the channels
named: Telegram through the Loop of tests/telegram (the Bot API sandbox, the polling
runtime), WeCom through a running WeComChannel and the WeCom emulator. Both share one set of
dialogs and one scheduler from the composition root (app.root), so a city may mix them.
People are named by the test ("member", "officer"...) and live on one channel each:

    await driver.join("member", "wecom", "王经理", city.member)
    await driver.send("member", "/new")      # acts; turn() has the bot handle it
    await driver.press("member", "铝箔扩建")  # the newest button with that label
    await driver.turn()
    driver.texts("member")                   # what reached them, cards as they show now
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import datetime, timedelta

from app.root import Channel, build_dialogs, build_scheduler, channel_plan
from bot.bootstrap import App
from bot.config import default_settings
from bot.domain.people import OPERATOR, ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services.directory import link_group
from bot.services.sweep import sweep
from handlers.telegram.limiter import SendLimiter
from handlers.telegram.runtime import TelegramRuntime
from handlers.telegram.service import TelegramChannel
from handlers.wecom.limiter import MemberLimiter
from sandbox.wecom import WeComSandboxServer
from scheduler.jobs import Scheduler
from storage.database import Database
from tests.channels.telegram_side import TelegramSide
from tests.channels.wecom_side import CountingDialogs, WeComSide, no_wake, wecom_channel
from tests.services.city import ALU_GROUP, City, build_city
from tests.telegram.conftest import Wiring, started_loop

TELEGRAM, WECOM = "telegram", "wecom"
# Dispatch rounds a turn runs at most: enough for every test's notices, and no endless loop.
DISPATCH_ROUNDS = 20


class VirtualPace:
    """A clock for the send limiters that a wait moves forward at once."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        """Seconds on the virtual clock."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Move the clock instead of waiting (still yielding to other tasks)."""
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


class Driver:
    """The test city on one or more channels, driven as its people would drive it."""

    def __init__(self, city: City, scheduler: Scheduler) -> None:
        self.city, self.scheduler = city, scheduler
        self.telegram: TelegramSide | None = None
        self.wecom: WeComSide | None = None
        self.homes: dict[str, str] = {}  # user → channel
        self.accounts: dict[str, str] = {}  # user → their id on that channel

    @property
    def channels(self) -> list[str]:
        """The channels the city runs, in order."""
        return [n for n, s in ((TELEGRAM, self.telegram), (WECOM, self.wecom)) if s]

    async def join(self, user: str, channel: str, name: str, person_id: int | None = None) -> str:
        """An account for `user` on the channel, linked to the person when given; its id."""
        self.homes[user] = channel
        known = await self._identity(person_id, channel)
        if channel == TELEGRAM:
            account = self._tg().add(user, name, known)
        else:
            account = known or user
            self._wc().sandbox.add_member(account, name)
        self.accounts[user] = account
        if person_id is not None and known is None:
            async with self.city.new_uow() as uow:
                await uow.people.add_identity(person_id, ChannelIdentity(channel, account))
                await uow.commit()
        return account

    async def group(self, channel: str, users: list[str]) -> str:
        """The alu task force's group on the channel, with these users in it; its chat id."""
        if channel == TELEGRAM:
            self._tg().group(ALU_GROUP, "高端铝业专班", users)
            return ALU_GROUP
        answer = await self._wc().channel.client.call(
            "/cgi-bin/appchat/create",
            {"name": "高端铝业专班", "userlist": [self.accounts[u] for u in users]},
        )
        chat = f"appchat:{answer['chatid']}"
        await link_group(self.city.new_uow(), OPERATOR, "alu", chat, WECOM)
        return chat

    async def send(self, user: str, text: str) -> None:
        """The user writes to the bot in their private chat (handled on the next turn)."""
        if self.homes[user] == TELEGRAM:
            self._tg().send(user, text)
        else:
            self._wc().sandbox.send_text(self.accounts[user], text)

    async def press(self, user: str, label: str) -> None:
        """The user presses the newest button with this label (handled on the next turn)."""
        if self.homes[user] == TELEGRAM:
            self._tg().press(user, label)
        else:
            self._wc().press(self.accounts[user], label)

    async def forge(self, user: str, payload: str) -> None:
        """A press on the user's newest buttons carrying a payload they were never given."""
        if self.homes[user] == TELEGRAM:
            self._tg().forge(user, payload)
        else:
            self._wc().forge(self.accounts[user], payload)

    def texts(self, user: str) -> list[str]:
        """What reached the user, oldest first, cards as they show now."""
        if self.homes[user] == TELEGRAM:
            return self._tg().texts(user)
        return self._wc().texts(self.accounts[user])

    def heard(self, user: str) -> str:
        """Everything the user was told, the answers to their presses (toasts) included."""
        toasts = self._tg().toasts(user) if self.homes[user] == TELEGRAM else []
        return "\n".join([*self.texts(user), *toasts])

    def chat_texts(self, channel: str, chat: str) -> list[str]:
        """What the bot posted in a group chat on the channel."""
        if channel == TELEGRAM:
            return self._tg().chat_texts(chat)
        return self._wc().chat_texts(chat.removeprefix("appchat:"))

    async def turn(self, rounds: int = 1) -> None:
        """Half a minute passes; the bot handles what arrived and sends what it queued."""
        for _ in range(rounds):
            self.city.now += timedelta(seconds=30)
            if self.telegram is not None:
                await self.telegram.settle()
            if self.wecom is not None:
                await self.wecom.settle()
            await self.dispatch()

    async def dispatch(self) -> None:
        """Send what the outbox holds that may go now, on every channel, as the scheduler's
        dispatchers do."""
        for _ in range(DISPATCH_ROUNDS):
            reports = [await d.run_once() for d in self.scheduler.dispatchers]
            if not any(r.claimed for r in reports):
                return

    async def sweep(self, until: datetime) -> None:
        """Time moves to `until`; the deadline sweep runs and what it queued is sent."""
        self.city.now = until
        await sweep(self.city.new_uow, self.city.ctx, until)
        await self.dispatch()

    async def close_wecom(self) -> None:
        """Stop the WeCom channel running now (the first, or the one a restart started)."""
        if self.wecom is not None:
            await self.wecom.close()

    async def restart_wecom(self) -> WeComSide:
        """The WeCom channel dies mid-turn (its task cancelled) and a new one starts on the
        same database and emulator; the new one."""
        old = self._wc()
        await old.close(crash=True)
        self.wecom = await old.restarted()
        return self.wecom

    async def _identity(self, person_id: int | None, channel: str) -> str | None:
        if person_id is None:
            return None
        async with self.city.new_uow() as uow:
            person = await uow.people.get(person_id)
        found = person.identity_on(channel) if person is not None else None
        return found.external_id if found is not None else None

    def _tg(self) -> TelegramSide:
        assert self.telegram is not None, "the city runs no Telegram"
        return self.telegram

    def _wc(self) -> WeComSide:
        assert self.wecom is not None, "the city runs no WeCom"
        return self.wecom


@contextlib.asynccontextmanager
async def started_driver(db: Database, channels: Sequence[str]) -> AsyncIterator[Driver]:
    """The test city on `db`, served on the channels named ("telegram", "wecom")."""
    async with contextlib.AsyncExitStack() as stack:
        loop = await stack.enter_async_context(started_loop(db)) if TELEGRAM in channels else None
        city = loop.city if loop is not None else await build_city(db.unit_of_work)
        app = App(default_settings(), db, city.ctx)
        catalog = default_catalog()
        server = WeComSandboxServer() if WECOM in channels else None
        if server is not None:
            await server.start()
            stack.push_async_callback(server.stop)
        telegram = TelegramChannel(loop.bot) if loop is not None else None
        wecom = wecom_channel(server.base_url) if server is not None else None
        # The channels' send limits count as they do in production; their waits take no
        # wall time, so a test's burst of answers is not slowed to one a second.
        pace = VirtualPace()
        if telegram is not None:
            telegram.messenger.limiter = SendLimiter(clock=pace.clock, sleep=pace.sleep)
        if wecom is not None:
            wecom.messenger.limiter = MemberLimiter(clock=pace.clock, sleep=pace.sleep)
        adapters: list[Channel] = [c for c in (telegram, wecom) if c is not None]

        def clock() -> datetime:
            return city.now

        username = loop.bot.username if loop is not None else None
        dialogs = CountingDialogs(build_dialogs(app, catalog, adapters, username).deps)
        messengers = [a.messenger for a in adapters]
        scheduler = build_scheduler(app, catalog, messengers, clock, channel_plan(adapters))
        driver = Driver(city, scheduler)
        if loop is not None and telegram is not None:
            runtime = TelegramRuntime(
                loop.bot, dialogs, app.uow, clock, messenger=telegram.messenger
            )
            loop.wiring = Wiring(runtime, scheduler)
            driver.telegram = TelegramSide(loop)
        if server is not None and wecom is not None:
            driver.wecom = WeComSide(server.sandbox, wecom)
            await driver.wecom.start(dialogs, app.uow, clock, no_wake)
            stack.push_async_callback(driver.close_wecom)
        yield driver

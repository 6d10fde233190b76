"""The pieces of bench.wecom: the members' driver, the two callback servers, the outbound run."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

from app.root import build_dialogs, now_utc
from bench.world import build_world
from bot.bootstrap import App, build_context
from bot.config import default_settings
from bot.domain.credit_code import check_character, validate_credit_code
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import ChannelIdentity, Person, Role
from bot.i18n.catalog import default_catalog
from bot.services.channel_routing import ChannelPlan
from handlers.wecom.api import WeComClient
from handlers.wecom.channel import CallbackAddress, WeComChannel
from handlers.wecom.crypto import CallbackRejected, WeComCrypto
from handlers.wecom.inbound import outer_encrypt, parse_xml
from handlers.wecom.messenger import WeComMessenger
from sandbox.wecom import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    DEFAULT_TOKEN,
    WeComSandbox,
    WeComSandboxServer,
)
from scheduler.dispatcher import Dispatcher
from storage.database import Database
from storage.migrate import upgrade

PATH = "/wecom/callback"
ANSWER_SECONDS = 30.0
MAX_POLL = 0.008
DRAIN_SECONDS = 300.0
MONDAY_10 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a working day

Stop = Callable[[], Awaitable[None]]


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


class Driver:
    """Acts as members in the emulator and waits for what the app shows them."""

    def __init__(self, sandbox: WeComSandbox) -> None:
        self.sandbox = sandbox

    def view(self, user: str) -> int:
        """How often the member's view changed: messages received plus card updates."""
        received = self.sandbox.read_received(user)
        return len(received) + sum(r.card.updates for r in received if r.card is not None)

    async def changed(self, user: str, before: int) -> None:
        """Wait until the member's view changes (bounded)."""
        interval, deadline = 0.001, time.monotonic() + ANSWER_SECONDS
        while self.view(user) == before:
            if time.monotonic() > deadline:
                raise BenchError(f"{user}: no answer within {ANSWER_SECONDS:.0f} s")
            await asyncio.sleep(interval)
            interval = min(interval * 2, MAX_POLL)

    async def say(self, user: str, text: str, latencies: list[float]) -> None:
        """The member writes a text; returns once the app answered."""
        before, started = self.view(user), time.perf_counter()
        self.sandbox.send_text(user, text)
        await self.changed(user, before)
        latencies.append(time.perf_counter() - started)

    async def click(self, user: str, label: str, latencies: list[float]) -> None:
        """The member clicks the newest card button with this label, once it shows."""
        while (found := self.button(user, label)) is None:
            await self.changed(user, self.view(user))
        before, started = self.view(user), time.perf_counter()
        self.sandbox.click(user, *found)
        await self.changed(user, before)
        latencies.append(time.perf_counter() - started)

    def button(self, user: str, label: str) -> tuple[str, str] | None:
        """(task_id, key) of the newest card button with this label."""
        for received in reversed(self.sandbox.read_received(user)):
            card = received.card
            if card is None or card.replaced_name is not None:
                continue
            for button in card.card.get("button_list", []):
                if button.get("text") == label:
                    return card.task_id, str(button["key"])
        return None

    def last_text(self, user: str) -> str:
        """The newest message's text, or a card's grey label once clicked, else its title."""
        received = self.sandbox.read_received(user)
        if not received:
            return ""
        last = received[-1]
        if last.card is not None and last.card.replaced_name is not None:
            return last.card.replaced_name
        if last.card is not None:
            return str(last.card.card.get("main_title", {}).get("title", ""))
        return str(last.content.get("content", ""))

    async def settled(self, user: str, check: Callable[[str], bool]) -> str:
        """Wait until the newest text passes `check` (bounded); that text."""
        while not check(text := self.last_text(user)):
            await self.changed(user, self.view(user))
        return text

    @staticmethod
    def credit_code(number: int) -> str:
        """A valid, distinct unified social credit code."""
        first17 = f"91350100MA{number:07d}"
        return validate_credit_code(first17 + check_character(first17))


async def bare_server(emulator: WeComSandboxServer) -> Stop:
    """The bare handler: check, decrypt, answer 200, echo the text through message/send."""
    crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
    client = WeComClient(emulator.base_url, DEFAULT_CORP_ID, DEFAULT_SECRET)
    echoes: set[asyncio.Task[object]] = set()

    async def receive(request: web.Request) -> web.Response:
        query = request.query
        try:
            encrypt, _ = outer_encrypt(await request.read())
            crypto.check(query["msg_signature"], query["timestamp"], query["nonce"], encrypt)
            fields = parse_xml(crypto.decrypt(encrypt))
        except (KeyError, ValueError, CallbackRejected):
            return web.Response(status=403)
        body = {"touser": fields["FromUserName"], "agentid": DEFAULT_AGENT_ID}
        body |= {"msgtype": "text", "text": {"content": fields.get("Content", "")}}
        echo = asyncio.create_task(client.call("/cgi-bin/message/send", body))
        echoes.add(echo)
        echo.add_done_callback(echoes.discard)
        return web.Response(status=200)

    application = web.Application()
    application.router.add_post(PATH, receive)
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    emulator.sandbox.configure_callback(url=f"http://127.0.0.1:{port}{PATH}")

    async def stop() -> None:
        await runner.cleanup()
        await client.close()

    return stop


async def zhibao_server(emulator: WeComSandboxServer, path: Path) -> Stop:
    """The real WeCom channel of `zhibao run` on a migrated SQLite database."""
    db = Database.open(str(path))
    await upgrade(db)
    settings = default_settings()
    app = App(settings, db, build_context(settings))
    await build_world(db.unit_of_work)
    crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
    client = WeComClient(emulator.base_url, DEFAULT_CORP_ID, DEFAULT_SECRET)
    channel = WeComChannel(client, crypto, DEFAULT_AGENT_ID, CallbackAddress("127.0.0.1", 0))
    catalog = default_catalog()
    await channel.open(catalog)
    dialogs = build_dialogs(app, catalog, [channel])
    stopping = asyncio.Event()
    running = asyncio.create_task(
        channel.run(dialogs, db.unit_of_work, now_utc, lambda: None, stopping)
    )
    while channel.port is None:
        if running.done():
            running.result()
        await asyncio.sleep(0.01)
    emulator.sandbox.configure_callback(url=f"http://127.0.0.1:{channel.port}{PATH}")

    async def stop() -> None:
        stopping.set()
        await running
        await channel.close()
        await db.dispose()

    return stop


async def outbound(members: int, path: Path) -> tuple[int, int, int]:
    """One card each to `members` members through the WeCom dispatcher: (cards received,
    notices queued, messages the emulator dropped over WeCom's limits)."""
    db = Database.open(str(path))
    emulator = WeComSandboxServer()
    await emulator.start()
    client = WeComClient(emulator.base_url, DEFAULT_CORP_ID, DEFAULT_SECRET)
    try:
        await upgrade(db)
        users = [f"officer{n}" for n in range(members)]
        for user in users:
            emulator.sandbox.add_member(user, f"官员{user}")
        total = await seed(db, users)
        started = time.monotonic()

        def clock() -> datetime:
            return MONDAY_10 + timedelta(seconds=time.monotonic() - started)

        messenger = WeComMessenger(client, DEFAULT_AGENT_ID)
        ctx = build_context(default_settings())
        plan = ChannelPlan(("wecom",), frozenset())
        dispatcher = Dispatcher(
            db.unit_of_work, ctx, default_catalog(), messenger, "bench", clock, plan=plan
        )
        while time.monotonic() - started < DRAIN_SECONDS:
            if (await dispatcher.run_once()).claimed == 0 and not await unfinished(db):
                break
        wall = time.monotonic() - started
        stats = emulator.sandbox.read_stats()
        cards = sum(
            1
            for user in users
            if [r.msgtype for r in emulator.sandbox.read_received(user)] == ["template_card"]
        )
        print(
            f"outbound: {stats['messages']} messages, {cards}/{total} members got their card, "
            f"{stats['silent_drops']} silent drops, limiter waited {messenger.limiter.waited:.1f}"
            f" s, {wall:.2f} s ({stats['messages'] / wall:.0f} messages/s)",
            flush=True,
        )
        return cards, total, int(stats["silent_drops"])
    finally:
        await client.close()
        await emulator.stop()
        await db.dispose()


async def seed(db: Database, users: list[str]) -> int:
    """Officials with WeCom identities, one HIGH card notice queued for each."""
    total = 0
    async with db.unit_of_work() as uow:
        for user in users:
            identity = ChannelIdentity("wecom", user, user)
            person = Person(f"官员{user}", frozenset({Role.OFFICER}), identities=(identity,))
            await uow.people.add(person)
            assert person.id is not None
            notice = Notice(
                f"bench:wecom:{person.id}",
                Priority.HIGH,
                "notice.supervised",
                MONDAY_10,
                params={"code": "ZB-2026-000001"},
                person_id=person.id,
            )
            total += await uow.notices.add(notice)
        await uow.commit()
    return total


async def unfinished(db: Database) -> int:
    """Notices still queued or being sent."""
    async with db.unit_of_work().reading() as uow:
        queued = await uow.notices.find(status=NoticeStatus.QUEUED)
        sending = await uow.notices.find(status=NoticeStatus.SENDING)
    return len(queued) + len(sending)

"""`zhibao run --webhook`: the real runtime receiving the sandbox's pushes (§12, §13, §14)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from telegram import Bot

from bot.bootstrap import App
from bot.config import default_settings
from bot.services import inbox
from handlers.telegram.service import serve, serve_webhook
from handlers.telegram.translate import CHANNEL, inbox_key
from handlers.telegram.webhook import (
    SECRET_ENV,
    SECRET_HEADER,
    SECRET_PATTERN,
    WebhookOptions,
    WebhookSetupError,
    parse_listen,
    webhook_secret,
)
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from storage.database import Database
from tests.services.city import City, build_city

MEMBER = 5001  # 王经理 of the test city, known to the bot by this Telegram id


@dataclass
class World:
    """The sandbox, a migrated database with the test city, and the app over them."""

    server: SandboxServer
    sandbox: Sandbox
    city: City
    app: App

    def bot(self) -> Bot:
        """A fresh Bot API client for the sandbox, as `zhibao run` makes one."""
        base = self.server.base_url
        return Bot(DEFAULT_TOKEN, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot")

    def clock(self) -> datetime:
        """The test city's clock."""
        return self.city.now

    def answers(self, chat_id: int = MEMBER) -> list[str]:
        """What the bot has said in a chat, oldest first."""
        return [m.text or "" for m in self.sandbox.list_sent_messages(chat_id)]


@dataclass
class Hook:
    """A bot serving its webhook; `post` calls the webhook as Telegram would."""

    world: World
    options: WebhookOptions
    root: str

    async def post(self, body: bytes, secret: str | None) -> tuple[int, str]:
        """POST a raw body to the webhook path; the status and text of the answer."""
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[SECRET_HEADER] = secret
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.options.url, data=body, headers=headers) as response,
        ):
            return response.status, await response.text()


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


@contextlib.asynccontextmanager
async def webhook_running(world: World, delete_on_exit: bool = False) -> AsyncIterator[Hook]:
    """`serve_webhook` on a free loopback port until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/{secrets.token_urlsafe(8)}"
    options = WebhookOptions(url, secrets.token_urlsafe(32), "127.0.0.1", port, delete_on_exit)
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(world.app, world.bot(), stop, options, world.clock))
    await until(lambda: world.sandbox.get_bot().webhook.url == url or task.done())
    try:
        yield Hook(world, options, f"http://127.0.0.1:{port}")
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait until the condition holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def help_update(update_id: int, message_id: int) -> dict[str, Any]:
    """A Bot API update: the member sends /help in the private chat."""
    person = {"id": MEMBER, "is_bot": False, "first_name": "王经理", "language_code": "zh-hans"}
    message = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": MEMBER, "type": "private", "first_name": "王经理"},
        "from": person,
        "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
    }
    return {"update_id": update_id, "message": message}


async def pending(world: World) -> list[str]:
    """Update ids stored and not handled yet."""
    return [e.update_id for e in await inbox.pending_updates(world.app.uow(), CHANNEL)]


async def test_the_member_gets_help_through_the_webhook(world: World) -> None:
    async with webhook_running(world) as hook:
        world.sandbox.send_text(MEMBER, "/help")
        await until(lambda: len(world.answers()) == 1)
        assert world.answers()[0].startswith("可用功能：")
        info = await world.sandbox.call("getWebhookInfo")
        assert info["url"] == hook.options.url
        assert info["allowed_updates"] == ["message", "callback_query", "my_chat_member"]
        assert world.sandbox.get_bot().webhook.secret_token == hook.options.secret
        await until(lambda: world.sandbox.get_bot().updates.pending_count == 0)
    assert await pending(world) == []
    # Stopping leaves the webhook set: other instances may still be serving it.
    assert (await world.sandbox.call("getWebhookInfo"))["url"] == hook.options.url


async def test_a_wrong_or_missing_secret_is_refused_and_changes_nothing(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    body = json.dumps(help_update(700001, 90001)).encode()
    wrong = secrets.token_urlsafe(32)
    # INFO is what `zhibao run --verbose` logs (PTB itself shows call parameters at DEBUG).
    with caplog.at_level(logging.INFO):
        async with webhook_running(world) as hook:
            assert await hook.post(body, wrong) == (403, "forbidden")
            assert (await hook.post(body, None))[0] == 403
            assert (await hook.post(body, hook.options.secret[:-1]))[0] == 403
            assert await pending(world) == []
            # Had a refused call stored it, this would be a duplicate and go unanswered.
            assert await hook.post(body, hook.options.secret) == (200, "")
            await until(lambda: len(world.answers()) == 1)
    assert hook.options.secret not in caplog.text and wrong not in caplog.text
    assert "without the right secret token" in caplog.text


async def test_a_malformed_body_is_refused_and_stores_nothing(world: World) -> None:
    bodies = [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"message": {}}',
        b'{"update_id": "7"}',
        b'{"update_id": -1}',
        b'{"update_id": 700002, "message": "text"}',
        b'{"update_id": 700003, "message": {"text": "no date, no chat"}}',
    ]
    async with webhook_running(world) as hook:
        for body in bodies:
            assert await hook.post(body, hook.options.secret) == (400, "malformed update"), body
        assert await pending(world) == []
        assert world.answers() == []


async def test_an_update_delivered_twice_is_handled_once(world: World) -> None:
    body = json.dumps(help_update(700004, 90004)).encode()
    async with webhook_running(world) as hook:
        first = await asyncio.gather(*(hook.post(body, hook.options.secret) for _ in range(3)))
        assert first == [(200, "")] * 3
        await until(lambda: len(world.answers()) == 1)
        assert await hook.post(body, hook.options.secret) == (200, "")
        await asyncio.sleep(0.2)
        assert len(world.answers()) == 1
        assert await pending(world) == []


async def test_health_and_other_paths(world: World) -> None:
    async with webhook_running(world) as hook, aiohttp.ClientSession() as session:
        async with session.get(f"{hook.root}/healthz") as response:
            assert (response.status, await response.text()) == (200, "ok")
        async with session.post(f"{hook.root}/telegram/guessed") as response:
            assert response.status == 404
        async with session.get(hook.options.url) as response:
            assert response.status == 405


async def test_updates_left_by_a_crash_are_handled_at_start(world: World) -> None:
    update = help_update(700005, 90005)
    stored = await inbox.store_updates(
        world.app.uow(), CHANNEL, [("700005", inbox_key(update), update)], world.clock()
    )
    assert stored == 1
    async with webhook_running(world):
        await until(lambda: len(world.answers()) == 1)
    assert await pending(world) == []


async def test_the_webhook_can_be_deleted_on_exit(world: World) -> None:
    async with webhook_running(world, delete_on_exit=True):
        pass
    assert (await world.sandbox.call("getWebhookInfo"))["url"] == ""


async def test_long_polling_deletes_a_webhook_first(world: World) -> None:
    await world.sandbox.call("setWebhook", {"url": "http://127.0.0.1:9/gone"})
    task = asyncio.create_task(serve(world.app, world.bot(), asyncio.Event()))
    try:
        world.sandbox.send_text(MEMBER, "/help")
        await until(lambda: len(world.answers()) == 1)
        assert (await world.sandbox.call("getWebhookInfo"))["url"] == ""
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def test_the_secret_is_generated_or_taken_from_the_environment() -> None:
    generated, given = webhook_secret({})
    assert not given and SECRET_PATTERN.fullmatch(generated) and len(generated) >= 32
    assert webhook_secret({})[0] != generated
    assert webhook_secret({SECRET_ENV: "shared_Secret-1"}) == ("shared_Secret-1", True)
    with pytest.raises(WebhookSetupError) as refused:
        webhook_secret({SECRET_ENV: "has spaces+plus"})
    assert "spaces" not in str(refused.value)


def test_listen_addresses() -> None:
    assert parse_listen("127.0.0.1:8443") == ("127.0.0.1", 8443)
    assert parse_listen("[::1]:8443") == ("::1", 8443)
    for bad in ("8443", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000"):
        with pytest.raises(WebhookSetupError):
            parse_listen(bad)

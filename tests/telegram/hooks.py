"""A bot serving its webhook against the sandbox, for the webhook tests (§12, §13, §14)."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
from telegram import Bot

from app.root import serve
from bot.bootstrap import App
from bot.services import inbox
from handlers.telegram.service import TelegramChannel
from handlers.telegram.translate import CHANNEL
from handlers.telegram.webhook import SECRET_HEADER, WebhookOptions
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from tests.services.city import City

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


@contextlib.asynccontextmanager
async def webhook_running(world: World, delete_on_exit: bool = False) -> AsyncIterator[Hook]:
    """`zhibao run --webhook` on a free loopback port until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/{secrets.token_urlsafe(8)}"
    options = WebhookOptions(url, secrets.token_urlsafe(32), "127.0.0.1", port, delete_on_exit)
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(world.app, [TelegramChannel(world.bot(), options)], stop, world.clock)
    )
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


def help_update(
    update_id: int, message_id: int, date: int | None = None, command: str = "/help"
) -> dict[str, Any]:
    """A Bot API update: the member sends a command (/help) in the private chat, now."""
    person = {"id": MEMBER, "is_bot": False, "first_name": "王经理", "language_code": "zh-hans"}
    message = {
        "message_id": message_id,
        "date": int(time.time()) if date is None else date,
        "chat": {"id": MEMBER, "type": "private", "first_name": "王经理"},
        "from": person,
        "text": command,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
    }
    return {"update_id": update_id, "message": message}


async def pending(world: World) -> list[str]:
    """Update ids stored and not handled yet."""
    return [e.update_id for e in await inbox.pending_updates(world.app.uow(), CHANNEL)]

"""Webhook delivery to a small aiohttp receiver on 127.0.0.1: order, secret, redelivery."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from aiohttp import web
from telegram import Bot

from sandbox.telegram import Sandbox
from sandbox.telegram.records import UserRecord

SECRET = "zhibao-secret_1"


class Receiver:
    """Records every delivery; answers with the queued statuses, then 200."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[str | None, dict[str, Any]]] = []
        self.statuses: list[int] = []
        self.arrived = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.deliveries.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), body))
        self.arrived.set()
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)

    async def wait_for(self, count: int) -> None:
        async with asyncio.timeout(5):
            while len(self.deliveries) < count:
                self.arrived.clear()
                await self.arrived.wait()


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    target = Receiver()
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    target.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield target
    await runner.cleanup()


async def test_updates_are_posted_in_order_with_the_secret(
    bot: Bot, sandbox: Sandbox, user: UserRecord, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token=SECRET)
    for text in ("一", "二", "三"):
        sandbox.send_text(user.id, text)
    await receiver.wait_for(3)
    assert [secret for secret, _ in receiver.deliveries] == [SECRET] * 3
    assert [body["message"]["text"] for _, body in receiver.deliveries] == ["一", "二", "三"]
    assert [body["update_id"] for _, body in receiver.deliveries] == [1, 2, 3]
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == (receiver.url, 0)


async def test_failed_delivery_is_retried_until_2xx(
    bot: Bot, sandbox: Sandbox, user: UserRecord, receiver: Receiver
) -> None:
    receiver.statuses = [500, 500]
    assert await bot.set_webhook(receiver.url, secret_token=SECRET)
    sandbox.send_text(user.id, "重要")
    await receiver.wait_for(3)
    ids = {body["update_id"] for _, body in receiver.deliveries}
    assert ids == {1}
    await asyncio.sleep(0.05)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 0
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.last_error_date is not None


async def test_pending_count_while_the_receiver_is_down(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    assert await bot.set_webhook("http://127.0.0.1:9/nobody-listens")
    sandbox.send_text(user.id, "a")
    sandbox.send_text(user.id, "b")
    await asyncio.sleep(0.2)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 2
    assert info.last_error_message == "Connection refused"
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_drop_pending_updates_when_setting(
    bot: Bot, sandbox: Sandbox, user: UserRecord, receiver: Receiver
) -> None:
    sandbox.send_text(user.id, "old")
    assert await bot.set_webhook(receiver.url, drop_pending_updates=True)
    sandbox.send_text(user.id, "new")
    await receiver.wait_for(1)
    await asyncio.sleep(0.05)
    assert [body["message"]["text"] for _, body in receiver.deliveries] == ["new"]

"""The aiohttp network layer fails as PTB's own does: TimedOut, NetworkError, a clear refusal.

What it sends and receives is checked by the sandbox contract tests, which run on both layers.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from handlers.telegram.request import AiohttpRequest
from sandbox.telegram import DEFAULT_TOKEN


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def slow_server() -> AsyncIterator[str]:
    """A Bot API root that answers nothing until the test is over."""
    over = asyncio.Event()

    async def stall(request: web.Request) -> web.Response:
        await over.wait()
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/{tail:.*}", stall)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}"
    over.set()
    await runner.cleanup()


def bot_at(root: str, read_timeout: float = 5.0) -> tuple[Bot, AiohttpRequest]:
    """A Bot on the aiohttp layer for the Bot API server at root, and that layer."""
    layer = AiohttpRequest(read_timeout=read_timeout)
    bot = Bot(
        DEFAULT_TOKEN,
        base_url=f"{root}/bot",
        request=layer,
        get_updates_request=AiohttpRequest(1),
    )
    return bot, layer


async def test_a_server_that_is_not_there_is_a_network_error() -> None:
    bot, layer = bot_at(f"http://127.0.0.1:{free_port()}")
    async with layer:  # the layer alone: Bot.initialize would call getMe first
        with pytest.raises(NetworkError, match=r"aiohttp\.ClientConnectorError"):
            await bot.send_message(1, "你好")


async def test_a_server_that_does_not_answer_in_time_is_a_time_out(slow_server: str) -> None:
    bot, layer = bot_at(slow_server, read_timeout=0.2)
    async with layer:
        with pytest.raises(TimedOut):
            await bot.send_message(1, "你好")


async def test_a_call_before_initialising_is_refused() -> None:
    bot, _ = bot_at(f"http://127.0.0.1:{free_port()}")
    # PTB reports what its network layer raises as a NetworkError, with the reason.
    with pytest.raises(NetworkError, match="not initialized"):
        await bot.send_message(1, "你好")


def test_a_pool_without_connections_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        AiohttpRequest(0)

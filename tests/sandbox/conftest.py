"""Fixtures for the Telegram emulator: an in-process Sandbox, its HTTP server, a real PTB Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from telegram import Bot

from handlers.telegram.request import AiohttpRequest
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from sandbox.telegram.records import UserRecord


class FrozenClock:
    """A clock that moves only when told to, for limits that depend on time."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


@pytest.fixture
def clock() -> FrozenClock:
    """A frozen clock; pass it to a Sandbox to control time."""
    return FrozenClock()


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh emulator with fast webhook retries."""
    yield Sandbox(webhook_retry=(0.02, 0.1))


@pytest.fixture
def user(sandbox: Sandbox) -> UserRecord:
    """A user who has started the bot."""
    return sandbox.create_user(first_name="Li", last_name="Wei", username="liwei")


@pytest_asyncio.fixture
async def server(sandbox: Sandbox) -> AsyncIterator[SandboxServer]:
    """The sandbox served over HTTP on 127.0.0.1."""
    running = SandboxServer(sandbox)
    await running.start()
    yield running
    await running.stop()


@pytest_asyncio.fixture
async def http(server: SandboxServer) -> AsyncIterator[aiohttp.ClientSession]:
    """A plain HTTP client on the sandbox's base URL, for raw Bot API and control calls."""
    async with aiohttp.ClientSession(base_url=server.base_url) as session:
        yield session


async def post_control(
    http: aiohttp.ClientSession, action: str, body: Any = None
) -> tuple[int, Any]:
    """POST a JSON body to /control/<action>: the status and the decoded answer."""
    async with http.post(f"/control/{action}", json=body if body is not None else {}) as response:
        return response.status, await response.json()


def make_bot(server: SandboxServer, token: str = DEFAULT_TOKEN, layer: str = "httpx") -> Bot:
    """A real python-telegram-bot client pointed at the sandbox, on PTB's or zhibao's network
    layer (httpx, PTB's default; aiohttp, what `zhibao run` uses)."""
    if layer == "aiohttp":
        return Bot(
            token,
            base_url=server.bot_base_url,
            base_file_url=server.file_base_url,
            request=AiohttpRequest(),
            get_updates_request=AiohttpRequest(1),
        )
    return Bot(token, base_url=server.bot_base_url, base_file_url=server.file_base_url)


@pytest_asyncio.fixture(params=["httpx", "aiohttp"])
async def bot(server: SandboxServer, request: pytest.FixtureRequest) -> AsyncIterator[Bot]:
    """An initialised PTB Bot talking to the sandbox, on each network layer in turn."""
    client = make_bot(server, layer=request.param)
    async with client:
        yield client

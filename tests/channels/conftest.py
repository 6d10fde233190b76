"""Fixtures of the channel tests: the test city driven on Telegram, on WeCom, or on both."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from storage.database import Database
from tests.channels.driver import TELEGRAM, WECOM, Driver, started_driver


@pytest_asyncio.fixture(params=[TELEGRAM, WECOM])
async def driver(
    request: pytest.FixtureRequest, sqlite_database: Database
) -> AsyncIterator[Driver]:
    """The test city on one channel: each test runs once on Telegram and once on WeCom."""
    async with started_driver(sqlite_database, [request.param]) as started:
        yield started


@pytest_asyncio.fixture
async def mixed(sqlite_database: Database) -> AsyncIterator[Driver]:
    """The test city on Telegram and WeCom at once."""
    async with started_driver(sqlite_database, [TELEGRAM, WECOM]) as started:
        yield started


@pytest_asyncio.fixture
async def wecom(sqlite_database: Database) -> AsyncIterator[Driver]:
    """The test city on WeCom alone."""
    async with started_driver(sqlite_database, [WECOM]) as started:
        yield started

"""The dispatcher tests' city and desk, on every backend (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import pytest_asyncio

from bot.services.ports import UnitOfWorkFactory
from tests.scheduler.test_dispatcher_policy import Desk, desk_on
from tests.services.city import City, build_city


@pytest_asyncio.fixture
async def city(uow_factory: UnitOfWorkFactory) -> City:
    """A fresh city on each backend: claims and holds are storage's work."""
    return await build_city(uow_factory)


@pytest_asyncio.fixture
async def desk(city: City) -> Desk:
    """The dispatcher over the city; the officer has a Telegram chat."""
    return await desk_on(city)

"""The city fixture: built through the use cases on every backend (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import pytest_asyncio

from bot.services.ports import UnitOfWorkFactory
from tests.services.city import City, build_city


@pytest_asyncio.fixture
async def city(uow_factory: UnitOfWorkFactory) -> City:
    """A fresh city for each test."""
    return await build_city(uow_factory)

"""Dialog tests run on the fake storage, with a city built through the use cases."""

from __future__ import annotations

import pytest_asyncio

from bot.dialogs.engine import Dialogs
from bot.dialogs.turn import DialogDeps
from bot.i18n.catalog import default_catalog
from tests.fakes import FakeDatabase
from tests.services.city import City, build_city


@pytest_asyncio.fixture
async def city() -> City:
    """A fresh city on the fake storage."""
    return await build_city(FakeDatabase().unit_of_work)


@pytest_asyncio.fixture
async def dialogs(city: City) -> Dialogs:
    """The dialogs over the city."""
    return Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog()))

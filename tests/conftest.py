"""Shared fixtures: real databases (SQLite, PostgreSQL) and units of work, real and fake.

PostgreSQL tests run against the server named by ZHIBAO_TEST_POSTGRES_URL, in a database of
their own that is created and migrated once per session and dropped at its end; each test
starts from empty tables. SQLite tests copy a database migrated once per session.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import pytest_asyncio

from bot.services.ports import UnitOfWorkFactory
from storage.database import Database, StorageError, driver_url
from storage.migrate import upgrade
from storage.provisioning import create_database, drop_database, truncate_all
from tests.fakes import FakeDatabase

T = TypeVar("T")

POSTGRES_ENV = "ZHIBAO_TEST_POSTGRES_URL"
POSTGRES_SKIPPED = f"{POSTGRES_ENV} is not set; PostgreSQL tests skipped"
POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a private event loop, for session setup outside any test's loop."""
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        return runner.run(coroutine)


async def _ping(url: str) -> None:
    db = Database.open(url)
    try:
        await db.ping()
    finally:
        await db.dispose()


async def _migrate(url: str) -> None:
    db = Database.open(url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()


async def _as_admin(url: str, action: Any, name: str) -> None:
    admin = Database.open(url)
    try:
        await action(admin, name)
    finally:
        await admin.dispose()


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """The PostgreSQL server to test against; skips without one, fails if it is down."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POSTGRES_ENV} must be set in CI", pytrace=False)
        pytest.skip(POSTGRES_SKIPPED)
    try:
        run(_ping(url))
    except StorageError as exc:
        pytest.fail(f"{POSTGRES_ENV} is set but the server is unusable: {exc}", pytrace=False)
    return url


def _fresh_postgres(admin_url: str) -> Iterator[str]:
    name = f"zhibao_test_{secrets.token_hex(6)}"
    url = driver_url(admin_url).set(database=name).render_as_string(hide_password=False)
    run(_as_admin(admin_url, create_database, name))
    try:
        yield url
    finally:
        run(_as_admin(admin_url, drop_database, name))


@pytest.fixture(scope="session")
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A PostgreSQL database of this session, migrated once and dropped at the end."""
    for url in _fresh_postgres(postgres_admin_url):
        run(_migrate(url))
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    run(_migrate(str(path)))
    return path


@pytest_asyncio.fixture
async def sqlite_database(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh migrated SQLite file, opened; disposed after the test."""
    path = tmp_path / "zhibao.db"
    shutil.copy(sqlite_template, path)
    db = Database.open(str(path))
    yield db
    await db.dispose()


def _database_url(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "postgres":
        url: str = request.getfixturevalue("postgres_url")
        return url
    template: Path = request.getfixturevalue("sqlite_template")
    target = tmp_path / "zhibao.db"
    shutil.copyfile(template, target)
    return str(target)


async def _opened(url: str) -> Database:
    db = Database.open(url)
    if db.dialect == "postgresql":
        await truncate_all(db)
    return db


@pytest.fixture(params=["sqlite", POSTGRES])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a migrated database of each kind, empty at the start of the test."""
    return _database_url(request.param, request, tmp_path)


@pytest_asyncio.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """An opened, migrated, empty database: SQLite and PostgreSQL."""
    db = await _opened(database_url)
    yield db
    await db.dispose()


@pytest.fixture(params=["sqlite", POSTGRES])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all: SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "empty.db")
        return
    admin_url: str = request.getfixturevalue("postgres_admin_url")
    yield from _fresh_postgres(admin_url)


@pytest.fixture(params=["fake", "sqlite", POSTGRES])
def uow_backend(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """None for the in-memory fake, else the URL of a migrated, empty database."""
    if request.param == "fake":
        return None
    return _database_url(request.param, request, tmp_path)


@pytest_asyncio.fixture
async def uow_factory(uow_backend: str | None) -> AsyncIterator[UnitOfWorkFactory]:
    """A UnitOfWorkFactory over the fake, SQLite and PostgreSQL."""
    if uow_backend is None:
        yield FakeDatabase().unit_of_work
        return
    db = await _opened(uow_backend)
    yield db.unit_of_work
    await db.dispose()


@pytest.fixture
def fake_database() -> FakeDatabase:
    """An empty in-memory database."""
    return FakeDatabase()

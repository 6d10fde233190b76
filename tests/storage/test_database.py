"""Opening databases: URLs, engine settings, unreachable servers, UTC timestamps."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Connection as SyncConnection

from bot.services.ports import UnitOfWorkFactory
from storage.column_types import UtcDateTime
from storage.database import Database, StorageError, driver_url
from storage.provisioning import truncate_all
from storage.tables import metadata
from tests.storage.factories import (
    FILED_AT,
    build_world,
    make_enterprise,
    make_issue,
    make_notice,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://zb:pw@db:5432/zhibao", "postgresql+asyncpg://zb:pw@db:5432/zhibao"),
        ("postgres://zb@db/zhibao", "postgresql+asyncpg://zb@db/zhibao"),
        ("postgresql+asyncpg://zb@db/zhibao", "postgresql+asyncpg://zb@db/zhibao"),
        ("sqlite:////var/lib/zhibao.db", "sqlite+pysqlite:////var/lib/zhibao.db"),
    ],
)
def test_urls_get_the_drivers_zhibao_uses(given: str, expected: str) -> None:
    assert driver_url(given).render_as_string(hide_password=False) == expected


def test_in_memory_sqlite_stays_in_memory() -> None:
    url = driver_url("sqlite:///:memory:")
    assert (url.drivername, url.database) == ("sqlite+pysqlite", ":memory:")


async def test_an_in_memory_database_serves_units_of_work() -> None:
    db = Database.open("sqlite:///:memory:")
    try:
        async with db.connect() as connection:
            await connection.run_sync(metadata.create_all)
            await connection.commit()
        async with db.unit_of_work() as uow:
            await uow.notices.add(make_notice("kept"))
            await uow.commit()
        async with db.unit_of_work().reading() as uow:
            assert [n.dedupe_key for n in await uow.notices.find()] == ["kept"]
    finally:
        await db.dispose()


def test_relative_sqlite_paths_are_taken_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    expected = f"sqlite+pysqlite:///{tmp_path.resolve() / 'data' / 'zhibao.db'}"
    assert str(driver_url("data/zhibao.db")) == expected
    assert str(driver_url("sqlite:///data/zhibao.db")) == expected


def test_unsupported_database_is_refused() -> None:
    with pytest.raises(StorageError, match="unsupported database"):
        driver_url("mysql://zb:secret@db/zhibao")


def test_dialect_is_known_without_connecting(tmp_path: Path) -> None:
    assert Database.open(str(tmp_path / "x.db")).dialect == "sqlite"
    assert Database.open("postgres://zb@127.0.0.1:1/zhibao").dialect == "postgresql"


async def test_unreachable_server_names_the_url_but_not_the_password() -> None:
    db = Database.open("postgresql://zhibao:s3cret@127.0.0.1:1/zhibao")
    try:
        with pytest.raises(StorageError) as caught:
            await db.ping()
    finally:
        await db.dispose()
    message = str(caught.value)
    assert "postgresql+asyncpg://zhibao:***@127.0.0.1:1/zhibao" in message
    assert "s3cret" not in message


def test_sqlite_file_in_a_missing_directory_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"cannot reach database sqlite.*no folder"):
        Database.open(str(tmp_path / "missing" / "zhibao.db"))


async def test_sqlite_file_that_cannot_be_opened_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "zhibao.db").mkdir()  # a directory where the file should be
    db = Database.open(str(tmp_path / "zhibao.db"))
    try:
        with pytest.raises(StorageError, match="cannot reach database sqlite"):
            async with db.unit_of_work():
                pass
    finally:
        await db.dispose()


async def test_connection_settings(database: Database) -> None:
    settings = await database.diagnostics()
    if database.dialect == "sqlite":
        assert settings == {
            "journal_mode": "wal",
            "foreign_keys": "1",
            "synchronous": "2",
            "busy_timeout": "0",
        }
    else:
        assert settings["server_version"]


def test_utc_datetime_refuses_naive_and_converts_aware(tmp_path: Path) -> None:
    column = UtcDateTime()
    lite = Database.open(str(tmp_path / "x.db")).engine.dialect
    pg = Database.open("postgresql://zb@127.0.0.1:1/zhibao").engine.dialect
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(datetime(2026, 3, 2, 10, 0), lite)
    assert column.process_bind_param(FILED_AT, lite) == datetime(2026, 3, 2, 2, 0)
    assert column.process_bind_param(FILED_AT, pg) == datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    plus_two = datetime(2026, 3, 2, 4, 0, tzinfo=timezone(timedelta(hours=2)))
    assert column.process_result_value(plus_two, pg) == datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    assert column.process_result_value(datetime(2026, 3, 2, 2, 0), lite) == FILED_AT


async def test_naive_datetime_is_refused_on_write(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        with pytest.raises(ValueError, match="naive"):
            await uow.notices.add(make_notice("naive", created_at=datetime(2026, 3, 2, 10)))
        assert await uow.notices.add(make_notice("aware"))
        await uow.commit()
    async with uow_factory() as uow:
        assert [n.dedupe_key for n in await uow.notices.find()] == ["aware"]


async def test_timestamps_come_back_in_utc(database: Database) -> None:
    async with database.unit_of_work() as uow:
        world = await build_world(uow)
        issue = await uow.issues.add(
            make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        )
        await uow.commit()
    async with database.unit_of_work() as uow:
        loaded = await uow.issues.get(issue.code)
    assert loaded is not None
    moments = [loaded.filed_at, *(clock.due_at for clock in loaded.clocks.values())]
    assert all(moment.tzinfo is UTC for moment in moments)
    assert loaded.filed_at == FILED_AT


async def test_truncate_all_empties_every_table_and_restarts_ids(database: Database) -> None:
    async with database.unit_of_work() as uow:
        world = await build_world(uow)
        await uow.enterprises.add(make_enterprise(2, cadre_id=world.officer_id))
        await uow.commit()
    await truncate_all(database)
    async with database.unit_of_work() as uow:
        assert await uow.people.with_role() == []
        assert await uow.enterprises.all() == []
        assert await uow.task_forces.all() == []
        enterprise = await uow.enterprises.add(make_enterprise(3))
    assert enterprise.id == 1


async def test_a_writer_waits_for_another_process_without_holding_up_the_loop(
    sqlite_database: Database,
) -> None:
    db = sqlite_database
    assert db.sqlite_file is not None
    other = sqlite3.connect(db.sqlite_file, isolation_level=None)  # as another process would
    try:
        async with db.unit_of_work() as uow:
            await uow.notices.add(make_notice("first"))
            await uow.commit()
        other.execute("BEGIN IMMEDIATE")
        ticks = 0

        async def write() -> None:
            async with db.unit_of_work() as uow:
                await uow.notices.add(make_notice("second"))
                await uow.commit()

        writing = asyncio.create_task(write())
        while ticks < 5:
            await asyncio.sleep(0.01)  # the loop keeps serving while the writer waits
            ticks += 1
        assert not writing.done()
        other.execute("COMMIT")
        await asyncio.wait_for(writing, 5)
        async with db.unit_of_work().reading() as uow:
            assert [n.dedupe_key for n in await uow.notices.find()] == ["first", "second"]
    finally:
        other.close()


async def test_a_commit_cancelled_while_it_syncs_finishes_before_the_connection_is_reused(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_database
    original, syncing = SyncConnection.commit, threading.Event()

    def slow_commit(connection: SyncConnection) -> None:
        syncing.set()
        time.sleep(0.2)  # a slow disk
        original(connection)

    monkeypatch.setattr(SyncConnection, "commit", slow_commit)

    async def write() -> None:
        async with db.unit_of_work() as uow:
            await uow.notices.add(make_notice("kept"))
            await uow.commit()

    writing = asyncio.create_task(write())
    assert await asyncio.to_thread(syncing.wait, 5)
    writing.cancel()  # e.g. the bot stopping
    with pytest.raises(asyncio.CancelledError):
        await writing
    monkeypatch.undo()
    async with db.unit_of_work().reading() as uow:
        assert [n.dedupe_key for n in await uow.notices.find()] == ["kept"]

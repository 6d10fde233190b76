"""Alembic migrations: they build exactly the models' schema, once, from any directory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.database import Database
from storage.migrate import MIGRATIONS, alembic_config, current, pending, upgrade
from storage.tables import metadata

REVISIONS = ["0001", "0002", "0003", "0004", "0005"]
HEAD = REVISIONS[-1]


def schema_differences(connection: Connection) -> list[Any]:
    """What Alembic's autogenerate would change to make the database match the models."""
    differences: list[Any] = compare_metadata(MigrationContext.configure(connection), metadata)
    return differences


async def differences(db: Database) -> list[Any]:
    """Schema differences between a database and the models."""
    async with db.connect() as connection:
        found = await connection.run_sync(schema_differences)
        await connection.rollback()
    return found


@pytest_asyncio.fixture
async def empty(empty_database_url: str) -> AsyncIterator[Database]:
    """An opened database with no tables yet."""
    db = Database.open(empty_database_url)
    yield db
    await db.dispose()


async def test_upgrade_builds_the_models_schema_once(
    empty: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the migrations are found from the package, not the cwd
    assert await current(empty) is None
    assert await pending(empty) == REVISIONS
    assert await upgrade(empty) == REVISIONS
    assert await upgrade(empty) == []
    assert await pending(empty) == []
    assert await current(empty) == HEAD
    assert await differences(empty) == []


async def test_downgrade_then_upgrade_again(empty: Database) -> None:
    await upgrade(empty)

    def downgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")

    async with empty.connect() as connection:
        await connection.run_sync(downgrade)
        await connection.commit()
    assert await current(empty) is None
    assert await upgrade(empty) == REVISIONS
    assert await differences(empty) == []


async def test_migrated_test_database_matches_the_models(database: Database) -> None:
    assert await current(database) == HEAD
    assert await differences(database) == []


async def test_comparison_would_notice_a_missing_table(database: Database) -> None:
    async with database.connect() as connection:
        await connection.run_sync(lambda sync: metadata.tables["counters"].drop(sync))
        found = await connection.run_sync(schema_differences)
        await connection.rollback()
    assert [difference[0] for difference in found] == ["add_table"]


def test_script_location_is_absolute_inside_the_package() -> None:
    location = alembic_config().get_main_option("script_location")
    assert location == str(MIGRATIONS)
    assert MIGRATIONS.is_absolute()
    assert (MIGRATIONS / "env.py").is_file()


async def test_languages_stored_before_0004_become_what_is_known_of_the_person(
    empty: Database,
) -> None:
    def migrate(connection: Connection, revision: str) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with empty.connect() as connection:
        await connection.run_sync(migrate, "0003")
        await connection.execute(
            text(
                "INSERT INTO people (name, language, timezone, digest, on_leave, enterprise_admin)"
                " VALUES ('Oliver', 'en', 'Asia/Shanghai', true, false, false)"
            )
        )
        await connection.run_sync(migrate, "0004")
        row = (
            await connection.execute(text("SELECT language, detected_language FROM people"))
        ).one()
        await connection.commit()
    assert tuple(row) == (None, "en")

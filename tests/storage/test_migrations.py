"""Alembic migrations: they build exactly the models' schema, once, from any directory."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.database import Database
from storage.inline import Connection as AnyConnection
from storage.migrate import MIGRATIONS, alembic_config, current, pending, upgrade
from storage.tables import metadata

REVISIONS = ["0001", "0002", "0003", "0004", "0005", "0006", "0007"]
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


def inbox_table(keyed: bool) -> sa.TableClause:
    """The inbox as revision 0004 built it, or with 0005's dedupe key."""
    key = [sa.column("dedupe_key", sa.String(128))] if keyed else []
    return sa.table(
        "inbox",
        sa.column("channel", sa.String(32)),
        sa.column("update_id", sa.String(128)),
        sa.column("payload", sa.JSON()),
        sa.column("received_at", sa.DateTime(timezone=True)),
        sa.column("handled_at", sa.DateTime(timezone=True)),
        sa.column("attempts", sa.Integer()),
        *key,
    )


RECEIVED = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def inbox_row(
    channel: str, update_id: str, handled: bool, key: str | None = None
) -> dict[str, Any]:
    """An inbox row as revision 0004 stored it (with a dedupe key from 0005 on)."""
    row: dict[str, Any] = {
        "channel": channel,
        "update_id": update_id,
        "payload": {"update_id": int(update_id), "message": {"text": f"{channel} {update_id}"}},
        "received_at": RECEIVED,
        "handled_at": RECEIVED if handled else None,
        "attempts": 0,
    }
    return row if key is None else row | {"dedupe_key": key}


async def inbox_rows(connection: AnyConnection) -> list[tuple[Any, ...]]:
    """The inbox's channel, update id and handled mark (and key, when there is one), by id."""
    keyed = ", dedupe_key" if "dedupe_key" in await connection.run_sync(inbox_columns) else ""
    found = await connection.execute(
        text(f"SELECT channel, update_id, handled_at IS NOT NULL{keyed} FROM inbox ORDER BY id")
    )
    return [tuple(row) for row in found]


def inbox_columns(connection: Connection) -> list[str]:
    """The names of the inbox table's columns, as the database describes them."""
    return [column["name"] for column in sa.inspect(connection).get_columns("inbox")]


def to_revision(connection: Connection, revision: str, down: bool = False) -> None:
    """Upgrade (or downgrade) the connected database to `revision`."""
    config = alembic_config()
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, revision)


async def test_inbox_rows_stored_before_0005_keep_their_update_id_as_key_and_come_back(
    empty: Database,
) -> None:
    async with empty.connect() as connection:
        await connection.run_sync(to_revision, "0004")
        old = [
            inbox_row("telegram", "1", handled=True),
            inbox_row("telegram", "2", handled=False),
            inbox_row("wecom", "7", handled=True),
        ]
        await connection.execute(inbox_table(keyed=False).insert(), old)
        await connection.run_sync(to_revision, "0005")
        upgraded = await inbox_rows(connection)
        # After a restart, update id 1 again: a new message, stored beside the old one.
        await connection.execute(
            inbox_table(keyed=True).insert(),
            [inbox_row("telegram", "1", handled=False, key="m:1001:1:1795652460")],
        )
        both = await inbox_rows(connection)
        await connection.run_sync(to_revision, "0004", True)
        downgraded = await inbox_rows(connection)
        await connection.commit()
    assert upgraded == [
        ("telegram", "1", True, "1"),
        ("telegram", "2", False, "2"),
        ("wecom", "7", True, "7"),
    ]
    assert both[-1] == ("telegram", "1", False, "m:1001:1:1795652460")
    # One row per update id again: the newest of the two update 1s stays.
    assert downgraded == [("telegram", "2", False), ("wecom", "7", True), ("telegram", "1", False)]
    assert await current(empty) == "0004"
    assert await upgrade(empty) == REVISIONS[REVISIONS.index("0005") :]


async def test_invites_stored_before_0006_name_nobody_and_downgrade_keeps_them(
    empty: Database,
) -> None:
    invites = sa.table(
        "invites",
        sa.column("code_hash", sa.String(128)),
        sa.column("role", sa.String(32)),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("expires_at", sa.DateTime(timezone=True)),
    )
    async with empty.connect() as connection:
        await connection.run_sync(to_revision, "0005")
        await connection.execute(
            invites.insert(),
            [
                {
                    "code_hash": "h",
                    "role": "officer",
                    "created_at": RECEIVED,
                    "expires_at": RECEIVED,
                }
            ],
        )
        await connection.run_sync(to_revision, "0006")
        upgraded = (
            await connection.execute(text("SELECT code_hash, person_id FROM invites"))
        ).all()
        await connection.run_sync(to_revision, "0005", True)
        kept = (await connection.execute(text("SELECT code_hash FROM invites"))).all()
        await connection.commit()
    assert [tuple(row) for row in upgraded] == [("h", None)]
    assert [tuple(row) for row in kept] == [("h",)]


def task_forces_table(grouped: bool) -> sa.TableClause:
    """task_forces as revision 0006 built it (one group), or with 0007's groups per channel."""
    group = (
        sa.column("group_chats", sa.JSON()) if grouped else sa.column("group_chat", sa.String())
    )
    return sa.table(
        "task_forces",
        *(sa.column(name, sa.String()) for name in TEAM_TEXT),
        sa.column("industries", sa.JSON()),
        sa.column("keywords", sa.JSON()),
        sa.column("active", sa.Boolean()),
        group,
    )


TEAM_TEXT = ("code", "name_zh", "name_en", "kind", "assignment", "language")


def team_row(code: str, **group: Any) -> dict[str, Any]:
    """A task force row with a group chat column's value."""
    texts = dict.fromkeys(TEAM_TEXT, code)
    return texts | {"industries": [code], "keywords": [], "active": True} | group


async def test_a_group_before_0007_becomes_the_telegram_group_and_comes_back(
    empty: Database,
) -> None:
    async with empty.connect() as connection:
        await connection.run_sync(to_revision, "0006")
        await connection.execute(
            task_forces_table(grouped=False).insert(),
            [team_row("alu", group_chat="-1001234567890"), team_row("chem", group_chat=None)],
        )
        await connection.run_sync(to_revision, "0007")
        upgraded = (
            await connection.execute(text("SELECT code, group_chats FROM task_forces ORDER BY id"))
        ).all()
        people = await connection.run_sync(columns_of, "people")
        # A WeCom group linked since does not survive going back: only Telegram's is kept.
        grouped = task_forces_table(grouped=True)
        await connection.execute(
            grouped.update()
            .where(grouped.c.code == "chem")
            .values(group_chats={"wecom": "appchat:chem01"})
        )
        await connection.run_sync(to_revision, "0006", True)
        downgraded = (
            await connection.execute(text("SELECT code, group_chat FROM task_forces ORDER BY id"))
        ).all()
        await connection.commit()
    assert [(code, as_dict(groups)) for code, groups in upgraded] == [
        ("alu", {"telegram": "-1001234567890"}),
        ("chem", {}),
    ]
    assert "preferred_channel" in people
    assert [tuple(row) for row in downgraded] == [("alu", "-1001234567890"), ("chem", None)]
    assert await upgrade(empty) == ["0007"]
    assert await differences(empty) == []


def columns_of(connection: Connection, table: str) -> list[str]:
    """The names of a table's columns, as the database describes them."""
    return [column["name"] for column in sa.inspect(connection).get_columns(table)]


def as_dict(value: object) -> object:
    """A JSON column read by plain SQL: SQLite gives its text, PostgreSQL the object."""
    return json.loads(value) if isinstance(value, str) else value

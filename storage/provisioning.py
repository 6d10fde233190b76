"""Creating, emptying and dropping whole databases (setup, sandbox and test runs)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text

from storage.database import Database
from storage.inline import Connection
from storage.tables import metadata

DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


async def create_database(admin: Database, name: str) -> None:
    """Create an empty PostgreSQL database `name` on the server `admin` is connected to."""
    async with _autocommit(admin) as connection:
        await connection.execute(text(f"CREATE DATABASE {_quoted(connection, name)}"))


async def drop_database(admin: Database, name: str) -> None:
    """Drop the PostgreSQL database `name`, disconnecting anyone still connected to it."""
    async with _autocommit(admin) as connection:
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )
        await connection.execute(text(f"DROP DATABASE IF EXISTS {_quoted(connection, name)}"))


async def truncate_all(db: Database) -> None:
    """Delete every row of every table but Alembic's, and restart the id sequences."""
    names = [table.name for table in metadata.sorted_tables]
    async with db.connect() as connection:
        if db.dialect == "postgresql":
            quoted = ", ".join(_quoted(connection, name) for name in names)
            await connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            # people and enterprises refer to each other: check references at commit only.
            await connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for table in reversed(metadata.sorted_tables):
                await connection.execute(table.delete())
        await connection.commit()


@asynccontextmanager
async def _autocommit(db: Database) -> AsyncIterator[Connection]:
    # CREATE and DROP DATABASE refuse to run inside a transaction.
    if db.dialect != "postgresql":
        raise ValueError("creating and dropping databases needs PostgreSQL")
    async with db.connect() as connection:
        yield await connection.execution_options(isolation_level="AUTOCOMMIT")


def _quoted(connection: Connection, name: str) -> str:
    if not DATABASE_NAME.match(name):
        raise ValueError(f"not a plain database or table name: {name!r}")
    return connection.dialect.identifier_preparer.quote(name)

"""Alembic environment: migrates the connection storage.migrate hands over, or a URL."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from storage.database import Database
from storage.tables import metadata

config = context.config


def run_on(connection: Connection) -> None:
    """Run the migrations on an open connection, inside its transaction."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot alter constraints in place; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def configured_url() -> str:
    """The URL for command-line use: sqlalchemy.url, else ZHIBAO_DATABASE_URL."""
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("ZHIBAO_DATABASE_URL")
    if not url:
        raise RuntimeError("set sqlalchemy.url or ZHIBAO_DATABASE_URL to run migrations")
    return url


async def run_on_url(url: str) -> None:
    """Open the database at `url`, migrate it in one transaction, and close it."""
    database = Database.open(url)
    try:
        async with database.connect() as connection:
            await connection.run_sync(run_on)
            await connection.commit()
    finally:
        await database.dispose()


def run_offline() -> None:
    """Write the migration SQL instead of running it (alembic upgrade --sql)."""
    context.configure(url=configured_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


shared = config.attributes.get("connection")
if shared is not None:
    run_on(shared)
elif context.is_offline_mode():
    run_offline()
else:
    asyncio.run(run_on_url(configured_url()))

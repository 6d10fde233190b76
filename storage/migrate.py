"""Schema migrations through Alembic, configured in code so any working directory works."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from storage.database import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: instances starting together on one PostgreSQL migrate one at a time.
MIGRATION_LOCK = 0x7A68_6962_616F


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped with this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(db: Database) -> list[str]:
    """Apply every pending revision in one transaction; returns the revisions applied."""
    async with db.connect() as connection:
        applied = await connection.run_sync(_upgrade)
        await connection.commit()
    return applied


async def pending(db: Database) -> list[str]:
    """Revisions not yet applied, in the order upgrade would apply them."""
    async with db.connect() as connection:
        todo = await connection.run_sync(_pending)
        await connection.rollback()
    return todo


async def current(db: Database) -> str | None:
    """The revision the database is at, or None for an empty database."""
    async with db.connect() as connection:
        revision = await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )
        await connection.rollback()
    return revision


def _upgrade(connection: Connection) -> list[str]:
    if connection.dialect.name == "postgresql":
        # SQLite needs no lock: BEGIN IMMEDIATE already serialises writers.
        connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
    todo = _pending(connection)
    if todo:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
    return todo


def _pending(connection: Connection) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    heads = MigrationContext.configure(connection).get_current_heads()
    revisions = script.iterate_revisions("heads", heads or "base")
    return [revision.revision for revision in reversed(list(revisions))]

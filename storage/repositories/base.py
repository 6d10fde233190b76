"""What every SQL repository shares: the unit of work's connection and dialect helpers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Executable, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, RowMapping
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection


class SqlRepository:
    """A repository bound to one connection and its open transaction; it never commits."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.connection.dialect.name

    async def execute(
        self, statement: Executable, parameters: Sequence[Mapping[str, Any]] | None = None
    ) -> CursorResult[*tuple[Any, ...]]:
        """Run a statement; a value refused before reaching the database raises as itself."""
        try:
            return await self.connection.execute(statement, parameters)
        except StatementError as exc:
            # SQLAlchemy wraps errors of bind processing (e.g. a naive datetime refused by
            # UtcDateTime); callers should see the ValueError/TypeError itself.
            if not isinstance(exc, DBAPIError) and isinstance(exc.orig, ValueError | TypeError):
                raise exc.orig from exc
            raise

    async def rows(self, statement: Executable) -> Sequence[RowMapping]:
        """All rows of a statement, as mappings of column name to value."""
        return (await self.execute(statement)).mappings().all()

    async def row(self, statement: Executable) -> RowMapping | None:
        """The first row of a statement, or None."""
        return (await self.execute(statement)).mappings().first()

    async def insert_id(self, table: Table, values: Mapping[str, Any]) -> int:
        """Insert one row and return its generated id."""
        statement = table.insert().values(**values).returning(table.c.id)
        return int((await self.execute(statement)).scalar_one())

    def insert_ignoring(
        self, table: Table, values: Mapping[str, Any], keys: Sequence[str]
    ) -> postgresql.Insert | sqlite.Insert:
        """INSERT ... ON CONFLICT (keys) DO NOTHING, which does not abort the transaction."""
        if self.dialect == "postgresql":
            pg_statement = postgresql.insert(table).values(**values)
            return pg_statement.on_conflict_do_nothing(index_elements=list(keys))
        lite_statement = sqlite.insert(table).values(**values)
        return lite_statement.on_conflict_do_nothing(index_elements=list(keys))

    def upsert(
        self,
        table: Table,
        values: Mapping[str, Any],
        keys: Sequence[str],
        where: ColumnElement[bool] | None = None,
    ) -> postgresql.Insert | sqlite.Insert:
        """INSERT ... ON CONFLICT (keys) DO UPDATE of every other column, if `where` holds."""
        updates = [name for name in values if name not in keys]
        if self.dialect == "postgresql":
            pg_statement = postgresql.insert(table).values(**values)
            pg_set = {name: pg_statement.excluded[name] for name in updates}
            return pg_statement.on_conflict_do_update(
                index_elements=list(keys), set_=pg_set, where=where
            )
        lite_statement = sqlite.insert(table).values(**values)
        lite_set = {name: lite_statement.excluded[name] for name in updates}
        return lite_statement.on_conflict_do_update(
            index_elements=list(keys), set_=lite_set, where=where
        )

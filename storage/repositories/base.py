"""What every SQL repository shares: the unit of work's connection and dialect helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Executable, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, RowMapping
from sqlalchemy.exc import DBAPIError, StatementError

from bot.domain.errors import DomainError
from storage.inline import Connection

# Statements built once and executed with parameters: building them anew on every call
# (values bound into the statement) costs more than the database round trip itself.
_STATEMENTS: dict[tuple[str, ...], Executable] = {}


class SqlRepository:
    """A repository bound to one connection and its open transaction; it never commits."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    @property
    def dialect(self) -> str:
        """The dialect's name: sqlite or postgresql."""
        return self.connection.dialect.name

    async def execute(
        self,
        statement: Executable,
        parameters: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
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

    async def rows(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[RowMapping]:
        """All rows of a statement, as mappings of column name to value."""
        return (await self.execute(statement, parameters)).mappings().all()

    async def row(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> RowMapping | None:
        """The first row of a statement, or None."""
        return (await self.execute(statement, parameters)).mappings().first()

    async def insert_id(self, table: Table, values: Mapping[str, Any]) -> int:
        """Insert one row and return its generated id."""
        sqlite_dialect = self.dialect == "sqlite"
        cache_key = ("insert_id", self.dialect, table.name)
        statement = _STATEMENTS.get(cache_key)
        if statement is None:
            plain = table.insert()
            # SQLite reports the new rowid without RETURNING, which saves fetching a row.
            statement = plain if sqlite_dialect else plain.returning(table.c.id)
            _STATEMENTS[cache_key] = statement
        result = await self.execute(statement, dict(values))
        if sqlite_dialect:
            return int(result.lastrowid)
        return int(result.scalar_one())

    async def insert_unique(
        self, table: Table, values: Mapping[str, Any], keys: Sequence[str], refusal: DomainError
    ) -> int:
        """Insert a row whose keys must be free; raise `refusal` if they are taken."""
        new_id = await self.insert_new(table, values, keys)
        if new_id is None:
            raise refusal
        return new_id

    async def insert_new(
        self, table: Table, values: Mapping[str, Any], keys: Sequence[str]
    ) -> int | None:
        """INSERT ... ON CONFLICT (keys) DO NOTHING: the new row's id, or None on a conflict.

        Tables without an id column answer 0 for a new row. A conflict does not abort the
        transaction, unlike a caught IntegrityError would on PostgreSQL.
        """
        has_id = "id" in table.c
        returning = has_id and self.dialect == "postgresql"
        cache_key = ("insert_new", self.dialect, table.name, *keys)
        statement = _STATEMENTS.get(cache_key)
        if statement is None:
            dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
            built = dialect_insert(table).on_conflict_do_nothing(index_elements=list(keys))
            statement = _STATEMENTS[cache_key] = (
                built.returning(table.c.id) if returning else built
            )
        result = await self.execute(statement, dict(values))
        if not returning:
            # SQLite: rowcount says whether the row went in, lastrowid which id it got.
            if not result.rowcount:
                return None
            return int(result.lastrowid) if has_id else 0
        found = result.scalar_one_or_none()
        return None if found is None else int(found)

    def upsert(
        self,
        name: str,
        table: Table,
        keys: Sequence[str],
        *,
        update: Sequence[str] = (),
        set_: Mapping[str, Any] | None = None,
        where: Callable[[Any], ColumnElement[bool]] | None = None,
        returning: ColumnElement[Any] | None = None,
    ) -> Executable:
        """INSERT ... ON CONFLICT (keys) DO UPDATE, built once per dialect under `name`.

        Run it with the row's values. The update sets `set_`, or else the `update` columns to
        the values offered; `where(excluded)` may compare the stored row with the offered one.
        Everything passed must be the same on every call with this name: it is cached.
        """
        cache_key = ("upsert", self.dialect, name)
        statement = _STATEMENTS.get(cache_key)
        if statement is not None:
            return statement
        dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        built = dialect_insert(table)
        changes = set_ or {column: built.excluded[column] for column in update}
        condition = where(built.excluded) if where is not None else None
        upserted = built.on_conflict_do_update(
            index_elements=list(keys), set_=changes, where=condition
        )
        statement = upserted.returning(returning) if returning is not None else upserted
        _STATEMENTS[cache_key] = statement
        return statement

"""Opening the database: URL normalisation, engine settings per dialect, reachability."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from storage.inline import Connection, InlineConnection
from storage.unit_of_work import SqlUnitOfWork

# SQLite through the standard library's driver, inline (see storage.inline); PostgreSQL async.
DRIVERS = {"sqlite": "sqlite+pysqlite", "postgresql": "postgresql+asyncpg"}
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    # FULL syncs the WAL on every commit: a committed change survives a power cut.
    "PRAGMA synchronous=FULL",
    # Never wait inside SQLite, which would hold up the event loop: a writer that finds the
    # database locked by another process is retried with asyncio sleeps (storage.inline).
    "PRAGMA busy_timeout=0",
)
# Connections kept open: the Telegram runtime handles up to 8 chats at once, each holding one.
POOL_SIZE = 10
# The execution option that marks a connection whose transaction only reads.
READ_ONLY = "zhibao_read_only"


class StorageError(Exception):
    """The database cannot be used: bad URL, unreachable server, missing file."""


def driver_url(url: str) -> URL:
    """The URL with the driver zhibao uses; a bare path or sqlite:/// path becomes absolute."""
    if "://" not in url:
        return make_url(f"{DRIVERS['sqlite']}:///{Path(url).expanduser().resolve()}")
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except ArgumentError as exc:
        raise StorageError(f"cannot parse database URL: {exc}") from exc
    backend = parsed.get_backend_name()
    if backend not in DRIVERS:
        raise StorageError(f"unsupported database {redacted(parsed)}: use sqlite or postgresql")
    parsed = parsed.set(drivername=DRIVERS[backend])
    database = parsed.database
    if backend == "sqlite" and _is_plain_path(database, parsed):
        # Resolved once, so a later change of working directory cannot move the database.
        parsed = parsed.set(database=str(Path(str(database)).expanduser().resolve()))
    return parsed


def _is_plain_path(database: str | None, parsed: URL) -> bool:
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    return "uri" not in parsed.query


def redacted(url: URL | str) -> str:
    """The URL as text with its password masked, safe for messages and logs."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True)


class Database:
    """An opened database: the engine and a factory of units of work."""

    def __init__(self, engine: AsyncEngine | Engine) -> None:
        self.engine = engine
        inline = isinstance(engine, Engine)
        # Writers take turns on SQLite; readers of a file database need not (WAL snapshots),
        # but an in-memory one is a single connection that everybody shares.
        self._turns = _Turns() if inline else None
        self._readers_wait = inline and not _is_plain_path(engine.url.database, engine.url)

    @classmethod
    def open(cls, url: str) -> Database:
        """Create the engine for `url` (sqlite path or URL, or postgresql URL); lazy."""
        parsed = driver_url(url)
        if parsed.get_backend_name() == "postgresql":
            options = {"pool_pre_ping": True, "connect_args": {"timeout": 10}}
            return cls(create_async_engine(parsed, pool_size=POOL_SIZE, **options))
        if not _is_plain_path(parsed.database, parsed):
            # In memory (or a URI): one connection, shared, that commits on a worker thread.
            shared = create_engine(
                parsed, poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
            return cls(_sqlite_engine(shared))
        folder = Path(str(parsed.database)).parent
        if not folder.is_dir():
            raise StorageError(f"cannot reach database {redacted(parsed)}: no folder {folder}")
        # Every unit of work ends its transaction itself: no extra rollback on return.
        engine = create_engine(
            parsed,
            pool_size=POOL_SIZE,
            pool_reset_on_return=None,
            # Commits run on a worker thread (storage.inline), one at a time per connection.
            connect_args={"check_same_thread": False},
        )
        return cls(_sqlite_engine(engine))

    @property
    def dialect(self) -> str:
        """The dialect's name: sqlite or postgresql."""
        return self.engine.dialect.name

    @property
    def sqlite_file(self) -> Path | None:
        """The file of an SQLite database (None for PostgreSQL or an in-memory one)."""
        url = self.engine.url
        if url.get_backend_name() != "sqlite" or not _is_plain_path(url.database, url):
            return None
        return Path(str(url.database))

    @property
    def url(self) -> str:
        """The URL with its password masked."""
        return redacted(self.engine.url)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A fresh unit of work over this database (a UnitOfWorkFactory)."""
        return SqlUnitOfWork(self.connect)

    @asynccontextmanager
    async def connect(self, read_only: bool = False) -> AsyncIterator[Connection]:
        """A pooled connection; failure to connect becomes a StorageError naming the URL.

        On SQLite, which has one writer, the writing connections of this process take turns
        on an asyncio lock. A `read_only` one begins a deferred transaction, which in WAL
        mode reads a snapshot, and waits for nobody.
        """
        if self._turns is None or (read_only and not self._readers_wait):
            async with self._connected() as connection:
                if read_only and self._turns is not None:
                    await connection.execution_options(**{READ_ONLY: True})
                yield connection
            return
        async with self._turns.lock(), self._connected() as connection:
            yield connection

    @asynccontextmanager
    async def _connected(self) -> AsyncIterator[Connection]:
        connection: Connection
        try:
            if isinstance(self.engine, Engine):
                connection = InlineConnection(self.engine.connect())
            else:
                connection = await self.engine.connect()
        except (DBAPIError, OSError, TimeoutError) as exc:
            raise StorageError(f"cannot reach database {self.url}: {_reason(exc)}") from exc
        try:
            yield connection
        finally:
            await connection.close()

    async def ping(self) -> None:
        """Check that the database answers; raises StorageError if it does not."""
        async with self.connect() as connection:
            await connection.execute(text("SELECT 1"))
            await connection.rollback()

    async def diagnostics(self) -> dict[str, str]:
        """Settings worth reporting (zhibao doctor): SQLite pragmas or the server version."""
        if self.dialect == "sqlite":
            names = ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
            queries = {name: f"PRAGMA {name}" for name in names}
        else:
            queries = {"server_version": "SHOW server_version"}
        async with self.connect() as connection:
            found = {
                name: str((await connection.exec_driver_sql(query)).scalar())
                for name, query in queries.items()
            }
            await connection.rollback()
        return found

    async def dispose(self) -> None:
        """Close every pooled connection."""
        if isinstance(self.engine, Engine):
            self.engine.dispose()
        else:
            await self.engine.dispose()


class _Turns:
    """One asyncio lock per event loop (a Database may outlive the loop it was first used in)."""

    def __init__(self) -> None:
        self._locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    def lock(self) -> asyncio.Lock:
        """The lock of the running loop."""
        loop = asyncio.get_running_loop()
        found = self._locks.get(loop)
        if found is None:
            self._locks = {
                known: lock for known, lock in self._locks.items() if not known.is_closed()
            }
            found = self._locks[loop] = asyncio.Lock()
        return found


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).strip() or type(exc).__name__


def _sqlite_engine(engine: Engine) -> Engine:
    # SQLAlchemy's documented recipe: the driver stops issuing BEGIN and we issue BEGIN
    # IMMEDIATE, so a transaction that reads and then writes holds the write lock from the
    # start instead of failing when it tries to upgrade. Read-only ones stay deferred.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine

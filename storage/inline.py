"""SQLite on the event loop's own thread, behind the awaitable methods storage uses.

An SQLite statement takes microseconds: handing it to aiosqlite's worker thread and back
(about four hops per statement, each a thread wake-up and a loop wake-up) cost fifty times
the statement itself, and several times a whole chat turn's other work. So SQLite runs inline:
each call below blocks the loop only as long as SQLite itself works. The one slow step, a
commit's fsync (synchronous=FULL), is handed to a worker thread: one hop per transaction.

What must not block is waiting for another process's write: a writer that finds the database
locked (another `zhibao` command writing) is retried here with asyncio sleeps, while the loop
serves everything else. Writers of this process never meet in SQLite at all: they take turns
on the Database's asyncio lock first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection as SyncConnection
from sqlalchemy import CursorResult, Dialect, Executable
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

# How long a writer waits for another process to finish writing, and how often it looks.
WRITE_WAIT_SECONDS = 30.0
FIRST_RETRY_SECONDS = 0.002
LAST_RETRY_SECONDS = 0.1

P = ParamSpec("P")
T = TypeVar("T")
Parameters = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


class InlineConnection:
    """A synchronous SQLAlchemy connection with AsyncConnection's awaitable methods."""

    def __init__(self, sync_connection: SyncConnection) -> None:
        self.sync_connection = sync_connection

    @property
    def dialect(self) -> Dialect:
        """The connection's dialect (sqlite)."""
        return self.sync_connection.dialect

    async def execute(
        self, statement: Executable, parameters: Parameters = None
    ) -> CursorResult[Any]:
        """Run a statement; the result is buffered, as AsyncConnection's is."""
        return self.sync_connection.execute(statement, parameters)

    async def exec_driver_sql(self, statement: str) -> CursorResult[Any]:
        """Run SQL text as the driver takes it."""
        return self.sync_connection.exec_driver_sql(statement)

    async def run_sync(
        self,
        function: Callable[Concatenate[SyncConnection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Call a function that takes the synchronous connection (Alembic's, say)."""
        return function(self.sync_connection, *args, **kwargs)

    async def execution_options(self, **options: Any) -> InlineConnection:
        """Set options for this connection's statements and transactions."""
        self.sync_connection.execution_options(**options)
        return self

    async def begin(self) -> None:
        """Begin the transaction, waiting (without blocking the loop) for another writer."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WRITE_WAIT_SECONDS
        pause = FIRST_RETRY_SECONDS
        while True:
            try:
                self.sync_connection.begin()
                return
            except OperationalError as error:
                if not _locked(error) or loop.time() + pause > deadline:
                    raise
            await asyncio.sleep(pause)
            pause = min(pause * 2, LAST_RETRY_SECONDS)

    def in_transaction(self) -> bool:
        """Whether a transaction is open."""
        return self.sync_connection.in_transaction()

    async def commit(self) -> None:
        """Commit the open transaction; its fsync runs on a worker thread, off the loop."""
        committing = asyncio.ensure_future(asyncio.to_thread(self.sync_connection.commit))
        try:
            await asyncio.shield(committing)
        except asyncio.CancelledError:
            # The thread cannot be stopped: let it finish with the connection before anyone
            # (the unit of work's rollback on the way out, say) touches it again.
            await committing
            raise

    async def rollback(self) -> None:
        """Roll the open transaction back."""
        self.sync_connection.rollback()

    async def close(self) -> None:
        """Give the connection back to the pool."""
        self.sync_connection.close()


# What storage code holds: PostgreSQL's asyncpg connection, or SQLite's inline one.
Connection = AsyncConnection | InlineConnection


def _locked(error: OperationalError) -> bool:
    name = getattr(error.orig, "sqlite_errorname", "")
    return name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "database is locked" in str(error.orig)

"""Data for bench.sweep: N open issues, D of them due, built with set-based SQL; and EXPLAIN.

One issue is filed through the services on Monday 2026-11-23 10:00 (Shanghai); its row is
then copied N − 1 times by one INSERT ... SELECT over a generated sequence (PostgreSQL
generate_series, SQLite a recursive CTE), each copy with its own code and no request key.
D − 1 copies, spread evenly over the ids, keep the original's clocks and wake-up time; with
the original they are the D issues due at NOW (Thursday 2026-11-26 10:00: the sign clock's
deadline and its level-2 escalation have passed, the reply clock's reminder has come). Every
other copy wakes in 2100: open, but not due. Timestamps are bound through UtcDateTime, so each
database stores them exactly as the application does (SQLite: naive UTC text).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, event, text

from bench.world import build_world
from bot.services.filing import FilingRequest, file_issue
from storage.column_types import UtcDateTime
from storage.database import Database
from storage.migrate import upgrade
from storage.tables import issues

FILED_AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday 10:00 in Shanghai
FAR = datetime(2100, 1, 1, tzinfo=UTC)
# Filled per copy; every other column is the original's.
OWN_COLUMNS = ("id", "code", "request_key", "wake_at")
COPIED = [column.name for column in issues.columns if column.name not in OWN_COLUMNS]
_TARGET = ", ".join([*COPIED, "code", "request_key", "wake_at"])
_VALUES = ", ".join(f"i.{name}" for name in COPIED)
# n runs from 2 to N: copy n is due if it is one of the D − 1 spread `stride` apart.
_WAKE = "CASE WHEN (n - 2) % :stride = 0 AND n - 2 < :stride * :due THEN i.wake_at ELSE :far END"
COPY = {
    "postgresql": (
        f"INSERT INTO issues ({_TARGET}) "
        f"SELECT {_VALUES}, 'ZB-2026-' || lpad(n::text, 7, '0'), NULL, {_WAKE} "
        "FROM bench_seed AS i CROSS JOIN generate_series(2, :last) AS n ORDER BY n"
    ),
    # A copy of the table itself would make SQLite buffer the whole result first.
    "sqlite": (
        "WITH RECURSIVE seq(n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM seq WHERE n < :last) "
        f"INSERT INTO issues ({_TARGET}) "
        f"SELECT {_VALUES}, printf('ZB-2026-%07d', n), NULL, {_WAKE} "
        "FROM bench_seed AS i CROSS JOIN seq"
    ),
}
SEED = "CREATE TEMPORARY TABLE bench_seed AS SELECT * FROM issues WHERE id = :id"


async def file_original(db: Database) -> int:
    """Migrate, build the small world, and file the one issue the copies are made from."""
    await upgrade(db)
    world = await build_world(db.unit_of_work)
    request = FilingRequest(text="电解铝项目用电报装迟迟没有批复", project_id=world.project_id)
    filed = await file_issue(db.unit_of_work(), world.ctx, world.member_id, request, FILED_AT)
    assert filed.issue.id is not None
    return filed.issue.id


async def load(db: Database, size: int, due: int) -> float:
    """Fill the database with `size` open issues, `due` of them due at NOW; seconds taken."""
    if not due <= size:
        raise ValueError(f"{due} due issues cannot fit in {size}")
    started = time.perf_counter()
    original = await file_original(db)
    stride = max(1, (size - 1) // max(1, due - 1))
    copy = text(COPY[db.dialect]).bindparams(bindparam("far", FAR, type_=UtcDateTime()))
    values = {"last": size, "stride": stride, "due": due - 1}
    async with db.connect() as connection:
        await connection.execute(text(SEED), {"id": original})
        await connection.execute(copy, values)
        await connection.execute(text("DROP TABLE bench_seed"))
        await connection.commit()
    async with db.connect() as connection:
        if db.dialect == "postgresql":
            # VACUUM too, so that autovacuum does not pick the fresh table up mid-measurement.
            automatic = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await automatic.execute(text("VACUUM (ANALYZE) issues"))
            # Written out now rather than by a checkpoint during the sweep.
            await automatic.execute(text("CHECKPOINT"))
        else:
            await connection.execute(text("ANALYZE"))
            await connection.commit()
            # Outside any transaction, on the driver's connection: fold the WAL in and empty it.
            await connection.run_sync(_checkpoint)
    return time.perf_counter() - started


def _checkpoint(sync: Any) -> None:
    sync.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


async def count(db: Database) -> tuple[int, int]:
    """Issues in all, and issues due at NOW."""
    due = text("SELECT count(*) FROM issues WHERE wake_at <= :now").bindparams(
        bindparam("now", NOW, type_=UtcDateTime())
    )
    async with db.connect(read_only=True) as connection:
        total = (await connection.execute(text("SELECT count(*) FROM issues"))).scalar_one()
        found = (await connection.execute(due)).scalar_one()
        await connection.rollback()
    return int(total), int(found)


Captured = dict[str, Any]


def capture(db: Database) -> Captured:
    """Record each distinct SQL statement the engine runs from now on, with its first
    parameters as the driver got them (one dictionary look-up per statement)."""
    seen: Captured = {}
    engine = db.engine if isinstance(db.engine, Engine) else db.engine.sync_engine

    def note(_c: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement not in seen:
            seen[statement] = parameters

    event.listen(engine, "before_cursor_execute", note)
    return seen


def shorten(statement: str) -> str:
    """The statement on one line, a long select list (or values list) elided."""
    flat = " ".join(statement.split())
    return re.sub(r"(SELECT|VALUES) ([^()]{60,}?) (FROM|ON CONFLICT)", r"\1 … \3", flat)[:300]


async def explain(db: Database, statements: Captured, out: Callable[[str], None]) -> None:
    """The plan of each captured statement on its first parameters (never carried out)."""
    prefix = "EXPLAIN QUERY PLAN " if db.dialect == "sqlite" else "EXPLAIN "
    async with db.connect(read_only=True) as connection:
        for statement, parameters in list(statements.items()):
            if not statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
                continue

            def plan(sync: Any, sql: str = statement, values: Any = parameters) -> list[Any]:
                return list(sync.exec_driver_sql(prefix + sql, values).all())

            rows = await connection.run_sync(plan)
            out(f"-- {shorten(statement)}")
            for row in rows:
                out("   " + (str(row[-1]) if db.dialect == "sqlite" else str(row[0])))
            if not rows:
                out("   (no plan rows: a single-row insert)")
        await connection.rollback()

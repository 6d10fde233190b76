"""10,000 issues through file → claim → reply → resolve → confirm, on SQLite and PostgreSQL.

Prints, per database, lifecycles per second and the ratio of one service action's mean cost
to a bare single-row insert-and-commit through the same engine, measured in the same run.
Usage: python -m bench.lifecycle [--issues N] [--postgres URL] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from bench.world import World, build_world
from bot.services import follow_up, teamwork
from bot.services.filing import FilingRequest, file_issue
from storage.database import Database
from storage.migrate import upgrade
from storage.provisioning import create_database, drop_database

ACTIONS_PER_LIFECYCLE = 5
CHUNKS = 20
PROBE = Table(
    "bench_probe", MetaData(), Column("id", Integer, primary_key=True), Column("v", String)
)


async def bare_insert_cost(db: Database, count: int) -> float:
    """Mean seconds of one single-row INSERT and COMMIT on a pooled connection."""
    async with db.connect() as connection:
        await connection.run_sync(PROBE.metadata.create_all)
        await connection.commit()
    statement = insert(PROBE)
    started = time.perf_counter()
    for n in range(count):
        async with db.connect() as connection:
            await connection.begin()
            await connection.execute(statement, {"v": f"probe {n}"})
            await connection.commit()
    return (time.perf_counter() - started) / count


async def run_lifecycles(db: Database, world: World, issues: int, first: int = 0) -> float:
    """Seconds taken by `issues` full lifecycles (numbered from `first`), one after another."""
    clock = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # a Monday morning in Shanghai
    new_uow = db.unit_of_work
    ctx = world.ctx
    started = time.perf_counter()
    for n in range(first, first + issues):
        now = clock + timedelta(seconds=n)
        request = FilingRequest(text=f"电解铝项目用电报装第{n}号问题", project_id=world.project_id)
        filed = await file_issue(new_uow(), ctx, world.member_id, request, now)
        code = filed.issue.code
        await teamwork.claim(new_uow(), ctx, world.officer_id, code, now)
        await teamwork.reply(new_uow(), ctx, world.officer_id, code, "已联系供电公司", now)
        await teamwork.resolve(new_uow(), ctx, world.officer_id, code, "已完成报装", now)
        await follow_up.confirm(new_uow(), ctx, world.member_id, code, now)
    return time.perf_counter() - started


async def measure(label: str, db: Database, issues: int) -> None:
    """Migrate, seed, and print one database's figures.

    Lifecycles and bare inserts alternate in CHUNKS slices, so that a shared machine getting
    busier or quieter during the run weighs on both sides of the ratio alike.
    """
    await upgrade(db)
    world = await build_world(db.unit_of_work)
    probes = max(500, issues // 5)
    elapsed = bare_total = 0.0
    ratios: list[float] = []
    for chunk in range(CHUNKS):
        first, last = issues * chunk // CHUNKS, issues * (chunk + 1) // CHUNKS
        count = probes * (chunk + 1) // CHUNKS - probes * chunk // CHUNKS
        seconds = await run_lifecycles(db, world, last - first, first)
        bare_cost = await bare_insert_cost(db, count)
        elapsed, bare_total = elapsed + seconds, bare_total + bare_cost * count
        ratios.append(seconds / ((last - first) * ACTIONS_PER_LIFECYCLE) / bare_cost)
    bare = bare_total / probes
    action = elapsed / (issues * ACTIONS_PER_LIFECYCLE)
    print(
        f"lifecycle[{label}]: {issues} lifecycles in {elapsed:.1f} s, "
        f"{issues / elapsed:.1f} lifecycles/s, action {action * 1000:.3f} ms, "
        f"bare insert+commit {bare * 1000:.3f} ms, ratio {action / bare:.2f} "
        f"(slices {min(ratios):.2f} to {max(ratios):.2f})",
        flush=True,
    )


async def main(args: argparse.Namespace) -> None:
    """Run on SQLite, then on a scratch PostgreSQL database."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(str(Path(folder) / "bench.db"))
        try:
            await measure("sqlite", db, args.issues)
        finally:
            await db.dispose()
    if args.sqlite_only:
        return
    admin = Database.open(args.postgres)
    name = f"zhibao_bench_{secrets.token_hex(4)}"
    await create_database(admin, name)
    db = Database.open(args.postgres.rsplit("/", 1)[0] + "/" + name)
    try:
        await measure("postgresql", db, args.issues)
    finally:
        await db.dispose()
        await drop_database(admin, name)
        await admin.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=10_000)
    default_pg = os.environ.get(
        "ZHIBAO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    parser.add_argument("--postgres", default=default_pg, help="an admin URL of a server")
    parser.add_argument("--sqlite-only", action="store_true")
    asyncio.run(main(parser.parse_args()))

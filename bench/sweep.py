"""One deadline sweep at 10,000 and at 1,000,000 open issues, on SQLite and PostgreSQL.

The sweep reads only the issues whose wake_at has come, through ix_issues_wake_at_id, so with
the same D = 200 issues due its cost should not grow with the issues that are not. The data
is built with set-based SQL (bench.sweep_data), then one sweep runs in a fresh child process
(`--child URL`) that imports everything, opens the database and builds the context first, so
the baseline is alike at every size; it prints the sweep's wall time and ru_maxrss after it.
Prints per database and size the time, peak RSS and issues swept, and last the ratios of the
largest size to the smallest, the worse database's for each. `--explain` prints the plan of
every statement the largest sweep ran, on each database.
Usage: python -m bench.sweep [--sizes 10000,1000000] [--postgres URL] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.sweep_data import NOW, capture, count, explain, load
from bot.bootstrap import build_context
from bot.config import default_settings
from bot.services.sweep import sweep
from storage.database import Database
from storage.provisioning import create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
DUE = 200
CHILD_SECONDS = 600.0
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


@dataclass(frozen=True)
class Figures:
    """One sweep, as its child process measured it."""

    label: str
    size: int
    load: float
    seconds: float
    rss_kb: int
    baseline_kb: int
    issues: int
    actions: int


def max_rss_kb() -> int:
    """This process's peak resident set so far, in KiB (Linux units)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def child(url: str, plans: bool) -> None:
    """Open the database, sweep once at NOW, print the figures as JSON (plans before)."""
    db = Database.open(url)
    try:
        ctx = build_context(default_settings())
        await db.ping()
        statements = capture(db)
        baseline = max_rss_kb()
        started = time.perf_counter()
        report = await sweep(db.unit_of_work, ctx, NOW)
        seconds = time.perf_counter() - started
        rss = max_rss_kb()
        if plans:
            await explain(db, statements, print)
    finally:
        await db.dispose()
    figures = {"seconds": seconds, "rss_kb": rss, "baseline_kb": baseline}
    figures |= {"issues": report.issues, "actions": report.actions, "skipped": report.skipped}
    print(json.dumps(figures), flush=True)


async def run_child(url: str, plans: bool) -> dict[str, Any]:
    """One sweep in a fresh interpreter; its plan lines are printed, its figures returned."""
    argv = [sys.executable, "-m", "bench.sweep", "--child", url] + (["--explain"] * plans)
    # Linux carries a process's peak RSS over fork and exec into its child's ru_maxrss: a
    # child started from this process, which loaded the data, would report this one's peak.
    # A small launcher in between starts the sweep's process with a clean count.
    argv = [sys.executable, "-c", LAUNCHER, *argv]
    process = await asyncio.create_subprocess_exec(
        *argv, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), CHILD_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise BenchError(f"the sweep took over {CHILD_SECONDS:.0f} s") from None
    if process.returncode != 0:
        tail = err.decode(errors="replace")[-3000:]
        raise BenchError(f"the sweep's process exited with {process.returncode}:\n{tail}")
    *lines, last = out.decode().splitlines()
    for line in lines:
        print(f"  {line}", flush=True)
    found: dict[str, Any] = json.loads(last)
    return found


async def measure(label: str, db: Database, url: str, size: int, plans: bool) -> Figures:
    """Build the data, check it, close the parent's connections, and sweep in a child."""
    try:
        loading = await load(db, size, DUE)
        total, due = await count(db)
    finally:
        await db.dispose()
    # The loaded data on disk before the sweep, whose commits would otherwise wait for it.
    await asyncio.to_thread(os.sync)
    if (total, due) != (size, DUE):
        raise BenchError(f"{label}: built {total} issues, {due} due; wanted {size}, {DUE}")
    if plans:
        print(f"sweep[{label} {size}]: plans of the statements the sweep ran", flush=True)
    found = await run_child(url, plans)
    figures = Figures(
        label,
        size,
        loading,
        found["seconds"],
        found["rss_kb"],
        found["baseline_kb"],
        found["issues"],
        found["actions"],
    )
    print(
        f"sweep[{label} {size}]: loaded in {loading:.1f} s; sweep {figures.seconds * 1000:.0f} ms,"
        f" rss {figures.rss_kb / 1024:.1f} MiB (before the sweep "
        f"{figures.baseline_kb / 1024:.1f} MiB), issues {figures.issues}/{DUE}, "
        f"actions {figures.actions}, skipped {found['skipped']}",
        flush=True,
    )
    if figures.issues != DUE:
        raise BenchError(f"{label} {size}: the sweep processed {figures.issues}, not {DUE}")
    return figures


async def run_sqlite(sizes: list[int], plans: bool) -> list[Figures]:
    """Each size in its own temporary file, removed after its sweep."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="zhibao-sweep-") as folder:
            path = str(Path(folder) / "bench.db")
            last = plans and size == max(sizes)
            results.append(await measure("sqlite", Database.open(path), path, size, last))
    return results


async def run_postgres(admin_url: str, sizes: list[int], plans: bool) -> list[Figures]:
    """Each size in its own scratch database, dropped after its sweep."""
    admin = Database.open(admin_url)
    results = []
    try:
        for size in sizes:
            name = f"zhibao_bench_{secrets.token_hex(4)}"
            await create_database(admin, name)
            url = admin_url.rsplit("/", 1)[0] + "/" + name
            try:
                last = plans and size == max(sizes)
                results.append(await measure("postgresql", Database.open(url), url, size, last))
            finally:
                await drop_database(admin, name)
    finally:
        await admin.dispose()
    return results


def short(size: int) -> str:
    """10000 → 10k, 1000000 → 1M."""
    for unit, name in ((1_000_000, "M"), (1_000, "k")):
        if size >= unit and size % unit == 0:
            return f"{size // unit}{name}"
    return str(size)


async def main(args: argparse.Namespace) -> None:
    """Every database and size, then the ratios of the largest size to the smallest."""
    sizes = sorted(set(args.sizes))
    databases = [await run_sqlite(sizes, args.explain)]
    if not args.sqlite_only:
        databases.append(await run_postgres(args.postgres, sizes, args.explain))
    time_ratio = max(figures[-1].seconds / figures[0].seconds for figures in databases)
    rss_ratio = max(figures[-1].rss_kb / figures[0].rss_kb for figures in databases)
    print(
        f"sweep: time ratio {short(sizes[-1])}/{short(sizes[0])} {time_ratio:.2f}, "
        f"rss ratio {rss_ratio:.2f}",
        flush=True,
    )


def parse_sizes(value: str) -> list[int]:
    """A comma-separated list of issue counts, each at least DUE."""
    sizes = [int(part) for part in value.split(",") if part.strip()]
    if len(sizes) < 2 or min(sizes) < DUE:
        raise argparse.ArgumentTypeError(f"give two or more sizes, each at least {DUE}")
    return sizes


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=[10_000, 1_000_000])
    default_pg = os.environ.get(
        "ZHIBAO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    parser.add_argument("--postgres", default=default_pg, help="an admin URL of a server")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--explain", action="store_true", help="plans of the largest sweep")
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    try:
        if arguments.child:
            asyncio.run(child(arguments.child, arguments.explain))
        else:
            asyncio.run(main(arguments))
    except BenchError as error:
        sys.exit(f"sweep: error: {error}")

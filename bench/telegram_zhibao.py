"""The zhibao folder of bench.telegram_inbound: `zhibao init`, seeding, counting afterwards.

`prepare` runs `zhibao init` in a fresh folder, then this module as its own process:
python -m bench.telegram_zhibao FOLDER --first-user ID --users N
which adds an alu officer and the government office desk and, for each Telegram user id ID,
ID+1, ..., one enterprise whose first member is that user (ChannelIdentity("telegram", id))
with exactly one alu project, so /new skips the project question. All through the use cases;
the database is closed when the process ends, before the bot process opens it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bot.bootstrap import build_context
from bot.config import load_settings
from bot.domain.credit_code import check_character
from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.services.context import Context
from bot.services.directory import NewOfficial, add_official
from bot.services.ports import UnitOfWorkFactory
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)
from storage.database import Database

CHANNEL = "telegram"
DIVISION = "91350100"  # "9" + "1" (an enterprise) + a Fuzhou division code
ROOT = Path(__file__).resolve().parent.parent
PREPARE_SECONDS = 120.0


class PrepareError(Exception):
    """`zhibao init` or the seeding failed; the message holds their output."""


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    """This environment without ZHIBAO_* settings (the folder's zhibao.toml rules), plus extra."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("ZHIBAO_")}
    return {**kept, **extra}


def prepare(folder: Path, first_user: int, members: int) -> list[str]:
    """`zhibao init` in a fresh folder, then seeding; returns the `zhibao run` command."""
    zhibao = Path(sys.executable).with_name("zhibao")
    if not zhibao.exists():
        raise PrepareError(f"no {zhibao}: install the project into this virtualenv")
    folder.mkdir(parents=True)
    seeding = [sys.executable, "-m", "bench.telegram_zhibao", str(folder)]
    seeding += ["--first-user", str(first_user), "--users", str(members)]
    for argv, cwd in (([str(zhibao), "init"], folder), (seeding, ROOT)):
        done = subprocess.run(
            argv,
            cwd=cwd,
            env=clean_env({}),
            capture_output=True,
            text=True,
            timeout=PREPARE_SECONDS,
            check=False,
        )
        if done.returncode != 0:
            raise PrepareError(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
        print(done.stdout.strip(), flush=True)
    return [str(zhibao), "run"]


def count_rows(database: Path) -> tuple[int, int]:
    """Issues filed and inbox updates handled, read after the bot has stopped."""
    with closing(sqlite3.connect(database)) as db:
        issues = db.execute("SELECT count(*) FROM issues").fetchone()[0]
        handled = db.execute("SELECT count(*) FROM inbox WHERE handled_at IS NOT NULL")
        return int(issues), int(handled.fetchone()[0])


def credit_code(number: int) -> str:
    """A valid, distinct unified social credit code for enterprise `number`."""
    first17 = f"{DIVISION}B{number:08d}"
    return first17 + check_character(first17)


async def add_officials(new_uow: UnitOfWorkFactory) -> None:
    """The people an issue is routed to (as in bench.world)."""
    officer = NewOfficial("Officer", frozenset({Role.OFFICER}), task_forces=("alu",))
    await add_official(new_uow(), OPERATOR, officer)
    desk = NewOfficial("Desk", frozenset({Role.OFFICE}), key="government-office")
    await add_official(new_uow(), OPERATOR, desk)


async def add_member(new_uow: UnitOfWorkFactory, ctx: Context, user_id: int) -> None:
    """One enterprise whose admin member is this Telegram user, with one project."""
    registration = EnterpriseRegistration(
        f"基准铝业{user_id}有限公司",
        credit_code(user_id % 100_000_000),
        f"联系人{user_id}",
        language="zh",
        identity=ChannelIdentity(CHANNEL, str(user_id)),
    )
    enterprise, member = await register_enterprise(new_uow(), registration, datetime.now(UTC))
    assert enterprise.id is not None and member.id is not None
    project = ProjectRegistration(
        enterprise.id, f"铝箔扩建{user_id}", "alu", investment_amount="500000000"
    )
    await register_project(new_uow(), ctx, member.id, project)


async def seed(folder: Path, first_user: int, users: int) -> None:
    """Officials and `users` enterprise members in the folder's database."""
    settings = load_settings(folder / "zhibao.toml")
    database = Database.open(str(folder / "zhibao.db"))
    try:
        ctx = build_context(settings)
        await add_officials(database.unit_of_work)
        for user_id in range(first_user, first_user + users):
            await add_member(database.unit_of_work, ctx, user_id)
    finally:
        await database.dispose()


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and seed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--first-user", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    asyncio.run(seed(args.folder, args.first_user, args.users))
    seconds = time.perf_counter() - started
    print(f"seeded {args.users} enterprise members in {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    main()

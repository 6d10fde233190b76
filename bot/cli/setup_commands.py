"""`zhibao init` and `zhibao db upgrade`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from bot.bootstrap import bootstrap, configured_task_forces
from bot.cli.output import settings_of
from bot.config import default_config_text, load_settings
from bot.domain.people import CHANNEL_NAMES, TELEGRAM
from bot.services.directory import sync_task_forces
from storage.migrate import upgrade


def register(commands: Any) -> None:
    """Add the set-up commands to the parser."""
    init = commands.add_parser("init", help="write zhibao.toml if missing, create the database")
    init.set_defaults(handler=run_init)
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply pending migrations").set_defaults(
        handler=run_upgrade
    )


async def run_init(args: argparse.Namespace) -> int:
    """Write the default configuration if there is none, migrate, load task forces."""
    path: Path = args.config or Path(os.environ.get("ZHIBAO_CONFIG") or "zhibao.toml")
    print(f"configuration: {write_default_config(path)}")
    settings = load_settings(path)
    app = bootstrap(settings)
    try:
        applied = await upgrade(app.database)
        print(f"database: {_describe_migrations(applied)}")
        synced = await sync_task_forces(app.uow(), configured_task_forces(settings))
        print(f"task forces: {', '.join(synced.changes) if synced.changes else 'up to date'}")
        for conflict in synced.conflicts:
            label = CHANNEL_NAMES.get(conflict.channel, conflict.channel)
            option = "" if conflict.channel == TELEGRAM else f" --channel {conflict.channel}"
            print(
                f"task force {conflict.code}: keeps its {label} group {conflict.kept} from the "
                f"database; {path} says {conflict.configured}, which applies only to a task "
                f"force without a group there (change it with `zhibao taskforce group "
                f"{conflict.code} CHAT_ID{option}`)"
            )
    finally:
        await app.close()
    return 0


def write_default_config(path: Path) -> str:
    """Write the default zhibao.toml unless the file exists; say what happened."""
    if path.exists():
        return f"{path} (kept)"
    path.write_text(default_config_text(), encoding="utf-8")
    return f"wrote {path}"


async def run_upgrade(args: argparse.Namespace) -> int:
    """Apply pending migrations (creating the database if it does not exist)."""
    app = bootstrap(settings_of(args))
    try:
        applied = await upgrade(app.database)
    finally:
        await app.close()
    print(f"database: {_describe_migrations(applied)}")
    return 0


def _describe_migrations(applied: list[str]) -> str:
    return f"applied {', '.join(applied)}" if applied else "up to date"

"""Printing tables and JSON for the command line, and opening the app for a command."""

from __future__ import annotations

import argparse
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from bot.bootstrap import App, bootstrap
from bot.config import Settings, load_settings
from storage.migrate import pending


class CommandError(Exception):
    """A command cannot do what was asked; the message says why."""


def settings_of(args: argparse.Namespace) -> Settings:
    """The configuration the command runs with."""
    return load_settings(args.config)


@asynccontextmanager
async def opened(args: argparse.Namespace) -> AsyncIterator[App]:
    """The app for one command on a ready database, closed afterwards."""
    app = bootstrap(settings_of(args))
    try:
        await require_ready(app)
        yield app
    finally:
        await app.close()


async def require_ready(app: App) -> None:
    """Refuse to work on a database that does not exist yet or is not migrated."""
    problem = await readiness_problem(app)
    if problem is not None:
        raise CommandError(problem)


async def readiness_problem(app: App) -> str | None:
    """Why the database cannot be used yet, or None; never creates anything."""
    file = app.database.sqlite_file
    if file is not None and not file.exists():
        return f"no database at {file}; run `zhibao init` first"
    waiting = await pending(app.database)
    if waiting:
        return f"the database needs {len(waiting)} migration(s); run `zhibao db upgrade`"
    return None


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned table; wide (CJK) characters count twice."""
    cells = [[_text(c) for c in row] for row in rows]
    widths = [_width(h) for h in headers]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
    print(_line(headers, widths))
    for row in cells:
        print(_line(row, widths))
    if not rows:
        print("(none)")


def print_json(data: Any) -> None:
    """JSON with dates as ISO strings and Chinese left readable."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=_plain, sort_keys=True))


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set | tuple):
        return sorted(value) if not isinstance(value, tuple) else list(value)
    raise TypeError(f"cannot show {type(value).__name__} as JSON")


def _text(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)]
    return "  ".join(padded).rstrip()

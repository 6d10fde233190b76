"""`zhibao init`, `zhibao db upgrade` and `zhibao doctor`."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.bootstrap import App, bootstrap, configured_task_forces
from bot.cli.output import readiness_problem, settings_of
from bot.config import default_config_text, load_settings
from bot.domain.calendar import Duration
from bot.services.directory import sync_task_forces
from storage.database import StorageError
from storage.migrate import upgrade

COVERAGE_DAYS = 60


def register(commands: Any) -> None:
    """Add the set-up commands to the parser."""
    init = commands.add_parser("init", help="write zhibao.toml if missing, create the database")
    init.set_defaults(handler=run_init)
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply pending migrations").set_defaults(
        handler=run_upgrade
    )
    doctor = commands.add_parser("doctor", help="check configuration, database and calendar")
    doctor.set_defaults(handler=run_doctor)


async def run_init(args: argparse.Namespace) -> int:
    """Write the default configuration if there is none, migrate, load task forces."""
    path: Path = args.config or Path(os.environ.get("ZHIBAO_CONFIG") or "zhibao.toml")
    print(f"configuration: {write_default_config(path)}")
    settings = load_settings(path)
    app = bootstrap(settings)
    try:
        applied = await upgrade(app.database)
        print(f"database: {_describe_migrations(applied)}")
        changes = await sync_task_forces(app.uow(), configured_task_forces(settings))
        print(f"task forces: {', '.join(changes) if changes else 'up to date'}")
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


async def run_doctor(args: argparse.Namespace) -> int:
    """Report every problem found; exit 1 if any is an error."""
    settings = settings_of(args)
    report = Report()
    report.ok(f"configuration: {settings.source or 'built-in defaults (run zhibao init)'}")
    app = bootstrap(settings)
    try:
        await _check_database(app, report)
    finally:
        await app.close()
    _check_calendar(app, report, datetime.now(UTC))
    for line in report.lines:
        print(line)
    print(f"{report.errors} error(s), {report.warnings} warning(s)")
    return 1 if report.errors else 0


class Report:
    """Lines of a doctor run, counted by severity."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.errors = 0
        self.warnings = 0

    def ok(self, text: str) -> None:
        """A check that passed."""
        self.lines.append(f"ok       {text}")

    def warn(self, text: str) -> None:
        """Something that works but needs attention."""
        self.warnings += 1
        self.lines.append(f"WARNING  {text}")

    def error(self, text: str) -> None:
        """Something that stops the product from working."""
        self.errors += 1
        self.lines.append(f"ERROR    {text}")


async def _check_database(app: App, report: Report) -> None:
    try:
        problem = await readiness_problem(app)
    except StorageError as error:
        report.error(f"database: {error}")
        return
    if problem is not None:
        report.error(f"database: {problem}")
        return
    report.ok(f"database: {app.database.dialect}, migrations up to date")
    async with app.uow() as uow:
        codes = {t.code for t in await uow.task_forces.all() if t.active}
        wanted = {t.code for t in app.settings.task_forces}
        missing = sorted(wanted - codes)
        keys = (*app.settings.direct_report_recipients, *app.settings.dispatch_desk)
        unknown = [k for k in dict.fromkeys(keys) if await uow.people.by_key(k) is None]
    if missing:
        report.error(f"task forces not loaded: {', '.join(missing)}; run `zhibao init`")
    else:
        report.ok(f"task forces: {len(codes)} active")
    for key in unknown:
        report.warn(
            f"no person with key {key!r}, which the configuration names; add them with "
            f"`zhibao person add --key {key} …`"
        )


def _check_calendar(app: App, report: Report, now: datetime) -> None:
    calendar = app.ctx.calendar
    today = now.astimezone(calendar.tz).date()
    horizon = today + timedelta(days=COVERAGE_DAYS)
    years = calendar.uncovered_years(today, horizon)
    if years:
        report.warn(
            f"calendar: no holiday data for {', '.join(map(str, years))}, within the next "
            f"{COVERAGE_DAYS} days; deadlines there count only weekends as days off. Add the "
            "official holidays and make-up days to [calendar] in zhibao.toml"
        )
    else:
        report.ok(f"calendar: holidays known through {horizon.isoformat()}")
    cap = app.settings.policy.base.extension_cap
    latest = calendar.deadline(now, cap).date()
    later = [y for y in calendar.uncovered_years(today, latest) if y not in years]
    if later:
        report.warn(
            f"calendar: an issue filed today may run until {latest} ({_days(cap)}), "
            f"into {', '.join(map(str, later))}, which no holiday source covers yet"
        )


def _days(cap: Duration) -> str:
    return f"the {cap} extension cap"


def _describe_migrations(applied: list[str]) -> str:
    return f"applied {', '.join(applied)}" if applied else "up to date"

"""`zhibao doctor`: configuration, database, the people the product needs, holiday coverage."""

from __future__ import annotations

import argparse
import os
import shlex
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.bootstrap import App, bootstrap
from bot.cli.arguments import add_at_option, now_of
from bot.cli.issue_views import uncovered_deadlines
from bot.cli.names import channel_label
from bot.cli.output import readiness_problem, settings_of
from bot.config import Settings
from bot.domain.model import OPEN_STATES, Issue, TaskForce
from bot.domain.people import OPERATOR, Person, Role, channels_of
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues
from storage.database import StorageError

COVERAGE_DAYS = 60
PAGE = 500
# How many issues an error names before it says "and N more".
NAMED = 5
CALENDAR_HELP = "transcribe the State Council's notice into [calendar] (docs/calendar.md)"
# Characters that make a name need quoting on a shell's command line.
SHELL_SPECIAL = frozenset("'\"\\$`!*?&|;<>(){}[]#~")


def register(commands: Any) -> None:
    """Add the doctor command to the parser."""
    doctor = commands.add_parser(
        "doctor", help="check configuration, database, office desk and holiday coverage"
    )
    add_at_option(doctor)
    doctor.set_defaults(handler=run_doctor)


async def run_doctor(args: argparse.Namespace) -> int:
    """Report every problem found; exit 1 if any is an error."""
    settings = settings_of(args)
    report = Report()
    report.ok(f"configuration: {settings.source or 'built-in defaults (run zhibao init)'}")
    for warning in settings.warnings:
        report.warn(f"configuration: {warning}")
    _check_channels(settings, os.environ, report)
    app = bootstrap(settings)
    now = now_of(args, app.ctx.calendar)
    try:
        if await _check_database(app, report):
            await _check_deadlines(app, report, now)
    finally:
        await app.close()
    _check_calendar(app, report, now)
    for line in report.lines:
        print(line)
    print(f"{report.errors} error(s), {report.warnings} warning(s)")
    return 1 if report.errors else 0


def _check_channels(settings: Settings, environ: Mapping[str, str], report: Report) -> None:
    """Which channels the city runs, and whether each has what it needs to serve."""
    token = environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    wecom = settings.wecom
    if not settings.telegram_enabled and not wecom.enabled:
        report.error("channels: Telegram and WeCom are both disabled; the bot reaches nobody")
        return
    if settings.telegram_enabled:
        where = "with TELEGRAM_BOT_TOKEN" if token else "without TELEGRAM_BOT_TOKEN (the sandbox)"
        report.ok(f"channels: Telegram enabled, {where}")
    if wecom.enabled and wecom.configured:
        report.ok(f"channels: WeCom app {wecom.agent_id} of {wecom.corp_id} at {wecom.base_url}")
    elif wecom.enabled and (wecom.corp_id or wecom.secret or wecom.agent_id):
        report.error(
            f"channels: the WeCom app is configured in part; set {', '.join(wecom.missing())}"
        )
    elif wecom.enabled:
        report.ok("channels: WeCom enabled without an app (the local emulator stands in)")


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


async def _check_database(app: App, report: Report) -> bool:
    """Check the database and the directory in it; True if it can be read."""
    try:
        problem = await readiness_problem(app)
    except StorageError as error:
        report.error(f"database: {error}")
        return False
    if problem is not None:
        report.error(f"database: {problem}")
        return False
    report.ok(f"database: {app.database.dialect}, migrations up to date")
    async with app.uow().reading() as uow:
        codes = {t.code for t in await uow.task_forces.all() if t.active}
        offices = await uow.people.with_role(Role.OFFICE)
    missing = sorted({t.code for t in app.settings.task_forces} - codes)
    if missing:
        report.error(f"task forces not loaded: {', '.join(missing)}; run `zhibao init`")
    else:
        report.ok(f"task forces: {len(codes)} active")
    if offices:
        report.ok(f"office desk: {len(offices)} person(s) with the office role")
    else:
        report.warn(
            "office desk: nobody holds the office role, so nobody can dispatch issues that "
            "routing could not place or read direct reports; create invites with "
            "`zhibao invite create --role office`"
        )
    await _check_joined(app, report)
    await _check_groups(app, report)
    return True


async def _check_joined(app: App, report: Report) -> None:
    """A warning for each official who must act and has no chat account: the lead, the
    supervising leader and the officers of an active task force, and the office desk."""
    async with app.uow().reading() as uow:
        teams = [t for t in await uow.task_forces.all() if t.active]
        people = await uow.people.with_role(None)
    named = Counter(p.name for p in people)
    channels = app.ctx.channels
    acting = [(p, places) for p in people if (places := _acting_places(p, teams))]
    absent = [(p, places) for p, places in acting if not channels_of(p, channels)]
    for person, places in absent:
        # The command must name one person: by id when the name is shared.
        who = person.name if named[person.name] == 1 else str(person.id)
        if any(c.isspace() or c in SHELL_SPECIAL for c in who):
            who = shlex.quote(who)
        elsewhere = _labels(i.channel for i in person.identities)
        if elsewhere:
            what = f"is on {elsewhere} only, which the city does not run"
            fix = f"run {elsewhere} too, or have them join on {_labels(channels)}"
        else:
            what, fix = (
                "has not joined in chat",
                f"give them `zhibao invite create --person {who}`",
            )
        report.warn(
            f"{person.name} ({', '.join(places)}) {what}: notices to them are not delivered "
            f"(the admins are alerted); {fix}"
        )
    if acting and not absent:
        report.ok(f"officials: all who must act have joined in chat ({len(acting)})")


async def _check_groups(app: App, report: Report) -> None:
    """A warning for each group of an active task force on a channel the city does not run:
    nothing is posted there, and the task force's officers are told one by one instead."""
    async with app.uow().reading() as uow:
        teams = [t for t in await uow.task_forces.all() if t.active]
    channels = app.ctx.channels
    for team in teams:
        unused = {c: chat for c, chat in team.group_chats.items() if c not in channels}
        for channel, chat in unused.items():
            report.warn(
                f"task force {team.code}: its {channel_label(channel)} group {chat} gets nothing, "
                f"as the city does not run {channel_label(channel)}"
            )
    linked = [t.code for t in teams if any(t.group_on(c) for c in channels)]
    report.ok(
        f"groups: {len(linked)} of {len(teams)} active task forces have a group on "
        f"{_labels(channels) or 'no channel'}; the others' officers are told one by one"
    )


def _labels(channels: Iterable[str]) -> str:
    return " and ".join(channel_label(c) for c in dict.fromkeys(channels))


def _acting_places(person: Person, teams: list[TaskForce]) -> list[str]:
    """Where the person must act, as "lead of food"; none for someone who need not."""
    places: list[str] = []
    for team in teams:
        if team.lead_id == person.id:
            places.append(f"lead of {team.code}")
        elif Role.OFFICER in person.roles and person.id in team.member_ids:
            places.append(f"officer of {team.code}")
        if team.supervising_leader_id == person.id:
            places.append(f"supervising leader of {team.code}")
    if Role.OFFICE in person.roles:
        places.append("office")
    return places


async def _check_deadlines(app: App, report: Report, now: datetime) -> None:
    """An error for running deadlines soon due in a year no holiday source covers."""
    calendar = app.ctx.calendar
    horizon = now + timedelta(days=COVERAGE_DAYS)
    flagged: list[str] = []
    years: set[int] = set()
    for issue in await _open_issues_due_by(app, horizon):
        found = [(n, at) for n, at in uncovered_deadlines(issue, calendar) if at <= horizon]
        if found:
            years |= {at.year for _, at in found}
            clocks = ", ".join(f"{name} due {at:%Y-%m-%d}" for name, at in found)
            flagged.append(f"{issue.code} ({clocks})")
    if not flagged:
        return
    more = len(flagged) - NAMED
    listed = ", ".join(flagged[:NAMED]) + (f" and {more} more" if more > 0 else "")
    report.error(
        f"calendar: {len(flagged)} open issue(s) have deadlines within {COVERAGE_DAYS} days in "
        f"{', '.join(map(str, sorted(years)))}, which no holiday source covers, so they count "
        f"Monday–Friday only: {listed}; {CALENDAR_HELP}"
    )


async def _open_issues_due_by(app: App, horizon: datetime) -> list[Issue]:
    """Open issues with a running deadline by `horizon`, read a page at a time."""
    due: list[Issue] = []
    offset = 0
    while True:
        query = IssueQuery(states=OPEN_STATES, limit=PAGE, offset=offset)
        page = await list_issues(app.uow(), OPERATOR, query)
        for issue in page:
            next_due = issue.next_due()
            # Earliest deadline first: after the first one past the horizon, none is sooner.
            if next_due is None or next_due > horizon:
                return due
            due.append(issue)
        if len(page) < PAGE:
            return due
        offset += PAGE


def _check_calendar(app: App, report: Report, now: datetime) -> None:
    calendar = app.ctx.calendar
    today = now.astimezone(calendar.tz).date()
    horizon = today + timedelta(days=COVERAGE_DAYS)
    years = calendar.uncovered_years(today, horizon)
    if years:
        # A warning until a deadline falls there: then _check_deadlines reports an error.
        report.warn(
            f"calendar: no holiday data for {', '.join(map(str, years))}, within the next "
            f"{COVERAGE_DAYS} days; deadlines there count Monday–Friday only, missing the "
            f"holidays and make-up days; {CALENDAR_HELP}"
        )
    else:
        report.ok(f"calendar: holidays known through {horizon.isoformat()}")
    cap = app.settings.policy.base.extension_cap
    latest = calendar.deadline(now, cap).date()
    later = [y for y in calendar.uncovered_years(today, latest) if y not in years]
    if later:
        report.warn(
            f"calendar: an issue filed today may run until {latest} (the {cap} extension "
            f"cap), into {', '.join(map(str, later))}, which no holiday source covers yet"
        )

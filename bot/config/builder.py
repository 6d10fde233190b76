"""Turns the merged configuration tables into checked Settings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config.catalog import (
    LANGUAGES,
    read_categories,
    read_clocks,
    read_rules,
    read_task_forces,
)
from bot.config.channels import read_telegram_enabled, read_wecom
from bot.config.reader import Fields, Origin, show
from bot.config.settings import Settings
from bot.domain.calendar import Duration, WorkingHours
from bot.domain.coordination import CoordinationThresholds
from bot.domain.policy import ClockRule, Policy, PolicySnapshot

_URL_RE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Telegram bot usernames: 5–32 letters, digits and underscores, ending in "bot".
_BOT_RE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,28}[Bb][Oo][Tt]$")
_DURATION_KEYS: Final = (
    "level2_after",
    "level3_after",
    "idle_after",
    "auto_close_answered",
    "auto_close_waiting",
    "extension_cap",
)


class _Tables:
    """The named tables of the merged configuration."""

    def __init__(self, data: Mapping[str, Any], origin: Origin) -> None:
        self.data, self.origin = data, origin

    def __getitem__(self, dotted: str) -> Fields:
        path = tuple(dotted.split("."))
        value: Any = self.data
        for part in path:
            value = value[part]
        return Fields(self.origin, value, path=path)


def _timezone(city: Fields) -> str:
    """The city's timezone name, which zoneinfo must know."""
    name = city.text("timezone")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise city.error(
            "timezone", f'{show(name)} is not a known timezone such as "Asia/Shanghai"'
        ) from None
    return name


def _working_hours(table: Fields) -> WorkingHours:
    """The daily working periods."""
    try:
        return WorkingHours.parse(table.strings("periods"))
    except ValueError as exc:
        raise table.error("periods", str(exc)) from None


def _working_seconds(duration: Duration, hours: WorkingHours) -> float:
    """How much working time a duration is, to compare days with hours."""
    unit = hours.seconds_per_day if duration.unit == "days" else 3600.0
    return duration.amount * unit


def _policy(tables: _Tables, hours: WorkingHours, rules: tuple[ClockRule, ...]) -> Policy:
    """The clocks and escalation timings issues are held to."""
    escalation = tables["escalation"]
    durations = {key: escalation.duration(key) for key in _DURATION_KEYS}
    level2, level3 = durations["level2_after"], durations["level3_after"]
    if _working_seconds(level3, hours) <= _working_seconds(level2, hours):
        problem = f"must be later than level2_after ({show(str(level2))}), not {show(str(level3))}"
        raise escalation.error("level3_after", problem)
    normal, urgent = read_clocks(tables["clocks.normal"]), read_clocks(tables["clocks.urgent"])
    cap = durations["extension_cap"]
    numbered = ((f"clocks.rule {n}", rule.clocks) for n, rule in enumerate(rules, 1))
    for label, clocks in (("clocks.normal", normal), ("clocks.urgent", urgent), *numbered):
        # A resolution time beyond the cap would leave no issue room for any extension.
        if _working_seconds(clocks.resolve, hours) > _working_seconds(cap, hours):
            problem = (
                f"{show(str(cap))} is shorter than the resolution time of [{label}] "
                f"({show(str(clocks.resolve))}); the cap must be at least that"
            )
            raise escalation.error("extension_cap", problem)
    base = PolicySnapshot(
        clocks=normal,
        reminder_fraction=escalation.fraction("reminder_at"),
        reopen_window_days=escalation.integer("reopen_window_days", minimum=0),
        **durations,
    )
    return Policy(base=base, urgent_clocks=urgent, rules=rules)


def _database_url(database: Fields) -> str:
    """The SQLAlchemy-style URL of the database."""
    url = database.text("url").strip()
    if not _URL_RE.match(url):
        problem = f'{show(url)} is not a database URL such as "sqlite:///zhibao.db"'
        raise database.error("url", problem)
    return url


def _bot_username(telegram: Fields) -> str:
    """The Telegram bot's username, or "" if the city does not use Telegram."""
    name = telegram.text("bot_username", allow_empty=True).strip()
    if name and not _BOT_RE.match(name):
        problem = f'{show(name)} is not a Telegram bot username such as "zhibao_bot" (no "@")'
        raise telegram.error("bot_username", problem)
    return name


def build_settings(data: Mapping[str, Any], origin: Origin, source: Path | None) -> Settings:
    """Check every key of the merged configuration and convert it to domain types."""
    tables = _Tables(data, origin)
    city, calendar, notifications = tables["city"], tables["calendar"], tables["notifications"]
    hours = _working_hours(tables["working_hours"])
    days_off, workdays = calendar.dates("days_off"), calendar.dates("workdays")
    clash = sorted(set(days_off) & set(workdays))
    if clash:
        raise calendar.error("workdays", f"{clash[0].isoformat()} is also listed in days_off")
    categories = read_categories(origin, data["category"])
    task_forces = read_task_forces(origin, data["task_force"])
    rules = read_rules(origin, tables["clocks"].value("rule", []), categories, task_forces)
    coordination = tables["coordination"]
    return Settings(
        source=source,
        city_name=city.text("name").strip(),
        timezone=_timezone(city),
        language=city.choice("language", LANGUAGES),
        database_url=_database_url(tables["database"]),
        working_hours=hours,
        extra_days_off=days_off,
        extra_workdays=workdays,
        extra_covered_years=calendar.years("covered_years"),
        policy=_policy(tables, hours, rules),
        thresholds=CoordinationThresholds(
            min_investment_cny=coordination.amount("min_investment_cny"),
            min_foreign_investment_usd=coordination.amount("min_foreign_investment_usd"),
        ),
        quiet_hours=notifications.time_range("quiet_hours"),
        enterprise_quiet_hours=notifications.time_range("enterprise_quiet_hours"),
        coalesce_minutes=notifications.integer("coalesce_minutes", minimum=0),
        sweep_seconds=tables["scheduler"].integer("sweep_seconds", minimum=1),
        dispatch_seconds=tables["scheduler"].integer("dispatch_seconds", minimum=1),
        lease_seconds=tables["scheduler"].integer("lease_seconds", minimum=5),
        max_attempts=tables["scheduler"].integer("max_attempts", minimum=1),
        invite_ttl_days=tables["invites"].integer("ttl_days", minimum=1),
        telegram_bot_username=_bot_username(tables["telegram"]),
        telegram_enabled=read_telegram_enabled(tables["telegram"]),
        wecom=read_wecom(tables["wecom"], origin),
        task_forces=task_forces,
        categories=categories,
    )

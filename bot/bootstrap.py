"""The one place that wires configuration, storage and the use cases together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.calendar_source import build_calendar
from bot.config import Settings
from bot.domain.calendar import WorkCalendar
from bot.domain.model import TaskForce
from bot.domain.routing import Category
from bot.segmentation import Segmenter
from bot.services.context import Context
from bot.services.ports import UnitOfWork
from storage.database import Database


@dataclass
class App:
    """A configured product: settings, database and the use cases' context."""

    settings: Settings
    database: Database
    ctx: Context

    def uow(self) -> UnitOfWork:
        """A fresh unit of work for one use case call."""
        return self.database.unit_of_work()

    async def close(self) -> None:
        """Release the database connections."""
        await self.database.dispose()


def city_calendar(settings: Settings) -> WorkCalendar:
    """The working-day calendar: the package's holidays merged with the config overrides."""
    return build_calendar(
        extra_days_off=settings.extra_days_off,
        extra_workdays=settings.extra_workdays,
        extra_covered_years=settings.extra_covered_years,
        hours=settings.working_hours,
        tz_name=settings.timezone,
    )


def build_context(settings: Settings) -> Context:
    """Everything the use cases need from configuration."""
    words = [w for team in settings.task_forces for w in team.keywords]
    words += [w for category in settings.categories for w in category.keywords]
    segmenter = Segmenter(words)
    return Context(
        calendar=city_calendar(settings),
        policy=settings.policy,
        thresholds=settings.thresholds,
        categories=tuple(
            Category(c.code, c.name_zh, c.name_en, c.keywords) for c in settings.categories
        ),
        invite_ttl=timedelta(days=settings.invite_ttl_days),
        tokenize=segmenter.segment,
        default_language=settings.language,
        quiet_hours=settings.quiet_hours,
        enterprise_quiet_hours=settings.enterprise_quiet_hours,
        coalesce_window=timedelta(minutes=settings.coalesce_minutes),
        channels=enabled_channels(settings),
    )


def enabled_channels(settings: Settings) -> tuple[str, ...]:
    """The channels the city runs, as configured (`zhibao run` narrows them to those it
    serves)."""
    enabled = (("telegram", settings.telegram_enabled), ("wecom", settings.wecom.enabled))
    return tuple(name for name, on in enabled if on)


def configured_task_forces(settings: Settings) -> list[TaskForce]:
    """The task forces of the configuration as domain objects (people are added later)."""
    return [
        TaskForce(
            code=tf.code,
            name_zh=tf.name_zh,
            name_en=tf.name_en,
            kind=tf.kind,
            industries=tf.industries,
            keywords=tf.keywords,
            assignment=tf.assignment,
            language=tf.language,
            group_chats=tf.group_chats(),
        )
        for tf in settings.task_forces
    ]


def bootstrap(settings: Settings) -> App:
    """Open the database and build the context; the caller closes the app."""
    return App(settings, Database.open(settings.database_url), build_context(settings))

"""What conversations read and keep: who is writing, where they are in a dialog, their issues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from bot.domain.errors import NotAllowed
from bot.domain.model import Enterprise, Project, TaskForce
from bot.domain.people import Actor, Person, Role
from bot.services.context import Context
from bot.services.holds import retime_held
from bot.services.ports import TeamCounts, UnitOfWork
from bot.services.recording import load_actor


async def identify(uow: UnitOfWork, channel: str, external_id: str) -> Person | None:
    """The person behind a chat account, if they have registered or joined."""
    async with uow.reading():
        return await uow.people.by_identity(channel, external_id)


async def enterprise_named_by(uow: UnitOfWork, credit_code: str) -> Enterprise | None:
    """The registered enterprise with this unified social credit code, if any."""
    async with uow.reading():
        return await uow.enterprises.by_credit_code(credit_code)


async def projects_of(uow: UnitOfWork, enterprise_id: int) -> list[Project]:
    """The enterprise's projects, oldest first."""
    async with uow.reading():
        return await uow.projects.find(enterprise_id)


async def save_language(uow: UnitOfWork, person_id: int, language: str) -> None:
    """Remember the language the person chose."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is not None:
            person.language = language
            await uow.people.save(person)
            await uow.commit()


async def actor_of(uow: UnitOfWork, person_id: int) -> Actor | None:
    """The person as the rules see them: roles and the task forces they belong to."""
    async with uow.reading():
        return await uow.people.actor(person_id)


async def task_forces(uow: UnitOfWork) -> list[TaskForce]:
    """The active task forces, in the configured order."""
    async with uow.reading():
        return [t for t in await uow.task_forces.all() if t.active and t.id is not None]


async def officers_of(uow: UnitOfWork, team: TaskForce) -> list[Person]:
    """The task force's officers and its lead, by name, who may be named to sign."""
    async with uow.reading():
        ids = sorted(team.member_ids | ({team.lead_id} if team.lead_id else set()))
        found = [await uow.people.get(person_id) for person_id in ids]
    return sorted((p for p in found if p is not None), key=lambda p: (p.name, p.id or 0))


async def save_quiet_hours(
    uow: UnitOfWork,
    ctx: Context,
    person_id: int,
    start: time | None,
    end: time | None,
    now: datetime,
) -> Person | None:
    """Keep the person's quiet hours (None for both: the city's default); the notices held
    for them are timed anew."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is not None:
            person.quiet_start, person.quiet_end = start, end
            await uow.people.save(person)
            await retime_held(uow, ctx, person, now)
            await uow.commit()
        return person


async def save_mute(
    uow: UnitOfWork, ctx: Context, person_id: int, until: datetime | None, now: datetime
) -> Person | None:
    """Mute the person's non-critical notices until a moment, or unmute them (None); the
    notices held for them are timed anew."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is not None:
            person.muted_until = until
            await uow.people.save(person)
            await retime_held(uow, ctx, person, now)
            await uow.commit()
        return person


@dataclass(frozen=True)
class TeamFigures:
    """One task force's figures for /overview and the weekly summary (§10, measure 15).

    `on_time` and `satisfaction` are shares from 0 to 1: resolutions in time, and rated issues
    rated 4 or 5; `rating` is the average rating. Each is None when nothing was counted.
    """

    code: str
    name_zh: str
    name_en: str
    open: int
    overdue: int
    on_time: float | None
    rating: float | None
    satisfaction: float | None


async def overview(uow: UnitOfWork, person_id: int, now: datetime) -> list[TeamFigures]:
    """Open, overdue, on-time rate and satisfaction per task force the person may oversee."""
    async with uow.reading():
        actor = await load_actor(uow, person_id)
        teams = [t for t in await uow.task_forces.all() if t.active and t.id is not None]
        if not actor.has(Role.PRINCIPAL, Role.OFFICE, Role.ADMIN):
            if not actor.has(Role.LEADER):
                raise NotAllowed("overview.not_allowed", "only leaders and offices see overviews")
            teams = [t for t in teams if t.id in actor.supervises]
        ids = [t.id for t in teams if t.id is not None]
        counts = await uow.issues.team_counts(ids, now, now)
    return [figures_of(t, counts.get(t.id or 0, TeamCounts())) for t in teams]


def figures_of(team: TaskForce, counts: TeamCounts) -> TeamFigures:
    """A task force's overview line from its counts."""
    # Only resolution clocks that were met count; a withdrawn issue's clock counts neither way.
    return TeamFigures(
        code=team.code,
        name_zh=team.name_zh,
        name_en=team.name_en,
        open=counts.open,
        overdue=counts.overdue,
        on_time=counts.on_time / counts.met if counts.met else None,
        rating=counts.rating_sum / counts.ratings if counts.ratings else None,
        satisfaction=counts.satisfied / counts.ratings if counts.ratings else None,
    )

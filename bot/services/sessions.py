"""What conversations read and keep: who is writing, where they are in a dialog, their issues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from bot.domain.errors import DomainError, NotAllowed, NotFound
from bot.domain.model import Issue, Project, TaskForce
from bot.domain.people import Actor, Person, Role
from bot.domain.permissions import can_view
from bot.domain.transitions import check
from bot.services.ports import TeamCounts, UnitOfWork
from bot.services.recording import load_actor, load_issue


async def identify(uow: UnitOfWork, channel: str, external_id: str) -> Person | None:
    """The person behind a chat account, if they have registered or joined."""
    async with uow.reading():
        return await uow.people.by_identity(channel, external_id)


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


async def check_action(uow: UnitOfWork, person_id: int, code: str, *actions: str) -> None:
    """Raise the rule's own refusal unless the person may take one of the actions now.

    Dialogs ask before they ask for text, so nobody types a reply the rules then refuse;
    the use case checks again when it acts.
    """
    async with uow.reading():
        actor = await load_actor(uow, person_id)
        issue = await load_issue(uow, code)
    if not can_view(actor, issue):
        raise NotFound("issue.not_found", f"no issue {issue.code}", code=issue.code)
    refusal: DomainError | None = None
    for action in actions:
        try:
            check(action, issue, actor)
            return
        except DomainError as error:
            refusal = refusal or error
    assert refusal is not None
    raise refusal


async def surroundings(uow: UnitOfWork, issue: Issue) -> tuple[Project | None, TaskForce | None]:
    """The issue's project and owning task force, for cards."""
    async with uow.reading():
        project = await uow.projects.get(issue.project_id) if issue.project_id else None
        team = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
    return project, team


async def save_quiet_hours(
    uow: UnitOfWork, person_id: int, start: time | None, end: time | None
) -> Person | None:
    """Keep the person's quiet hours; None for both means the city's default."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is not None:
            person.quiet_start, person.quiet_end = start, end
            await uow.people.save(person)
            await uow.commit()
        return person


async def save_mute(uow: UnitOfWork, person_id: int, until: datetime | None) -> Person | None:
    """Mute the person's non-critical notices until a moment, or unmute them (None)."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is not None:
            person.muted_until = until
            await uow.people.save(person)
            await uow.commit()
        return person


@dataclass(frozen=True)
class TeamFigures:
    """One task force's figures for /overview (§10, measure 15)."""

    code: str
    name_zh: str
    name_en: str
    open: int
    overdue: int
    on_time: float | None
    rating: float | None


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
    )

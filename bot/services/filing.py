"""Filing a new issue: code, policy snapshot, routing, round robin, direct report (§5–§8)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.domain import intake
from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.escalation import wake_at
from bot.domain.model import Attachment, Issue, IssueEvent, Project, TaskForce, Urgency
from bot.domain.people import SYSTEM, Person, Role
from bot.domain.routing import (
    RoundRobinCandidate,
    RoutableTaskForce,
    RouteDecision,
    find_by_industry,
    pick_round_robin,
    route,
)
from bot.services.context import Context
from bot.services.ports import UnitOfWork
from bot.services.recording import Outcome, load_actor, record

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FilingRequest:
    """What an enterprise member submits; `task_force_code` is their pick of a suggestion."""

    text: str
    category: str = "other"
    urgency: Urgency = Urgency.NORMAL
    project_id: int | None = None
    task_force_code: str | None = None
    attachments: tuple[Attachment, ...] = ()
    language: str | None = None
    # Names this request (e.g. a dialog's draft): sent again, it returns the issue it filed.
    request_key: str | None = None


async def file_issue(
    uow: UnitOfWork, ctx: Context, actor_id: int, request: FilingRequest, now: datetime
) -> Outcome:
    """File the issue, route it and queue the receipt, group post and direct report."""
    if ctx.category(request.category) is None:
        raise InvalidInput(
            "issue.unknown_category",
            f"unknown category {request.category!r}",
            value=request.category,
        )
    async with uow:
        actor = await load_actor(uow, actor_id)
        if not actor.has(Role.MEMBER) or actor.enterprise_id is None:
            raise NotAllowed("issue.file_not_member", "only enterprise members may file issues")
        if request.request_key is not None:
            earlier = await uow.issues.by_request_key(request.request_key)
            if earlier is not None and earlier.filed_by == actor.person_id:
                return Outcome(earlier, [], 0)
        project = await _own_project(uow, actor.enterprise_id, request.project_id)
        team, how = await _chosen_team(uow, project, request.task_force_code)
        urgency = Urgency(request.urgency)
        code = await uow.issues.next_code(now.astimezone(ctx.calendar.tz).year)
        issue, filed = intake.file_issue(
            code=code,
            actor=actor,
            enterprise_id=actor.enterprise_id,
            category=request.category,
            urgency=urgency,
            text=request.text,
            language=request.language or ctx.default_language,
            now=now,
            policy=ctx.policy.snapshot(request.category, urgency, team.code if team else None),
            calendar=ctx.calendar,
            project_id=project.id if project else None,
            direct_report=urgency is Urgency.URGENT and bool(project and project.city_coordinated),
            attachments=request.attachments,
        )
        issue.request_key = request.request_key
        events = [filed]
        if team is not None and team.id is not None:
            events.append(intake.route(issue, SYSTEM, now, team.id, how))
            events.extend(await assign_round_robin(uow, issue, team, now))
        _warn_uncovered(ctx, issue)
        issue.wake_at = wake_at(issue, ctx.calendar, now)
        await uow.issues.add(issue)
        outcome = await record(uow, ctx, issue, events, now)
        await uow.commit()
    return outcome


async def preview_route(
    uow: UnitOfWork, ctx: Context, text: str, project_id: int | None = None
) -> RouteDecision:
    """Where an issue would go (§6): its project's task force, else the best one or two
    task forces by keywords for the enterprise to confirm, else the dispatch desk."""
    async with uow.reading():
        project = await uow.projects.get(project_id) if project_id is not None else None
        teams = [t for t in await uow.task_forces.all() if t.active and t.id is not None]
    industry = project.industry if project is not None else None
    return route(industry, ctx.tokenize(text), [_routable(t) for t in teams])


async def assign_round_robin(
    uow: UnitOfWork, issue: Issue, team: TaskForce, now: datetime
) -> list[IssueEvent]:
    """In round-robin task forces, name the available member with the fewest open issues."""
    if team.assignment != "round_robin" or not team.member_ids:
        return []
    members = sorted(team.member_ids)
    counts = await uow.issues.count_open_by_assignee(members)
    latest = await uow.issues.last_assigned(members)
    candidates = []
    for person_id in members:
        person = await uow.people.get(person_id)
        available = person is not None and not person.on_leave and not _muted(person, now)
        candidates.append(
            RoundRobinCandidate(
                person_id, counts.get(person_id, 0), available, latest.get(person_id)
            )
        )
    chosen = pick_round_robin(candidates)
    if chosen is None:
        return []
    return [intake.assign_member(issue, SYSTEM, now, chosen)]


def _muted(person: Person, now: datetime) -> bool:
    return person.muted_until is not None and person.muted_until > now


async def _own_project(
    uow: UnitOfWork, enterprise_id: int, project_id: int | None
) -> Project | None:
    if project_id is None:
        return None
    project = await uow.projects.get(project_id)
    if project is None or project.enterprise_id != enterprise_id:
        raise InvalidInput("project.not_found", f"no project {project_id} of your enterprise")
    return project


async def _chosen_team(
    uow: UnitOfWork, project: Project | None, code: str | None
) -> tuple[TaskForce | None, str]:
    """The task force of §6 steps 1 and 3, and how it was found (desk: none)."""
    teams = [t for t in await uow.task_forces.all() if t.active]
    if project is not None:
        match = find_by_industry(project.industry, [_routable(t) for t in teams if t.id])
        if match is not None:
            return next(t for t in teams if t.id == match.id), "project"
    if code:
        chosen = next((t for t in teams if t.code == code.strip().lower()), None)
        if chosen is None:
            raise InvalidInput("task_force.not_found", f"no task force {code!r}", value=code)
        return chosen, "enterprise_choice"
    return None, "desk"


def _routable(team: TaskForce) -> RoutableTaskForce:
    assert team.id is not None
    return RoutableTaskForce(team.id, team.code, team.industries, team.keywords)


def _warn_uncovered(ctx: Context, issue: Issue) -> None:
    last = max(c.due_at for c in issue.clocks.values())
    for year in ctx.calendar.uncovered_years(issue.filed_at.date(), last.date()):
        log.warning(
            "deadlines of %s fall in %d, which no holiday source covers: weekends are taken as "
            "the only days off; add [calendar] overrides to zhibao.toml",
            issue.code,
            year,
        )

"""Reading issues and their timelines, limited to what the reader may see (§14)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain.errors import NotFound
from bot.domain.model import Issue, IssueEvent
from bot.domain.people import Actor, Role
from bot.domain.permissions import can_view
from bot.services.ports import IssueQuery, UnitOfWork
from bot.services.recording import ActorRef, load_actor, load_issue


@dataclass(frozen=True)
class IssueView:
    """An issue with its timeline and the names a reader needs to make sense of it."""

    issue: Issue
    events: list[IssueEvent]
    enterprise_name: str
    task_force_code: str | None


async def list_issues(uow: UnitOfWork, actor_id: ActorRef, query: IssueQuery) -> list[Issue]:
    """Issues matching the query that the actor may see."""
    async with uow.reading():
        actor = await load_actor(uow, actor_id)
        scoped = scope_query(actor, query)
        if scoped is None:
            return []
        return await uow.issues.find(scoped)


def scope_query(actor: Actor, query: IssueQuery) -> IssueQuery | None:
    """Narrow the query to the actor's view; None when they may see no issues at all."""
    if actor.has(Role.PRINCIPAL, Role.OFFICE, Role.ADMIN):
        return query
    if actor.has(Role.MEMBER) and actor.enterprise_id is not None:
        return replace(query, enterprise_id=actor.enterprise_id)
    teams = actor.member_of | actor.leads | actor.supervises
    if not teams:
        return None
    if query.task_force_ids is not None:
        teams = teams & query.task_force_ids
    return replace(query, task_force_ids=frozenset(teams))


async def show_issue(uow: UnitOfWork, actor_id: ActorRef, code: str) -> IssueView:
    """One issue with its whole timeline."""
    async with uow.reading():
        actor = await load_actor(uow, actor_id)
        issue = await load_issue(uow, code)
        if not can_view(actor, issue):
            raise NotFound("issue.not_found", f"no issue {code}", code=code)
        assert issue.id is not None
        events = await uow.events.for_issue(issue.id)
        enterprise = await uow.enterprises.get(issue.enterprise_id)
        team = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
    return IssueView(
        issue=issue,
        events=events,
        enterprise_name=enterprise.name if enterprise else "?",
        task_force_code=team.code if team else None,
    )

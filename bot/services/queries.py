"""Reading issues and their timelines, limited to what the reader may see (§14)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.domain.affordances import refusal
from bot.domain.errors import NotFound
from bot.domain.model import OPEN_STATES, Issue, IssueEvent, IssueState, Project, TaskForce
from bot.domain.notice import MessageView
from bot.domain.oversight import may_decide
from bot.domain.people import Actor, Role
from bot.domain.permissions import can_view
from bot.domain.routing import RoutableTaskForce, route
from bot.services.context import Context
from bot.services.ports import IssueQuery, UnitOfWork
from bot.services.recording import ActorRef, load_actor, load_issue

Tokenize = Callable[[str], list[str]]
WAITING_FOR_DISPATCH = frozenset({IssueState.FILED, IssueState.RETURNED})
# Issues read per page while looking for requests to decide.
PAGE = 200


@dataclass(frozen=True)
class IssueView:
    """An issue with its timeline and what a reader needs to make sense of it: the names of
    the people in it, its project and task forces. `suggestions` are the task forces routing
    suggests for an issue waiting at the dispatch desk (filled in where a card needs them)."""

    issue: Issue
    events: list[IssueEvent]
    enterprise_name: str
    project: Project | None = None
    task_force: TaskForce | None = None
    transfer_target: TaskForce | None = None
    co_handlers: tuple[TaskForce, ...] = ()
    names: dict[int, str] = field(default_factory=dict)
    suggestions: tuple[TaskForce, ...] = ()
    # The task forces the timeline names (where it was sent, who helped), by id.
    teams: dict[int, TaskForce] = field(default_factory=dict)

    @property
    def task_force_code(self) -> str | None:
        """The owning task force's code, if the issue has one."""
        return self.task_force.code if self.task_force is not None else None

    def name(self, person_id: int | None) -> str:
        """A person's name as the issue knows it ("" when unknown)."""
        return self.names.get(person_id, "") if person_id is not None else ""

    def team_of(self, task_force_id: object) -> TaskForce | None:
        """A task force the timeline names, by the id an event carries (None when unknown)."""
        return self.teams.get(task_force_id) if isinstance(task_force_id, int) else None


async def list_issues(uow: UnitOfWork, actor_id: ActorRef, query: IssueQuery) -> list[Issue]:
    """Issues matching the query that the actor may see."""
    async with uow.reading():
        actor = await load_actor(uow, actor_id)
        scoped = scope_query(actor, query)
        if scoped is None:
            return []
        return await uow.issues.find(scoped)


async def to_decide(uow: UnitOfWork, actor_id: ActorRef) -> list[Issue]:
    """Open issues whose pending request the actor may decide, the oldest request first: a
    lead's, a leader's, or the office's standing in for a task force without a lead."""
    async with uow.reading():
        actor = await load_actor(uow, actor_id)
        waiting = IssueQuery(states=OPEN_STATES, pending_only=True)
        scoped = scope_query(actor, waiting)
        queries = [scoped] if scoped is not None else []
        if actor.person_id is not None:
            # A leader decides for the issues they supervise (督办), in any task force.
            queries.append(replace(waiting, supervised_by=actor.person_id))
        found: dict[str, Issue] = {}
        for query in queries:
            for issue in await _all(uow, query):
                if issue.pending is not None and may_decide(issue, actor):
                    found[issue.code] = issue
    return sorted(
        found.values(), key=lambda i: i.pending.requested_at if i.pending else i.filed_at
    )


async def _all(uow: UnitOfWork, query: IssueQuery) -> list[Issue]:
    """Every issue the query matches, read a page at a time."""
    found: list[Issue] = []
    while True:
        page = await uow.issues.find(replace(query, limit=PAGE, offset=len(found)))
        found += page
        if len(page) < PAGE:
            return found


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
        return await view_of(uow, issue)


async def open_card(
    uow: UnitOfWork,
    ctx: Context,
    person_id: int,
    code: str,
    now: datetime,
    action: str | None = None,
) -> tuple[Actor, IssueView]:
    """The reader and the issue as their card shows it; with `action`, refused as the action
    itself would refuse it unless the reader may take it now."""
    async with uow.reading():
        actor = await load_actor(uow, person_id)
        issue = await load_issue(uow, code)
        if not can_view(actor, issue):
            raise NotFound("issue.not_found", f"no issue {code}", code=code)
        if action is not None:
            refused = refusal(action, issue, actor, now)
            if refused is not None:
                raise refused
        return actor, await view_of(uow, issue, ctx.tokenize)


async def message_cards(
    uow: UnitOfWork, ctx: Context, person_id: int, channel: str, chat_id: str, message_id: str
) -> tuple[Actor, list[tuple[MessageView, IssueView]]]:
    """The reader and the cards a message sent to them shows, each issue as it is now."""
    async with uow.reading():
        actor = await load_actor(uow, person_id)
        shown = []
        for kept in await uow.views.of_message(channel, chat_id, message_id):
            issue = await uow.issues.get_by_id(kept.issue_id)
            if issue is not None and kept.person_id == person_id:
                shown.append((kept, await view_of(uow, issue, ctx.tokenize)))
        return actor, shown


async def view_of(uow: UnitOfWork, issue: Issue, tokenize: Tokenize | None = None) -> IssueView:
    """The issue with its timeline, project, task forces and people's names, read in `uow`;
    with `tokenize`, routing's suggestions for an issue waiting at the dispatch desk."""
    assert issue.id is not None
    events = await uow.events.for_issue(issue.id)
    enterprise = await uow.enterprises.get(issue.enterprise_id)
    project = await uow.projects.get(issue.project_id) if issue.project_id else None
    team = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
    target_id = issue.pending.target_task_force_id if issue.pending else None
    target = await uow.task_forces.get(target_id) if target_id else None
    helpers = [await uow.task_forces.get(t) for t in sorted(issue.co_handler_ids)]
    named = {e.data.get("task_force_id") for e in events}
    teams = [await uow.task_forces.get(t) for t in sorted(t for t in named if isinstance(t, int))]
    people = {e.actor_id for e in events if e.actor_id is not None}
    people |= {p for p in (issue.assignee_id, issue.supervised_by) if p is not None}
    people |= {p for e in events if isinstance(p := e.data.get("assignee_id"), int)}
    if issue.pending is not None:
        people.add(issue.pending.requested_by)
    return IssueView(
        issue=issue,
        events=events,
        enterprise_name=enterprise.name if enterprise else "?",
        project=project,
        task_force=team,
        transfer_target=target,
        co_handlers=tuple(h for h in helpers if h is not None),
        names=await uow.people.names(sorted(people)),
        teams={t.id: t for t in teams if t is not None and t.id is not None},
        suggestions=(
            await _suggestions(uow, issue, events, project, tokenize)
            if tokenize is not None and issue.state in WAITING_FOR_DISPATCH
            else ()
        ),
    )


async def _suggestions(
    uow: UnitOfWork,
    issue: Issue,
    events: list[IssueEvent],
    project: Project | None,
    tokenize: Tokenize,
) -> tuple[TaskForce, ...]:
    """Where routing would send the issue (§6), leaving out task forces that returned it."""
    returned = {e.data.get("task_force_id") for e in events if e.kind == "returned"}
    teams = [
        t
        for t in await uow.task_forces.all()
        if t.active and t.id is not None and t.id not in returned
    ]
    routable = [RoutableTaskForce(t.id or 0, t.code, t.industries, t.keywords) for t in teams]
    decision = route(project.industry if project else None, tokenize(issue.text), routable)
    wanted = [decision.task_force_id] if decision.task_force_id else []
    wanted += [s.task_force_id for s in decision.suggestions]
    by_id = {t.id: t for t in teams}
    return tuple(by_id[i] for i in dict.fromkeys(wanted) if i in by_id)

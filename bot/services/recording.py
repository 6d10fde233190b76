"""The shared path of every issue action: load, authorise, change, record, notify (§13)."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.errors import ConcurrentUpdate, NotFound
from bot.domain.escalation import wake_at
from bot.domain.model import Issue, IssueEvent, TaskForce
from bot.domain.notification import Audience, audiences_needed, notices_for
from bot.domain.people import OPERATOR, SYSTEM, Actor, Role
from bot.domain.permissions import can_view
from bot.services.card_views import queue_refreshes
from bot.services.context import Context
from bot.services.ports import UnitOfWork

log = logging.getLogger(__name__)

CONFLICT_RETRIES = 3
# Who acts: a person's id, or OPERATOR (the command line) or SYSTEM (the scheduler).
ActorRef = int | Actor
# Audience names that need the owning task force looked up.
TEAM_AUDIENCES = frozenset(
    {
        "task_force",
        "assignee_or_task_force",
        "lead",
        "supervising_leader",
        "direct_report",
        "approver",
    }
)

Events = IssueEvent | list[IssueEvent]
# A change is a domain function applied to the loaded issue; it may await lookups first.
Change = Callable[[Issue, Actor], Events | Awaitable[Events]]


@dataclass(frozen=True)
class Outcome:
    """What an action did: the issue as saved and the events it wrote."""

    issue: Issue
    events: list[IssueEvent]
    notices: int


async def load_actor(uow: UnitOfWork, actor_id: ActorRef) -> Actor:
    """The acting person's rules view, looked up by id; OPERATOR and SYSTEM stand for themselves.

    There is no default: a caller that cannot say who acts gets an error, never admin rights.
    """
    if isinstance(actor_id, Actor):
        if actor_id not in (OPERATOR, SYSTEM):
            raise TypeError("only OPERATOR and SYSTEM may be passed as actors; pass a person id")
        return actor_id
    if not isinstance(actor_id, int) or isinstance(actor_id, bool):
        raise TypeError(f"an actor is a person id, OPERATOR or SYSTEM, not {actor_id!r}")
    actor = await uow.people.actor(actor_id)
    if actor is None:
        raise NotFound("person.not_found", f"no person with id {actor_id}", id=actor_id)
    return actor


async def load_issue(uow: UnitOfWork, code: str) -> Issue:
    """The issue with this public code, or NotFound."""
    wanted = code.strip().upper()
    issue = await uow.issues.get(wanted)
    if issue is None:
        raise NotFound("issue.not_found", f"no issue {wanted}", code=wanted)
    return issue


async def act(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: ActorRef,
    code: str,
    now: datetime,
    change: Change,
) -> Outcome:
    """Apply one domain change to an issue in one transaction with its events and notices.

    If someone else saved the issue meanwhile, the change is tried again on the fresh row,
    so the loser of a race gets the rule's own answer ("already claimed"), not a conflict.
    """
    for attempt in range(CONFLICT_RETRIES + 1):
        try:
            async with uow:
                actor = await load_actor(uow, actor_id)
                issue = await load_issue(uow, code)
                if not can_view(actor, issue):
                    # Before any lookup the change makes, so outsiders learn nothing.
                    raise NotFound("issue.not_found", f"no issue {issue.code}", code=issue.code)
                result = change(issue, actor)
                if inspect.isawaitable(result):
                    result = await result
                events = result if isinstance(result, list) else [result]
                issue.wake_at = wake_at(issue, ctx.calendar, now)
                await uow.issues.save(issue)
                outcome = await record(uow, ctx, issue, events, now)
                await uow.commit()
            return outcome
        except ConcurrentUpdate:
            if attempt == CONFLICT_RETRIES:
                raise
    raise AssertionError("unreachable")


async def record(
    uow: UnitOfWork, ctx: Context, issue: Issue, events: list[IssueEvent], now: datetime
) -> Outcome:
    """Append the events to the timeline and queue the notices they cause."""
    assert issue.id is not None
    stored = await uow.events.add_all(issue.id, events)
    audience = await build_audience(uow, ctx, issue, stored)
    queued = 0
    for event in stored:
        for notice in notices_for(issue, event, audience, now):
            queued += await uow.notices.add(notice)
    # Cards sent before show the issue as it was: they are shown anew.
    await queue_refreshes(uow, issue, stored, now)
    return Outcome(issue, stored, queued)


async def build_audience(
    uow: UnitOfWork, ctx: Context, issue: Issue, events: list[IssueEvent]
) -> Audience:
    """Look up only the people the events' notification rules will need."""
    needed = audiences_needed(issue, events)
    if not needed:
        return Audience()
    parts: dict[str, Any] = {"filer": issue.filed_by, "assignee": issue.assignee_id}
    team = None
    if needed & TEAM_AUDIENCES and issue.task_force_id is not None:
        team = await uow.task_forces.get(issue.task_force_id)
    if team is not None:
        parts["task_force_id"] = team.id
        parts["task_force_has_group"] = has_group(team, ctx.channels)
        parts["task_force_people"] = tuple(sorted(team.member_ids | _some(team.lead_id)))
        parts["lead"] = team.lead_id
        parts["supervising_leader"] = team.supervising_leader_id
    if needed & {"requester", "approver"}:
        parts.update(_request_parties(issue, events, team))
    if needed & {"direct_report", "principals"}:
        parts["principals"] = await _ids_with_role(uow, Role.PRINCIPAL)
    if "direct_report" in needed or _desk_needed(needed, parts):
        # The office desks: everyone who joined with the office role, any of whom may act.
        offices = await _ids_with_role(uow, Role.OFFICE)
        parts["direct_report"] = parts["desk"] = offices
    if "supervisor" in needed:
        parts["supervisor"] = issue.supervised_by
    if "instructors" in needed:
        timeline = await uow.events.for_issue(issue.id or 0)
        given = [e.actor_id for e in timeline if e.kind == "instructed" and e.actor_id]
        parts["instructors"] = tuple(dict.fromkeys(given))
    if "co_handlers" in needed:
        added = [e.data["task_force_id"] for e in events if e.kind == "co_handler_added"]
        parts.update(await _co_handlers(uow, added, ctx.channels))
    return Audience(**parts)


def _desk_needed(needed: frozenset[str], parts: dict[str, Any]) -> bool:
    # The desk stands in for a missing lead or a task force nobody can be reached in.
    return (
        "desk" in needed
        or ("lead" in needed and parts.get("lead") is None)
        or ("supervising_leader" in needed and parts.get("supervising_leader") is None)
        or ("principals" in needed and not parts.get("principals"))
        or ("approver" in needed and parts.get("approver") is None)
        or (
            bool(needed & {"task_force", "assignee_or_task_force"})
            and not parts.get("task_force_has_group")
            and not parts.get("task_force_people")
        )
    )


def has_group(team: TaskForce, channels: Sequence[str]) -> bool:
    """True if the task force has a group on a channel the city runs."""
    return any(team.group_on(channel) for channel in channels)


async def _co_handlers(
    uow: UnitOfWork, task_force_ids: list[int], channels: Sequence[str]
) -> dict[str, Any]:
    # Only the task forces just asked to help: the others heard when they were added.
    groups: list[int] = []
    people: list[int] = []
    for tf_id in task_force_ids:
        helper = await uow.task_forces.get(tf_id)
        if helper is not None and has_group(helper, channels):
            groups.append(tf_id)
        elif helper is not None:
            people.extend(sorted(helper.member_ids | _some(helper.lead_id)))
    return {"co_handler_groups": tuple(groups), "co_handler_people": tuple(people)}


def _request_parties(
    issue: Issue, events: list[IssueEvent], team: TaskForce | None
) -> dict[str, Any]:
    pending = issue.pending
    if pending is not None:
        lead = team.lead_id if team else None
        leader = team.supervising_leader_id if team else None
        return {
            "requester": pending.requested_by,
            # None for the office's requests: the desk gets them, standing in.
            "approver": {"lead": lead, "leader": leader}.get(pending.approver),
        }
    # The request was just decided: its requester is named on the decision event.
    for event in events:
        requester = event.data.get("requested_by")
        if requester is not None:
            return {"requester": int(requester)}
    return {}


async def _ids_with_role(uow: UnitOfWork, role: Role) -> tuple[int, ...]:
    return tuple(p.id for p in await uow.people.with_role(role) if p.id is not None)


def _some(value: int | None) -> frozenset[int]:
    return frozenset() if value is None else frozenset({value})

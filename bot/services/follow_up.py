"""Use cases after the work: the enterprise's verdict, approvals, and leaders' actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from bot.domain import closure, oversight
from bot.domain.model import Issue, IssueEvent
from bot.domain.people import Actor
from bot.services.context import Context
from bot.services.filing import assign_round_robin
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, Outcome, act
from bot.services.teamwork import require_staffed


async def confirm(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, now: datetime
) -> Outcome:
    """The enterprise confirms the answer and the issue closes (its dialog asks for a rating)."""
    return await act(uow, ctx, actor_id, code, now, lambda i, a: closure.confirm(i, a, now))


async def reject_answer(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, reason: str, now: datetime
) -> Outcome:
    """The enterprise rejects the answer: redo."""
    return await act(
        uow,
        ctx,
        actor_id,
        code,
        now,
        lambda i, a: closure.reject_answer(i, a, now, reason, ctx.calendar),
    )


async def reopen(
    uow: UnitOfWork, ctx: Context, actor_id: ActorRef, code: str, reason: str, now: datetime
) -> Outcome:
    """Reopen a closed issue within the window."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: closure.reopen(i, a, now, reason, ctx.calendar)
    )


async def withdraw(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, reason: str | None, now: datetime
) -> Outcome:
    """The enterprise withdraws its issue."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: closure.withdraw(i, a, now, reason)
    )


async def rate(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int,
    code: str,
    score: int,
    feedback: str | None,
    now: datetime,
) -> Outcome:
    """The enterprise rates the handling, once."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: closure.rate(i, a, now, score, feedback)
    )


async def request_extension(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int,
    code: str,
    new_due: date,
    reason: str,
    now: datetime,
) -> Outcome:
    """Ask for a later resolution date."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        team = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
        lead_exists = team is not None and team.lead_id is not None
        leader_exists = team is not None and team.supervising_leader_id is not None
        return oversight.request_extension(
            issue, actor, now, new_due, reason, ctx.calendar, lead_exists, leader_exists
        )

    return await act(uow, ctx, actor_id, code, now, change)


async def decide_request(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: ActorRef,
    code: str,
    approve: bool,
    now: datetime,
    note: str | None = None,
) -> Outcome:
    """Approve or deny the pending extension or transfer."""

    async def change(issue: Issue, actor: Actor) -> list[IssueEvent]:
        decided = oversight.decide_request(issue, actor, now, approve, ctx.calendar, note)
        if decided.kind != "transferred" or issue.task_force_id is None:
            return [decided]
        team = await uow.task_forces.get(issue.task_force_id)
        assert team is not None
        # Its officers may have left since it was asked: then it is denied or sent elsewhere.
        require_staffed(team)
        return [decided, *await assign_round_robin(uow, issue, team, now)]

    return await act(uow, ctx, actor_id, code, now, change)


async def instruct(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, text: str, now: datetime
) -> Outcome:
    """A leader's instruction (批示), pushed at once to the handlers, under their name."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return await _signed(uow, oversight.instruct(issue, actor, now, text))

    return await act(uow, ctx, actor_id, code, now, change)


async def supervise(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, now: datetime
) -> Outcome:
    """A leader takes the issue under supervision (督办), under their name."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return await _signed(uow, oversight.supervise(issue, actor, now))

    return await act(uow, ctx, actor_id, code, now, change)


async def _signed(uow: UnitOfWork, event: IssueEvent) -> IssueEvent:
    """The event with its leader's name, which the notices about it show."""
    leader = await uow.people.get(event.actor_id) if event.actor_id is not None else None
    name = leader.name if leader is not None else "-"
    return replace(event, data={**event.data, "leader": name})


async def mark_direct_report(
    uow: UnitOfWork, ctx: Context, actor_id: ActorRef, code: str, now: datetime
) -> Outcome:
    """An admin sends the issue to the direct-report recipients."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: oversight.mark_direct_report(i, a, now)
    )

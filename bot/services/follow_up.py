"""Use cases after the work: the enterprise's verdict, approvals, and leaders' actions."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain import closure, oversight
from bot.domain.model import Issue, IssueEvent
from bot.domain.people import SYSTEM, Actor
from bot.services.context import Context
from bot.services.filing import assign_round_robin
from bot.services.ports import UnitOfWork
from bot.services.recording import Outcome, act


async def confirm(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, now: datetime
) -> Outcome:
    """The enterprise confirms the answer; the issue closes and a rating is asked for."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return closure.confirm(issue, actor, now)

    return await act(uow, ctx, actor_id, code, now, change)


async def reject_answer(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, reason: str, now: datetime
) -> Outcome:
    """The enterprise rejects the answer: redo."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return closure.reject_answer(issue, actor, now, reason, ctx.calendar)

    return await act(uow, ctx, actor_id, code, now, change)


async def reopen(
    uow: UnitOfWork, ctx: Context, actor_id: int | None, code: str, reason: str, now: datetime
) -> Outcome:
    """Reopen a closed issue within the window."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return closure.reopen(issue, actor, now, reason, ctx.calendar)

    return await act(uow, ctx, actor_id, code, now, change)


async def withdraw(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, reason: str | None, now: datetime
) -> Outcome:
    """The enterprise withdraws its issue."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return closure.withdraw(issue, actor, now, reason)

    return await act(uow, ctx, actor_id, code, now, change)


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

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return closure.rate(issue, actor, now, score, feedback)

    return await act(uow, ctx, actor_id, code, now, change)


async def auto_close(uow: UnitOfWork, ctx: Context, code: str, why: str, now: datetime) -> Outcome:
    """The scheduler closes an issue whose enterprise stayed silent."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return closure.auto_close(issue, SYSTEM, now, why)

    return await act(uow, ctx, None, code, now, change)


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
        return oversight.request_extension(issue, actor, now, new_due, reason, ctx.calendar)

    return await act(uow, ctx, actor_id, code, now, change)


async def decide_request(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int | None,
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
        return [decided, *await assign_round_robin(uow, issue, team, now)]

    return await act(uow, ctx, actor_id, code, now, change)


async def instruct(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, text: str, now: datetime
) -> Outcome:
    """A leader's instruction (批示), pushed at once to the handlers."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return oversight.instruct(issue, actor, now, text)

    return await act(uow, ctx, actor_id, code, now, change)


async def supervise(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, now: datetime
) -> Outcome:
    """A leader takes the issue under supervision (督办)."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return oversight.supervise(issue, actor, now)

    return await act(uow, ctx, actor_id, code, now, change)


async def mark_direct_report(
    uow: UnitOfWork, ctx: Context, actor_id: int | None, code: str, now: datetime
) -> Outcome:
    """An admin sends the issue to the direct-report recipients."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        return oversight.mark_direct_report(issue, actor, now)

    return await act(uow, ctx, actor_id, code, now, change)

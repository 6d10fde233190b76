"""Use cases of the task force on an issue: dispatch, claim, reply, ask, note, resolve (§5)."""

from __future__ import annotations

from datetime import datetime

from bot.domain import handling, intake
from bot.domain.errors import InvalidInput
from bot.domain.model import Attachment, Issue, IssueEvent, TaskForce
from bot.domain.people import Actor
from bot.domain.transitions import check
from bot.services.context import Context
from bot.services.filing import assign_round_robin
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, Outcome, act


async def find_task_force(uow: UnitOfWork, code: str) -> TaskForce:
    """The active task force with this code, or a clear InvalidInput."""
    team = await uow.task_forces.by_code(code.strip().lower())
    if team is None or not team.active or team.id is None:
        raise InvalidInput("task_force.not_found", f"no task force {code!r}", value=code)
    return team


def require_staffed(team: TaskForce) -> None:
    """An issue is sent only to a task force with officers: nobody else may sign for it.

    Checked after the action's own rules, so a refusal for another reason says that reason;
    raising aborts the unit of work, so nothing of the action is kept.
    """
    if not team.member_ids:
        raise InvalidInput(
            "task_force.unstaffed",
            f"{team.code} ({team.name_zh}) has no officers yet, so nobody could sign for the "
            f"issue; invite them first (zhibao invite create --role officer --task-force "
            f"{team.code}) or choose another task force",
            team=team.name_zh,
            code=team.code,
        )


async def dispatch(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: ActorRef,
    code: str,
    team_code: str,
    now: datetime,
    note: str | None = None,
) -> Outcome:
    """The dispatch desk assigns an unrouted or returned issue to a task force."""

    async def change(issue: Issue, actor: Actor) -> list[IssueEvent]:
        team = await find_task_force(uow, team_code)
        assert team.id is not None
        events = [intake.dispatch(issue, actor, now, team.id, note)]
        require_staffed(team)
        return events + await assign_round_robin(uow, issue, team, now)

    return await act(uow, ctx, actor_id, code, now, change)


async def transfer(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: ActorRef,
    code: str,
    team_code: str,
    reason: str,
    now: datetime,
) -> Outcome:
    """Transfer to another task force: at once for a lead or office, else as a request."""

    async def change(issue: Issue, actor: Actor) -> list[IssueEvent]:
        team = await find_task_force(uow, team_code)
        assert team.id is not None
        if intake.may_transfer_directly(issue, actor):
            events = [intake.transfer(issue, actor, now, team.id, reason, ctx.calendar)]
            require_staffed(team)
            return events + await assign_round_robin(uow, issue, team, now)
        current = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
        lead_exists = current is not None and current.lead_id is not None
        asked = intake.request_transfer(issue, actor, now, team.id, reason, lead_exists)
        require_staffed(team)
        return [asked]

    return await act(uow, ctx, actor_id, code, now, change)


async def claim(uow: UnitOfWork, ctx: Context, actor_id: int, code: str, now: datetime) -> Outcome:
    """Sign for the issue (签收); of many officers claiming at once exactly one wins."""
    return await act(uow, ctx, actor_id, code, now, lambda i, a: handling.claim(i, a, now))


async def reply(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int,
    code: str,
    text: str,
    now: datetime,
    attachments: tuple[Attachment, ...] = (),
) -> Outcome:
    """Reply to the enterprise, with any files."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: handling.reply(i, a, now, text, attachments)
    )


async def ask_info(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int,
    code: str,
    text: str,
    now: datetime,
    attachments: tuple[Attachment, ...] = (),
) -> Outcome:
    """Ask the enterprise for information, with any files; the clocks pause."""
    return await act(
        uow,
        ctx,
        actor_id,
        code,
        now,
        lambda i, a: handling.ask_info(i, a, now, text, ctx.calendar, attachments),
    )


async def supply_info(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int,
    code: str,
    text: str | None,
    now: datetime,
    attachments: tuple[Attachment, ...] = (),
) -> Outcome:
    """The enterprise adds information (and resumes the clocks if it was asked for)."""
    return await act(
        uow,
        ctx,
        actor_id,
        code,
        now,
        lambda i, a: handling.supply_info(i, a, now, text, ctx.calendar, attachments),
    )


async def note(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, text: str, now: datetime
) -> Outcome:
    """Record progress."""
    return await act(uow, ctx, actor_id, code, now, lambda i, a: handling.note(i, a, now, text))


async def resolve(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: int,
    code: str,
    text: str,
    now: datetime,
    attachments: tuple[Attachment, ...] = (),
) -> Outcome:
    """Send the resolution, with any files, and ask the enterprise to confirm."""
    return await act(
        uow,
        ctx,
        actor_id,
        code,
        now,
        lambda i, a: handling.resolve(i, a, now, text, ctx.calendar, attachments),
    )


async def return_issue(
    uow: UnitOfWork, ctx: Context, actor_id: int, code: str, reason: str, now: datetime
) -> Outcome:
    """Return the issue to the dispatch desk (退单)."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: intake.return_issue(i, a, now, reason)
    )


async def add_co_handler(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: ActorRef,
    code: str,
    team_code: str,
    now: datetime,
) -> Outcome:
    """Add a co-handling task force (协办)."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        team = await find_task_force(uow, team_code)
        assert team.id is not None
        return handling.add_co_handler(issue, actor, now, team.id)

    return await act(uow, ctx, actor_id, code, now, change)


async def reject_issue(
    uow: UnitOfWork, ctx: Context, actor_id: ActorRef, code: str, reason: str, now: datetime
) -> Outcome:
    """Decline an out-of-scope issue (不予受理)."""
    return await act(
        uow, ctx, actor_id, code, now, lambda i, a: intake.reject_issue(i, a, now, reason)
    )


async def assign(
    uow: UnitOfWork, ctx: Context, actor_id: ActorRef, code: str, person_id: int, now: datetime
) -> Outcome:
    """The lead names the officer who should sign for an unclaimed issue."""

    async def change(issue: Issue, actor: Actor) -> IssueEvent:
        check("assign_member", issue, actor)
        team = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
        officers = (team.member_ids | {team.lead_id}) if team is not None else frozenset()
        if person_id not in officers:
            raise InvalidInput(
                "assign.not_officer", "that person is not an officer of the task force"
            )
        return intake.assign_member(issue, actor, now, person_id)

    return await act(uow, ctx, actor_id, code, now, change)


async def accounts_on(
    uow: UnitOfWork, team_code: str, channel: str
) -> tuple[TaskForce, list[str]]:
    """The task force and the accounts its lead and officers joined with on `channel`, lead
    first (who may make and own a group there)."""
    async with uow.reading() as reading:
        team = await find_task_force(reading, team_code)
        people = sorted(team.member_ids - {team.lead_id})
        if team.lead_id is not None:
            people.insert(0, team.lead_id)
        accounts = []
        for person_id in people:
            person = await reading.people.get(person_id)
            identity = person.identity_on(channel) if person is not None else None
            if identity is not None:
                accounts.append(identity.external_id)
    return team, accounts

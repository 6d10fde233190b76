"""An issue's notices still in the outbox, with when each may go out and why not sooner (§9).

The playground's issue panel shows them, so that a notice held by quiet hours or working
hours (无事不扰) is not mistaken for one the bot forgot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.disturbance import Recipient, decide
from bot.domain.model import TaskForce
from bot.domain.notice import Notice, NoticeStatus
from bot.services.context import Context
from bot.services.ports import UnitOfWork
from bot.services.recipients import recipient_of


@dataclass(frozen=True)
class Waiting:
    """A queued notice: to whom (a person's name, or a task force's group), the earliest
    moment it may go (None: at the dispatcher's next round) and why it waits.

    `reason` is the delivery rule that holds it ("quiet_hours", "working_hours", "muted"),
    "coalesced" (routine notices collapse into one message), "retry" (a send failed) or
    "due" (nothing holds it).
    """

    template: str
    until: datetime | None
    reason: str
    person: str | None = None
    task_force: TaskForce | None = None


async def waiting_notices(
    uow: UnitOfWork, ctx: Context, issue_id: int, now: datetime
) -> list[Waiting]:
    """The issue's notices not sent yet, those that may go soonest first."""
    async with uow.reading():
        queued = await uow.notices.find(status=NoticeStatus.QUEUED, issue_id=issue_id)
        found = [await _waiting(uow, ctx, notice, now) for notice in queued]
    kept = [w for w in found if w is not None]
    return sorted(kept, key=lambda w: (w.until or now, w.template))


async def _waiting(uow: UnitOfWork, ctx: Context, notice: Notice, now: datetime) -> Waiting | None:
    """None for a notice the dispatcher will drop (it has nobody to reach, or must not)."""
    team = await uow.task_forces.get(notice.task_force_id) if notice.task_force_id else None
    person = await uow.people.get(notice.person_id) if notice.person_id else None
    recipient: Recipient | None = None
    if notice.chat_id is not None:
        # A card's edit or a kept answer: nothing new rings, so no rule holds it.
        recipient = Recipient(tz=ctx.calendar.tz)
    elif team is not None:
        recipient = Recipient(tz=ctx.calendar.tz, quiet=ctx.quiet_hours, group=True)
    elif person is not None:
        recipient = recipient_of(ctx, person)
    if recipient is None:
        return None
    verdict = decide(notice.priority, notice.template, recipient, ctx.calendar, now)
    if verdict.at is None:
        return None
    held = notice.not_before if notice.not_before is not None and notice.not_before > now else None
    until, reason = (verdict.at, verdict.reason) if verdict.at > now else (held, "due")
    if held is not None and held > (until or now):
        until, reason = held, "retry" if notice.error else "coalesced"
    name = person.name if person is not None else None
    return Waiting(notice.template, until, reason, name, team if name is None else None)

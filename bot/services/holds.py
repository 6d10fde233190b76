"""Held notices timed anew when their recipient's delivery rules change (§9).

A notice held for quiet hours or a mute waits with the moment the rules gave it then. When
the person changes their quiet hours or starts or ends a mute, that moment is stale: the
rules that timed it are applied again with the person's new settings, earlier or later.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.disturbance import decide
from bot.domain.people import Person
from bot.services.context import Context
from bot.services.ports import UnitOfWork
from bot.services.recipients import recipient_of


async def retime_held(uow: UnitOfWork, ctx: Context, person: Person, now: datetime) -> int:
    """Time the person's held notices by their present settings; how many moved.

    Runs inside the caller's unit of work, so the settings and the new times commit together.
    """
    if person.id is None:
        return 0
    recipient = recipient_of(ctx, person)
    moved = 0
    for notice in await uow.notices.held_for(person.id, now):
        assert notice.id is not None and notice.not_before is not None
        verdict = decide(notice.priority, notice.template, recipient, ctx.calendar, now)
        # Refused outright (a digest during a mute): due now, so the dispatcher drops it
        # and says why, as it would have at its turn.
        due = verdict.at if verdict.at is not None else now
        if notice.error is not None:
            # A notice once failed may be waiting out its back-off: that wait stays.
            due = max(due, notice.not_before)
        if due != notice.not_before:
            moved += await uow.notices.retime(notice.id, due)
    return moved

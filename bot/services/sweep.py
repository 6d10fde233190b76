"""The deadline sweep: reminders, escalations, nudges and auto-closing, each exactly once (§8)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.domain import closure
from bot.domain.errors import ConcurrentUpdate
from bot.domain.escalation import due_actions, next_wake, note_action
from bot.domain.model import IssueEvent, IssueState
from bot.domain.people import SYSTEM
from bot.services.context import Context
from bot.services.ports import UnitOfWork, UnitOfWorkFactory
from bot.services.recording import CONFLICT_RETRIES, record

log = logging.getLogger(__name__)

BATCH = 200


@dataclass
class SweepReport:
    """What one sweep did."""

    issues: int = 0
    actions: int = 0
    skipped: int = 0


async def sweep(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> SweepReport:
    """Carry out everything due by `now`; only issues whose wake-up time has come are read."""
    report = SweepReport()
    seen: set[int] = set()
    while True:
        async with new_uow().reading() as uow:
            found = await uow.issues.due_ids(now, BATCH)
        fresh = [issue_id for issue_id in found if issue_id not in seen]
        for issue_id in fresh:
            seen.add(issue_id)
            try:
                done = await sweep_issue(new_uow(), ctx, issue_id, now)
            except Exception:  # one broken issue must not hold up every issue due after it
                log.exception("sweeping issue %s failed; it is tried again next time", issue_id)
                done = None
            if done is None:
                report.skipped += 1
            else:
                report.issues += 1
                report.actions += done
        # An issue that could not be saved stays due; the next sweep tries it again.
        if len(found) < BATCH or not fresh:
            return report


async def sweep_issue(uow: UnitOfWork, ctx: Context, issue_id: int, now: datetime) -> int | None:
    """Do what is due on one issue; None if it is no longer due or another sweep has it.

    The row is reloaded and locked, and every action's key is marked in the same transaction
    as the events and notices it causes, so a crash or a second instance never doubles one.
    """
    for attempt in range(CONFLICT_RETRIES + 1):
        try:
            async with uow:
                issue = await uow.issues.claim_due(issue_id, now)
                if issue is None:
                    return None
                events: list[IssueEvent] = []
                for action in due_actions(issue, ctx.calendar, now):
                    if not await uow.marks.add(action.key, issue.id, now):
                        continue
                    if action.kind == "auto_close":
                        why = "answered" if issue.state is IssueState.ANSWERED else "waiting"
                        events.append(closure.auto_close(issue, SYSTEM, now, why))
                        break
                    events.append(note_action(issue, action, now))
                issue.wake_at = next_wake(issue, ctx.calendar, now)
                await uow.issues.save(issue)
                if events:
                    await record(uow, ctx, issue, events, now)
                await uow.commit()
                return len(events)
        except ConcurrentUpdate:
            # Someone acted on the issue meanwhile: look again at the fresh row.
            if attempt == CONFLICT_RETRIES:
                log.warning("issue %s kept changing under the sweep; trying later", issue_id)
    return None

"""The outbox's side of sending: claiming due notices with what they are about, outcomes,
and answers kept for later."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import Person, Role
from bot.services.card_views import REFRESH_TEMPLATE
from bot.services.context import Context
from bot.services.ports import UnitOfWork, UnitOfWorkFactory
from bot.services.queries import IssueView, view_of
from bot.services.recipients import Delivery, locate

log = logging.getLogger(__name__)

ALERT_TEMPLATE = "notice.delivery_failed"
# The dialogs' kept answers (bot.dialogs.kept_replies renders them).
KEPT_ANSWER = "notice.kept_reply"


async def claim_deliveries(
    new_uow: UnitOfWorkFactory,
    ctx: Context,
    channel: str,
    holder: str,
    now: datetime,
    until: datetime,
    limit: int,
) -> list[Delivery]:
    """Claim the most pressing due notices for `holder` and say where each goes."""
    async with new_uow() as uow:
        notices = await uow.notices.claim(holder, now, until, limit, channel)
        await uow.commit()
    if not notices:
        return []
    async with new_uow().reading() as uow:
        found = [await locate(uow, ctx, channel, n) for n in notices]
    views: dict[int, IssueView] = {}
    deliveries = []
    for delivery in found:
        if delivery.chat_id is None or delivery.problem:
            deliveries.append(delivery)
            continue
        try:
            deliveries.append(await _about(new_uow, ctx, delivery, views))
        except Exception as error:  # one broken issue must not hold up the batch
            log.exception("notice %s: its issue cannot be read", delivery.notice.dedupe_key)
            deliveries.append(replace(delivery, problem=repr(error)))
    return deliveries


async def _about(
    new_uow: UnitOfWorkFactory, ctx: Context, delivery: Delivery, views: dict[int, IssueView]
) -> Delivery:
    """The delivery with the issue (or, for a card shown anew, the issues) it is about."""
    notice = delivery.notice
    wanted = [notice.issue_id] if notice.issue_id is not None else []
    items = notice.params.get("items") if notice.template == REFRESH_TEMPLATE else None
    if isinstance(items, list):
        wanted = [int(issue_id) for issue_id, _ in items]
    missing = [i for i in dict.fromkeys(wanted) if i not in views]
    if missing:
        async with new_uow().reading() as uow:
            for issue_id in missing:
                issue = await uow.issues.get_by_id(issue_id)
                assert issue is not None, f"no issue {issue_id}"
                # What each recipient may see was decided when the notice was queued.
                views[issue_id] = await view_of(uow, issue, ctx.tokenize)
    if isinstance(items, list):
        shown = tuple((str(kind), views[int(issue_id)]) for issue_id, kind in items)
        return replace(delivery, items=shown)
    if notice.issue_id is None:
        return delivery
    return replace(delivery, view=views[notice.issue_id])


async def last_normal_sent(new_uow: UnitOfWorkFactory, notice: Notice) -> datetime | None:
    """When the notice's recipient last got a routine message (for coalescing)."""
    async with new_uow().reading() as uow:
        return await uow.notices.last_sent(Priority.NORMAL, notice.person_id, notice.task_force_id)


async def record_outcomes(
    new_uow: UnitOfWorkFactory, holder: str, outcomes: list[tuple[Notice, str]], now: datetime
) -> None:
    """Keep how delivering went for each (notice, recipient) and end the claims; every admin
    hears of a notice given up, in the same transaction. Alerts are not alerted on."""
    if not outcomes:
        return
    async with new_uow() as uow:
        for notice, who in outcomes:
            if not await uow.notices.save_delivery(notice, holder):
                log.warning("notice %s was taken over by another dispatcher", notice.dedupe_key)
                continue
            if notice.status is NoticeStatus.FAILED:
                await alert_admins(uow, notice, who, now)
        await uow.commit()


async def alert_admins(uow: UnitOfWork, failed: Notice, who: str, now: datetime) -> None:
    """Queue every admin's alert of a notice given up (alerts are not alerted on)."""
    if failed.template == ALERT_TEMPLATE:
        return
    for admin in await uow.people.with_role(Role.ADMIN):
        await uow.notices.add(_alert(failed, who, admin, now))


def _alert(failed: Notice, who: str, admin: Person, now: datetime) -> Notice:
    """An admin's alert that says in words what failed: which issue, which kind of message
    (its catalog title), to whom; the outbox key stays in the log, not in the chat."""
    params = {
        "issue": str(failed.params.get("code") or "none"),
        "title": failed.template.removeprefix("notice."),
        "recipient": who,
        "error": (failed.error or "")[:200],
    }
    return Notice(
        f"alert:{failed.id}:{admin.id}",
        Priority.HIGH,
        ALERT_TEMPLATE,
        now,
        params=params,
        person_id=admin.id,
    )


async def answers_waiting(new_uow: UnitOfWorkFactory, chat_id: str) -> bool:
    """Whether answers kept for the chat still wait to be sent (a new one must not pass them)."""
    async with new_uow().reading() as uow:
        return await uow.notices.waiting_for(chat_id, KEPT_ANSWER)


async def keep_answers(
    new_uow: UnitOfWorkFactory,
    channel: str,
    key: str,
    answers: list[tuple[str, dict[str, object]]],
    now: datetime,
) -> int:
    """Queue answers (chat, reply parameters) that could not be sent at once, in order, for
    the dispatcher; `key` names the turn, so keeping them twice queues them once."""
    async with new_uow() as uow:
        kept = 0
        for n, (chat_id, params) in enumerate(answers):
            notice = Notice(
                f"answer:{channel}:{key}:{n}",
                Priority.HIGH,
                KEPT_ANSWER,
                now,
                params=dict(params),
                channel=channel,
                chat_id=chat_id,
            )
            kept += await uow.notices.add(notice)
        await uow.commit()
    return kept

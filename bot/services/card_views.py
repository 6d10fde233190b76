"""Cards already sent, kept so that a change to their issue shows on them too (§10).

A sent message that shows cards is remembered card by card; when an event changes what a
card shows, every message holding a card of that issue is queued to be shown anew, whole
(a bundle keeps all its cards and their buttons).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.model import Issue, IssueEvent
from bot.domain.notice import MessageView, Notice, Priority
from bot.domain.notification import changes_cards
from bot.services.ports import UnitOfWork, UnitOfWorkFactory

REFRESH_TEMPLATE = "notice.refresh"
# One kept card: (issue id, kind, person reading, task force whose group reads).
Shown = tuple[int, str, int | None, int | None]


async def keep_views(
    new_uow: UnitOfWorkFactory,
    channel: str,
    sent: Sequence[tuple[str, str, Sequence[Shown]]],
    now: datetime,
) -> None:
    """Remember the cards of sent messages: (chat, message id, cards in order)."""
    rows = [
        MessageView(channel, chat, message, position, issue_id, kind, now, person, team)
        for chat, message, cards in sent
        for position, (issue_id, kind, person, team) in enumerate(cards)
    ]
    if not rows:
        return
    async with new_uow() as uow:
        for row in rows:
            await uow.views.add(row)
        await uow.commit()


async def queue_refreshes(
    uow: UnitOfWork, issue: Issue, events: list[IssueEvent], now: datetime
) -> int:
    """Queue every message showing a card of the issue to be shown anew, if the events
    change what cards show; in the transaction that records the events."""
    changing = [e for e in events if changes_cards(e)]
    if not changing or issue.id is None:
        return 0
    last = changing[-1].id
    messages = dict.fromkeys(
        (v.channel, v.chat_id, v.message_id) for v in await uow.views.of_issue(issue.id)
    )
    queued = 0
    for channel, chat, message in messages:
        cards = await uow.views.of_message(channel, chat, message)
        reader = cards[0]
        notice = Notice(
            f"refresh:{last}:{channel}:{chat}:{message}",
            Priority.HIGH,
            REFRESH_TEMPLATE,
            now,
            params={"message": message, "items": [[c.issue_id, c.kind] for c in cards]},
            person_id=reader.person_id,
            task_force_id=reader.task_force_id,
            issue_id=issue.id,
            channel=channel,
            chat_id=chat,
        )
        queued += await uow.notices.add(notice)
    return queued

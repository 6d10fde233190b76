"""Cards already sent, kept so that a change to their issue shows on them too (§10).

A sent message that shows cards is remembered card by card; when an event changes what a
card shows, every message holding a card of that issue is queued to be shown anew, whole
(a bundle keeps all its cards and their buttons). A message edited into something else
forgets the cards it showed, so it is never overwritten by a later change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.model import Issue, IssueEvent
from bot.domain.notice import MessageView, Notice, Priority
from bot.domain.notification import changes_cards
from bot.services.ports import UnitOfWork, UnitOfWorkFactory

REFRESH_TEMPLATE = "notice.refresh"
# A request card once its request is decided: it shows that decision for good, never the
# next request (which comes as a message of its own).
REQUEST, DECIDED = "request", "decided"
FINAL_KINDS = frozenset({DECIDED})
# One kept card: (issue id, kind, person reading, task force whose group reads).
Shown = tuple[int, str, int | None, int | None]


@dataclass(frozen=True)
class Screen:
    """A message sent or edited, and every card it shows now (none: it shows no card)."""

    channel: str
    chat_id: str
    message_id: str
    cards: tuple[Shown, ...]
    at: datetime


def screens_after(
    channel: str,
    chat_id: str,
    edited: str | None,
    sent: str,
    cards: tuple[Shown, ...],
    at: datetime,
) -> list[Screen]:
    """What one delivered reply changed: a new message with cards, or the message it edited
    (which now shows exactly the reply's cards, maybe none). An edit that fell back to a new
    message leaves the old message unkept."""
    screens = []
    if edited is not None and edited != sent:
        screens.append(Screen(channel, chat_id, edited, (), at))
    if cards or edited == sent:
        screens.append(Screen(channel, chat_id, sent, cards, at))
    return screens


async def show_screens(uow: UnitOfWork, screens: Sequence[Screen]) -> None:
    """Write what the messages show now, inside the caller's transaction."""
    for screen in screens:
        views = [
            MessageView(
                screen.channel,
                screen.chat_id,
                screen.message_id,
                position,
                issue_id,
                kind,
                screen.at,
                person,
                team,
            )
            for position, (issue_id, kind, person, team) in enumerate(screen.cards)
        ]
        await uow.views.show(screen.channel, screen.chat_id, screen.message_id, views)


async def keep_screens(new_uow: UnitOfWorkFactory, screens: Sequence[Screen]) -> None:
    """Write what the messages show now, in a transaction of its own."""
    if not screens:
        return
    async with new_uow() as uow:
        await show_screens(uow, screens)
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
        (v.channel, v.chat_id, v.message_id)
        for v in await uow.views.of_issue(issue.id)
        if v.kind not in FINAL_KINDS
    )
    queued = 0
    for channel, chat, message in messages:
        cards = await _settled(uow, issue, await uow.views.of_message(channel, chat, message))
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


async def _settled(uow: UnitOfWork, issue: Issue, cards: list[MessageView]) -> list[MessageView]:
    """The message's cards, a request card of the issue turned final once nothing is pending."""
    if issue.pending is not None or not any(_asks(c, issue) for c in cards):
        return cards
    settled = [replace(c, kind=DECIDED) if _asks(c, issue) else c for c in cards]
    first = cards[0]
    await uow.views.show(first.channel, first.chat_id, first.message_id, settled)
    return settled


def _asks(card: MessageView, issue: Issue) -> bool:
    return card.issue_id == issue.id and card.kind == REQUEST

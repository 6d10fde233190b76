"""Handing queued notices to a channel: who gets them where, in which language, about what."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.notice import Notice, NoticeStatus
from bot.domain.people import OPERATOR
from bot.services.ports import UnitOfWork, UnitOfWorkFactory
from bot.services.queries import IssueView, show_issue


@dataclass(frozen=True)
class Delivery:
    """A queued notice with its chat on the channel (None: unreachable there) and language."""

    notice: Notice
    chat_id: str | None
    language: str | None
    view: IssueView | None


async def due_deliveries(new_uow: UnitOfWorkFactory, channel: str, limit: int) -> list[Delivery]:
    """The most pressing queued notices, each with where and how to say it."""
    async with new_uow() as uow:
        notices = await uow.notices.queued(limit)
        found = [await _locate(uow, channel, n) for n in notices]
    views: dict[int, IssueView] = {}
    for notice in notices:
        if notice.issue_id is not None and notice.issue_id not in views:
            views[notice.issue_id] = await _view(new_uow, notice.issue_id)
    return [
        Delivery(n, chat, language, views.get(n.issue_id) if n.issue_id else None)
        for n, (chat, language) in zip(notices, found, strict=True)
    ]


async def record_delivery(
    uow: UnitOfWork, notice: Notice, status: NoticeStatus, sent_ref: str | None = None
) -> None:
    """Keep how delivering the notice went."""
    notice.attempts += 1
    notice.status = status
    notice.sent_ref = sent_ref
    async with uow:
        await uow.notices.save_delivery(notice)
        await uow.commit()


async def _locate(uow: UnitOfWork, channel: str, notice: Notice) -> tuple[str | None, str | None]:
    if notice.task_force_id is not None:
        team = await uow.task_forces.get(notice.task_force_id)
        if team is None or not team.group_chat:
            return None, None
        return team.group_chat, team.language
    if notice.person_id is None:
        return None, None
    person = await uow.people.get(notice.person_id)
    if person is None:
        return None, None
    chats = [i.chat_id or i.external_id for i in person.identities if i.channel == channel]
    return (chats[0] if chats else None), person.language


async def _view(new_uow: UnitOfWorkFactory, issue_id: int) -> IssueView:
    async with new_uow() as uow:
        issue = await uow.issues.get_by_id(issue_id)
    assert issue is not None
    # The renderer needs the whole issue; what each recipient may see was decided at queueing.
    return await show_issue(new_uow(), OPERATOR, issue.code)

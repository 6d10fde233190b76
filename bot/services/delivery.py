"""Handing queued notices to a channel: who gets them where, in which language, about what."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain.model import Project, TaskForce
from bot.domain.notice import Notice, NoticeStatus, Priority
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
    project: Project | None = None
    task_force: TaskForce | None = None
    transfer_target: TaskForce | None = None


async def due_deliveries(new_uow: UnitOfWorkFactory, channel: str, limit: int) -> list[Delivery]:
    """The most pressing queued notices, each with where and how to say it."""
    async with new_uow().reading() as uow:
        notices = await uow.notices.queued(limit)
        found = [await _locate(uow, channel, n) for n in notices]
    about: dict[int, Delivery] = {}
    for notice, (chat, _) in zip(notices, found, strict=True):
        # Only what can be delivered is worth the issue's whole view.
        if chat is not None and notice.issue_id is not None and notice.issue_id not in about:
            about[notice.issue_id] = await _about(new_uow, notice.issue_id)
    deliveries = []
    for notice, (chat, language) in zip(notices, found, strict=True):
        known = about.get(notice.issue_id) if notice.issue_id is not None else None
        if known is None:
            deliveries.append(Delivery(notice, chat, language, None))
        else:
            deliveries.append(replace(known, notice=notice, chat_id=chat, language=language))
    return deliveries


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


async def _about(new_uow: UnitOfWorkFactory, issue_id: int) -> Delivery:
    """The issue with its project and task forces; recipient fields are filled in later."""
    async with new_uow().reading() as uow:
        issue = await uow.issues.get_by_id(issue_id)
        assert issue is not None
        project = await uow.projects.get(issue.project_id) if issue.project_id else None
        team = await uow.task_forces.get(issue.task_force_id) if issue.task_force_id else None
        target_id = issue.pending.target_task_force_id if issue.pending else None
        target = await uow.task_forces.get(target_id) if target_id else None
    # The renderer needs the whole issue; what each recipient may see was decided at queueing.
    view = await show_issue(new_uow(), OPERATOR, issue.code)
    placeholder = Notice("", Priority.NORMAL, "", issue.filed_at)
    return Delivery(placeholder, None, None, view, project, team, target)

"""The outbox's side of sending: claiming due notices, where and to whom they go, outcomes."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.disturbance import Recipient
from bot.domain.model import Project, TaskForce
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import OFFICIAL_ROLES, OPERATOR, Person, Role
from bot.services.context import Context
from bot.services.ports import UnitOfWork, UnitOfWorkFactory
from bot.services.queries import IssueView, show_issue

log = logging.getLogger(__name__)

ALERT_TEMPLATE = "notice.delivery_failed"
# The dialogs' kept answers (bot.dialogs.kept_replies renders them).
KEPT_ANSWER = "notice.kept_reply"


@dataclass(frozen=True)
class Delivery:
    """A claimed notice with its chat on the channel (None: unreachable there), the
    recipient as the delivery rules see them, and the issue it is about."""

    notice: Notice
    chat_id: str | None
    language: str | None
    recipient: Recipient | None
    who: str
    view: IssueView | None = None
    project: Project | None = None
    task_force: TaskForce | None = None
    transfer_target: TaskForce | None = None
    # Why the notice could not be prepared (an unexpected error): it is tried again later.
    problem: str | None = None


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
        notices = await uow.notices.claim(holder, now, until, limit)
        await uow.commit()
    if not notices:
        return []
    async with new_uow().reading() as uow:
        found = [await _located(uow, ctx, channel, n) for n in notices]
    about: dict[int, Delivery] = {}
    deliveries = []
    for delivery in found:
        issue_id = delivery.notice.issue_id
        if delivery.chat_id is None or issue_id is None or delivery.problem:
            deliveries.append(delivery)
            continue
        if issue_id not in about:
            try:
                about[issue_id] = await _about(new_uow, issue_id)
            except Exception as error:  # one broken issue must not hold up the batch
                log.exception("notice %s: its issue cannot be read", delivery.notice.dedupe_key)
                deliveries.append(replace(delivery, problem=repr(error)))
                continue
        known = about[issue_id]
        deliveries.append(
            replace(
                delivery,
                view=known.view,
                project=known.project,
                task_force=known.task_force,
                transfer_target=known.transfer_target,
            )
        )
    return deliveries


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
        admins = None
        for notice, who in outcomes:
            if not await uow.notices.save_delivery(notice, holder):
                log.warning("notice %s was taken over by another dispatcher", notice.dedupe_key)
                continue
            if notice.status is not NoticeStatus.FAILED or notice.template == ALERT_TEMPLATE:
                continue
            if admins is None:
                admins = await uow.people.with_role(Role.ADMIN)
            for admin in admins:
                await uow.notices.add(_alert(notice, who, admin, now))
        await uow.commit()


def _alert(failed: Notice, who: str, admin: Person, now: datetime) -> Notice:
    params = {
        "dedupe_key": failed.dedupe_key,
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


async def _located(uow: UnitOfWork, ctx: Context, channel: str, notice: Notice) -> Delivery:
    try:
        return await _locate(uow, ctx, channel, notice)
    except Exception as error:  # one broken recipient must not hold up the batch
        log.exception("notice %s: its recipient cannot be read", notice.dedupe_key)
        return Delivery(notice, None, None, None, "?", problem=repr(error))


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


async def _locate(uow: UnitOfWork, ctx: Context, channel: str, notice: Notice) -> Delivery:
    if notice.chat_id is not None:
        # Kept answers and edits of cards already sent name their chat; nothing new rings,
        # so neither quiet hours nor a mute hold them.
        return Delivery(
            notice,
            notice.chat_id,
            await _reader_language(uow, notice),
            Recipient(tz=ctx.calendar.tz),
            f"chat {notice.chat_id}",
        )
    if notice.task_force_id is not None:
        team = await uow.task_forces.get(notice.task_force_id)
        if team is None or not team.group_chat:
            return Delivery(notice, None, None, None, f"task force {notice.task_force_id}")
        group = Recipient(tz=ctx.calendar.tz, quiet=ctx.quiet_hours, group=True)
        return Delivery(notice, team.group_chat, team.language, group, f"{team.code} group")
    person = await uow.people.get(notice.person_id) if notice.person_id is not None else None
    if person is None:
        return Delivery(notice, None, None, None, f"person {notice.person_id}")
    chats = [i.chat_id or i.external_id for i in person.identities if i.channel == channel]
    chat = chats[0] if chats else None
    # The person's choice, else the language of their own words (no client code here).
    language = person.language or person.detected_language
    return Delivery(notice, chat, language, recipient_of(ctx, person), person.name)


async def _reader_language(uow: UnitOfWork, notice: Notice) -> str | None:
    if notice.person_id is not None:
        person = await uow.people.get(notice.person_id)
        return (person.language or person.detected_language) if person else None
    if notice.task_force_id is not None:
        team = await uow.task_forces.get(notice.task_force_id)
        return team.language if team else None
    return None


def recipient_of(ctx: Context, person: Person) -> Recipient:
    """A person as the delivery rules see them: their zone, quiet hours, mute and kind."""
    enterprise = person.enterprise_id is not None and not (person.roles & OFFICIAL_ROLES)
    default = ctx.enterprise_quiet_hours if enterprise else ctx.quiet_hours
    own = (person.quiet_start, person.quiet_end)
    quiet = (own[0], own[1]) if own[0] is not None and own[1] is not None else default
    tz: tzinfo
    try:
        tz = ZoneInfo(person.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ctx.calendar.tz
    return Recipient(
        tz=tz,
        quiet=quiet,
        muted_until=person.muted_until,
        digest=person.digest,
        enterprise=enterprise,
    )


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
    return Delivery(placeholder, None, None, None, "", view, project, team, target)

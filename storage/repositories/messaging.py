"""The outbox, the inbox and stored dialog state: each write is idempotent by its key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import and_, bindparam, case, func, or_, select

from bot.domain.access import DialogState, InboxEntry
from bot.domain.notice import (
    DELIVERY_FIELDS,
    PRIORITY_RANK,
    MessageView,
    Notice,
    NoticeStatus,
    Priority,
)
from storage.column_types import UtcDateTime
from storage.mapping.records import (
    dialog_from_row,
    fields_of,
    inbox_from_row,
    notice_from_row,
    notice_values,
)
from storage.repositories.base import SqlRepository
from storage.tables import dialog_states, inbox, message_views, notices

# Built once: these run on every message a person sends.
_RANK = case({p.value: r for p, r in PRIORITY_RANK.items()}, value=notices.c.priority, else_=9)
_NOW = bindparam("_now", type_=UtcDateTime())
# Due queued notices, and notices whose claimant died mid-send (its claim ran out), most
# pressing first; another instance's dispatcher skips rows locked by this claim.
CLAIMABLE = (
    select(notices.c.id)
    .where(
        or_(
            and_(
                notices.c.status == NoticeStatus.QUEUED.value,
                or_(notices.c.not_before.is_(None), notices.c.not_before <= _NOW),
            ),
            and_(notices.c.status == NoticeStatus.SENDING.value, notices.c.claimed_until < _NOW),
        ),
        notices.c.channel == bindparam("_channel"),
    )
    .order_by(_RANK, notices.c.id)
    .limit(bindparam("_limit"))
    .with_for_update(skip_locked=True)
)
_UNROUTED = (
    notices.c.status == NoticeStatus.QUEUED.value,
    notices.c.channel.is_(None),
)
UNROUTED = select(notices).where(*_UNROUTED).order_by(notices.c.id).limit(bindparam("_limit"))
ROUTE = notices.update().where(notices.c.id == bindparam("_id"), *_UNROUTED)
CLAIM = notices.update().where(notices.c.id.in_(bindparam("_ids", expanding=True)))
CLAIMED = (
    select(notices)
    .where(notices.c.id.in_(bindparam("_ids", expanding=True)))
    .order_by(_RANK, notices.c.id)
)
# Only while the claim is ours: a dispatcher whose claim ran out must not undo another's work.
SAVE_DELIVERY = notices.update().where(
    notices.c.id == bindparam("_id"),
    notices.c.status == NoticeStatus.SENDING.value,
    notices.c.claimed_by == bindparam("_holder"),
)
_LAST_SENT = {
    column: select(func.max(notices.c.sent_at)).where(
        column == bindparam("_recipient"),
        notices.c.priority == bindparam("_priority"),
        notices.c.sent_at.is_not(None),
    )
    for column in (notices.c.person_id, notices.c.task_force_id)
}
WAITING_FOR = (
    select(notices.c.id)
    .where(
        notices.c.chat_id == bindparam("_chat"),
        notices.c.template == bindparam("_template"),
        notices.c.status.in_([NoticeStatus.QUEUED.value, NoticeStatus.SENDING.value]),
    )
    .limit(1)
)
# A person's notices waiting out a hold (quiet hours, a mute, working hours, coalescing).
HELD_FOR = (
    select(notices)
    .where(
        notices.c.person_id == bindparam("_person"),
        notices.c.chat_id.is_(None),
        notices.c.status == NoticeStatus.QUEUED.value,
        notices.c.not_before > _NOW,
    )
    .order_by(notices.c.id)
)
# Only while still queued: a notice a dispatcher has claimed meanwhile is its to time.
RETIME = notices.update().where(
    notices.c.id == bindparam("_id"), notices.c.status == NoticeStatus.QUEUED.value
)
MARK_HANDLED = inbox.update().where(
    inbox.c.channel == bindparam("_channel"), inbox.c.dedupe_key == bindparam("_key")
)
UNHANDLED = (
    select(inbox)
    .where(inbox.c.channel == bindparam("_channel"), inbox.c.handled_at.is_(None))
    .order_by(inbox.c.id)
    .limit(bindparam("_limit"))
)
_DIALOG_KEY = (
    dialog_states.c.channel == bindparam("_channel"),
    dialog_states.c.chat_id == bindparam("_chat_id"),
    dialog_states.c.user_id == bindparam("_user_id"),
)
DIALOG = select(dialog_states).where(*_DIALOG_KEY)
DELETE_DIALOG = dialog_states.delete().where(*_DIALOG_KEY)
DIALOG_KEYS = ("channel", "chat_id", "user_id")


class SqlNoticeRepository(SqlRepository):
    """NoticeRepository over the notices table."""

    async def add(self, notice: Notice) -> bool:
        """Queue a notice; False (and nothing stored) if its dedupe key was queued before."""
        notice_id = await self.insert_new(notices, notice_values(notice), ["dedupe_key"])
        if notice_id is None:
            return False
        notice.id = notice_id
        return True

    async def find(
        self, status: NoticeStatus | None = None, issue_id: int | None = None
    ) -> list[Notice]:
        """Notices with this status and about this issue (None: any), oldest first."""
        statement = select(notices).order_by(notices.c.id)
        if status is not None:
            statement = statement.where(notices.c.status == status.value)
        if issue_id is not None:
            statement = statement.where(notices.c.issue_id == issue_id)
        return [notice_from_row(row) for row in await self.rows(statement)]

    async def claim(
        self, holder: str, now: datetime, until: datetime, limit: int, channel: str
    ) -> list[Notice]:
        """Take up to `limit` of the channel's due notices for sending until `until`, most
        pressing first."""
        found = await self.execute(CLAIMABLE, {"_now": now, "_limit": limit, "_channel": channel})
        ids = [int(row[0]) for row in found]
        if not ids:
            return []
        claim = {
            "status": NoticeStatus.SENDING.value,
            "claimed_by": holder,
            "claimed_until": until,
        }
        await self.execute(CLAIM, claim | {"_ids": ids})
        return [notice_from_row(row) for row in await self.rows(CLAIMED, {"_ids": ids})]

    async def unrouted(self, limit: int) -> list[Notice]:
        """Queued notices without a channel yet, oldest first."""
        return [notice_from_row(row) for row in await self.rows(UNROUTED, {"_limit": limit})]

    async def route(self, notice_id: int, channel: str) -> bool:
        """Give an unrouted notice its channel; False if it was routed or ended meanwhile."""
        result = await self.execute(ROUTE, {"_id": notice_id, "channel": channel})
        return bool(result.rowcount)

    async def give_up(self, notice_id: int, error: str) -> bool:
        """Fail an unrouted notice no channel reaches; False if it was routed meanwhile."""
        changes = {"status": NoticeStatus.FAILED.value, "error": error[:500]}
        result = await self.execute(ROUTE, {"_id": notice_id} | changes)
        return bool(result.rowcount)

    async def save_delivery(self, notice: Notice, holder: str) -> bool:
        """Record how delivering went and end the claim; False if `holder`'s claim was lost."""
        values = notice_values(notice)
        changes = {column: values[column] for column in DELIVERY_FIELDS}
        result = await self.execute(SAVE_DELIVERY, changes | {"_id": notice.id, "_holder": holder})
        return bool(result.rowcount)

    async def last_sent(
        self, priority: Priority, person_id: int | None = None, task_force_id: int | None = None
    ) -> datetime | None:
        """When a notice of this priority last went to the person, or to the task force's group."""
        column = notices.c.person_id if person_id is not None else notices.c.task_force_id
        recipient = person_id if person_id is not None else task_force_id
        result = await self.execute(
            _LAST_SENT[column], {"_recipient": recipient, "_priority": priority.value}
        )
        # max() keeps the column's type, so the value comes back as an aware datetime.
        found: datetime | None = result.scalar_one_or_none()
        return found

    async def waiting_for(self, chat_id: str, template: str) -> bool:
        """Whether notices of the template for this chat are still to be sent."""
        found = await self.execute(WAITING_FOR, {"_chat": chat_id, "_template": template})
        return found.first() is not None

    async def held_for(self, person_id: int, now: datetime) -> list[Notice]:
        """The person's queued notices not due before some moment after `now`, oldest first."""
        rows = await self.rows(HELD_FOR, {"_person": person_id, "_now": now})
        return [notice_from_row(row) for row in rows]

    async def retime(self, notice_id: int, not_before: datetime) -> bool:
        """Make a queued notice due at `not_before`; False if it is no longer queued."""
        result = await self.execute(RETIME, {"_id": notice_id, "not_before": not_before})
        return bool(result.rowcount)


class SqlInboxRepository(SqlRepository):
    """InboxRepository over the inbox table."""

    async def record(self, entry: InboxEntry) -> bool:
        """Store an incoming update; False if its (channel, dedupe key) was stored before."""
        values = asdict(entry)
        values.pop("id")
        entry_id = await self.insert_new(inbox, values, ["channel", "dedupe_key"])
        if entry_id is None:
            return False
        entry.id = entry_id
        return True

    async def mark_handled(self, channel: str, dedupe_key: str, at: datetime) -> None:
        """Record that the update was handled, so a restart does not handle it again."""
        key = {"_channel": channel, "_key": dedupe_key}
        await self.execute(MARK_HANDLED, key | {"handled_at": at})

    async def unhandled(self, channel: str, limit: int = 100) -> list[InboxEntry]:
        """Updates of the channel not handled yet, in arrival order."""
        found = await self.rows(UNHANDLED, {"_channel": channel, "_limit": limit})
        return [inbox_from_row(row) for row in found]


class SqlDialogRepository(SqlRepository):
    """DialogRepository over the dialog_states table."""

    async def get(self, channel: str, chat_id: str, user_id: str) -> DialogState | None:
        """The stored dialog of this user in this chat."""
        key = {"_channel": channel, "_chat_id": chat_id, "_user_id": user_id}
        row = await self.row(DIALOG, key)
        return dialog_from_row(row) if row else None

    async def put(self, state: DialogState) -> None:
        """Store the dialog, replacing any earlier one of the same user and chat."""
        columns = ("name", "data", "updated_at")
        statement = self.upsert("dialog_states.put", dialog_states, DIALOG_KEYS, update=columns)
        values = {
            "channel": state.channel,
            "chat_id": state.chat_id,
            "user_id": state.user_id,
            "name": state.name,
            "data": state.data,
            "updated_at": state.updated_at,
        }
        await self.execute(statement, values)

    async def delete(self, channel: str, chat_id: str, user_id: str) -> None:
        """Forget the dialog (finished or cancelled)."""
        key = {"_channel": channel, "_chat_id": chat_id, "_user_id": user_id}
        await self.execute(DELETE_DIALOG, key)


VIEWS_OF_ISSUE = (
    select(message_views)
    .where(message_views.c.issue_id == bindparam("_issue"))
    .order_by(message_views.c.id)
)
VIEWS_OF_MESSAGE = (
    select(message_views)
    .where(
        message_views.c.channel == bindparam("_channel"),
        message_views.c.chat_id == bindparam("_chat_id"),
        message_views.c.message_id == bindparam("_message_id"),
    )
    .order_by(message_views.c.position)
)
VIEW_KEYS = ("channel", "chat_id", "message_id", "position")
FORGET_MESSAGE = message_views.delete().where(
    message_views.c.channel == bindparam("_channel"),
    message_views.c.chat_id == bindparam("_chat_id"),
    message_views.c.message_id == bindparam("_message_id"),
)


class SqlViewRepository(SqlRepository):
    """ViewRepository over the message_views table."""

    async def show(
        self, channel: str, chat_id: str, message_id: str, views: Sequence[MessageView]
    ) -> None:
        """The message now shows exactly these cards (none: it is no longer kept)."""
        key = {"_channel": channel, "_chat_id": chat_id, "_message_id": message_id}
        await self.execute(FORGET_MESSAGE, key)
        for view in views:
            values = asdict(view)
            values.pop("id")
            values.update(channel=channel, chat_id=chat_id, message_id=message_id)
            # Two writers showing one message at once (a refresh and a press) must not fail.
            await self.insert_new(message_views, values, VIEW_KEYS)

    async def of_issue(self, issue_id: int) -> list[MessageView]:
        """Every card of the issue that was sent, oldest first."""
        rows = await self.rows(VIEWS_OF_ISSUE, {"_issue": issue_id})
        return [MessageView(**fields_of(row)) for row in rows]

    async def of_message(self, channel: str, chat_id: str, message_id: str) -> list[MessageView]:
        """The cards one message holds, in their order."""
        key = {"_channel": channel, "_chat_id": chat_id, "_message_id": message_id}
        return [MessageView(**fields_of(row)) for row in await self.rows(VIEWS_OF_MESSAGE, key)]

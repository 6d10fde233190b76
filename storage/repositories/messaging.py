"""The outbox, the inbox and stored dialog state: each write is idempotent by its key."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import case, select

from bot.domain.access import DialogState, InboxEntry
from bot.domain.notice import PRIORITY_RANK, Notice, NoticeStatus
from storage.mapping.records import dialog_from_row, inbox_from_row, notice_from_row, notice_values
from storage.repositories.base import SqlRepository
from storage.tables import dialog_states, inbox, notices


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

    async def queued(self, limit: int) -> list[Notice]:
        """Notices still to send: most pressing first, then oldest."""
        rank = case(
            {p.value: r for p, r in PRIORITY_RANK.items()}, value=notices.c.priority, else_=9
        )
        statement = (
            select(notices)
            .where(notices.c.status == NoticeStatus.QUEUED.value)
            .order_by(rank, notices.c.id)
            .limit(limit)
        )
        return [notice_from_row(row) for row in await self.rows(statement)]

    async def save_delivery(self, notice: Notice) -> None:
        """Record how delivering the notice went: status, attempts, the sent message."""
        await self.execute(
            notices.update()
            .where(notices.c.id == notice.id)
            .values(status=notice.status.value, attempts=notice.attempts, sent_ref=notice.sent_ref)
        )


class SqlInboxRepository(SqlRepository):
    """InboxRepository over the inbox table."""

    async def record(self, entry: InboxEntry) -> bool:
        """Store an incoming update; False if this (channel, update id) was stored before."""
        values = asdict(entry)
        values.pop("id")
        entry_id = await self.insert_new(inbox, values, ["channel", "update_id"])
        if entry_id is None:
            return False
        entry.id = entry_id
        return True

    async def mark_handled(self, channel: str, update_id: str, at: datetime) -> None:
        """Record that the update was handled, so a restart does not handle it again."""
        await self.execute(
            inbox.update()
            .where(inbox.c.channel == channel, inbox.c.update_id == update_id)
            .values(handled_at=at)
        )

    async def unhandled(self, channel: str, limit: int = 100) -> list[InboxEntry]:
        """Updates of the channel not handled yet, in arrival order."""
        statement = (
            select(inbox)
            .where(inbox.c.channel == channel, inbox.c.handled_at.is_(None))
            .order_by(inbox.c.id)
            .limit(limit)
        )
        return [inbox_from_row(row) for row in await self.rows(statement)]


class SqlDialogRepository(SqlRepository):
    """DialogRepository over the dialog_states table."""

    async def get(self, channel: str, chat_id: str, user_id: str) -> DialogState | None:
        """The stored dialog of this user in this chat."""
        statement = select(dialog_states).where(
            dialog_states.c.channel == channel,
            dialog_states.c.chat_id == chat_id,
            dialog_states.c.user_id == user_id,
        )
        row = await self.row(statement)
        return dialog_from_row(row) if row else None

    async def put(self, state: DialogState) -> None:
        """Store the dialog, replacing any earlier one of the same user and chat."""
        keys = ["channel", "chat_id", "user_id"]
        await self.execute(self.upsert(dialog_states, asdict(state), keys))

    async def delete(self, channel: str, chat_id: str, user_id: str) -> None:
        """Forget the dialog (finished or cancelled)."""
        await self.execute(
            dialog_states.delete().where(
                dialog_states.c.channel == channel,
                dialog_states.c.chat_id == chat_id,
                dialog_states.c.user_id == user_id,
            )
        )

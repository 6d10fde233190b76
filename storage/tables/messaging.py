"""Messages in and out and conversation state: outbox, inbox, dialogs, invites."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.column_types import json_type
from storage.tables.base import Base


class NoticeRow(Base):
    """The outbox: one message owed to a person or a task force's group."""

    __tablename__ = "notices"
    __table_args__ = (
        # The dispatcher picks due, queued notices from this index.
        Index("ix_notices_status_not_before", "status", "not_before"),
        # Coalescing asks when a recipient last got a message.
        Index("ix_notices_person_id_sent_at", "person_id", "sent_at"),
        Index("ix_notices_task_force_id_sent_at", "task_force_id", "sent_at"),
        # A turn asks whether answers kept for its chat still wait, so as not to overtake them.
        Index("ix_notices_chat_id_status", "chat_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(255), unique=True)
    priority: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(128))
    params: Mapped[Any] = mapped_column(json_type())
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    task_force_id: Mapped[int | None] = mapped_column(ForeignKey("task_forces.id"))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"), index=True)
    channel: Mapped[str | None] = mapped_column(String(32))
    # A chat named outright: an answer that waits in the outbox, or a card's message edited.
    chat_id: Mapped[str | None] = mapped_column(String(128))
    not_before: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    sent_ref: Mapped[str | None] = mapped_column(String(255))
    sent_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class InviteRow(Base):
    """A one-time invite; only the hash of its code is kept."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    task_force_id: Mapped[int | None] = mapped_column(ForeignKey("task_forces.id"))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    # The official the invite was issued for, whose chat it links; None: whoever redeems it.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))


class DialogStateRow(Base):
    """Where one user is in a conversation in one chat."""

    __tablename__ = "dialog_states"

    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    data: Mapped[Any] = mapped_column(json_type())
    updated_at: Mapped[datetime]


class InboxRow(Base):
    """An incoming update, stored before the platform is told it arrived."""

    __tablename__ = "inbox"
    __table_args__ = (
        # What can really repeat: a delivery of the same update, not a renumbered new one.
        UniqueConstraint("channel", "dedupe_key"),
        # Restart recovery scans a channel's unhandled updates in arrival order.
        Index("ix_inbox_channel_handled_at_id", "channel", "handled_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    update_id: Mapped[str] = mapped_column(String(128))
    dedupe_key: Mapped[str] = mapped_column(String(128))
    payload: Mapped[Any] = mapped_column(json_type())
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer)


class MessageViewRow(Base):
    """A card of an issue in a sent message, re-rendered when the issue changes.

    A message bundling several notices holds one row per card, by position.
    """

    __tablename__ = "message_views"
    __table_args__ = (UniqueConstraint("channel", "chat_id", "message_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    message_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    task_force_id: Mapped[int | None] = mapped_column(ForeignKey("task_forces.id"))
    created_at: Mapped[datetime]

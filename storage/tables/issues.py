"""Issues flattened into one row each, their co-handlers, timeline and code counters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Double, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.column_types import json_type
from storage.tables.base import Base


class IssueRow(Base):
    """The issue aggregate; each clock is spread over `<clock>_*` columns."""

    __tablename__ = "issues"
    __table_args__ = (
        # The sweep and /overdue list running deadlines straight from these indexes.
        Index("ix_issues_state_next_due_at", "state", "next_due_at"),
        Index("ix_issues_next_due_at", "next_due_at"),
        Index("ix_issues_assignee_id_state", "assignee_id", "state"),
        # The deadline sweep reads only the issues whose wake-up time has come.
        Index("ix_issues_wake_at_id", "wake_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    # The filing request's own key (a dialog's draft): the same request never files twice.
    request_key: Mapped[str | None] = mapped_column(String(96), unique=True)
    version: Mapped[int] = mapped_column(Integer)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    filed_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    category: Mapped[str] = mapped_column(String(64))
    urgency: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    filed_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(32))
    policy: Mapped[Any] = mapped_column(json_type())
    direct_report: Mapped[bool] = mapped_column(Boolean)
    attachments: Mapped[Any] = mapped_column(json_type())
    task_force_id: Mapped[int | None] = mapped_column(ForeignKey("task_forces.id"), index=True)
    accountable_task_force_id: Mapped[int | None] = mapped_column(
        ForeignKey("task_forces.id"), index=True
    )
    co_handler_ids: Mapped[Any] = mapped_column(json_type())
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    assigned_at: Mapped[datetime | None]
    extensions_granted: Mapped[int] = mapped_column(Integer)
    pending: Mapped[Any | None] = mapped_column(json_type())
    escalation_level: Mapped[int] = mapped_column(Integer)
    supervised_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    rating: Mapped[int | None] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(Text)
    last_activity_at: Mapped[datetime | None]
    waiting_since: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    next_due_at: Mapped[datetime | None]
    wake_at: Mapped[datetime | None]

    sign_due_at: Mapped[datetime | None]
    sign_budget: Mapped[float | None] = mapped_column(Double)
    sign_remind_at: Mapped[datetime | None]
    sign_cycle: Mapped[int | None] = mapped_column(Integer)
    sign_paused_remaining: Mapped[float | None] = mapped_column(Double)
    sign_met_at: Mapped[datetime | None]
    sign_on_time: Mapped[bool | None] = mapped_column(Boolean)

    reply_due_at: Mapped[datetime | None]
    reply_budget: Mapped[float | None] = mapped_column(Double)
    reply_remind_at: Mapped[datetime | None]
    reply_cycle: Mapped[int | None] = mapped_column(Integer)
    reply_paused_remaining: Mapped[float | None] = mapped_column(Double)
    reply_met_at: Mapped[datetime | None]
    reply_on_time: Mapped[bool | None] = mapped_column(Boolean)

    resolve_due_at: Mapped[datetime | None]
    resolve_budget: Mapped[float | None] = mapped_column(Double)
    resolve_remind_at: Mapped[datetime | None]
    resolve_cycle: Mapped[int | None] = mapped_column(Integer)
    resolve_paused_remaining: Mapped[float | None] = mapped_column(Double)
    resolve_met_at: Mapped[datetime | None]
    resolve_on_time: Mapped[bool | None] = mapped_column(Boolean)


class IssueCoHandlerRow(Base):
    """Index of co-handling task forces, so "issues of these task forces" stays in SQL."""

    __tablename__ = "issue_co_handlers"

    issue_id: Mapped[int] = mapped_column(
        ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True
    )
    task_force_id: Mapped[int] = mapped_column(
        ForeignKey("task_forces.id"), primary_key=True, index=True
    )


class IssueEventRow(Base):
    """One line of an issue's append-only timeline."""

    __tablename__ = "issue_events"
    __table_args__ = (
        Index("ix_issue_events_issue_id_id", "issue_id", "id"),
        # Reports read one kind of event over a period (the week's level-3 escalations).
        Index("ix_issue_events_kind_at", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No cascade: the timeline is the audit trail and outlives any attempt to delete an issue.
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"))
    kind: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    data: Mapped[Any] = mapped_column(json_type())


class CounterRow(Base):
    """A named sequence, such as `issue:2026` for the public issue codes."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)

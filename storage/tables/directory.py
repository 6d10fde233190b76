"""Who is who: task forces, people, their roles and identities, enterprises, projects."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.column_types import json_type
from storage.tables.base import Base


class TaskForceRow(Base):
    """An industry task force, team or zone team."""

    __tablename__ = "task_forces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_zh: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    industries: Mapped[Any] = mapped_column(json_type())
    keywords: Mapped[Any] = mapped_column(json_type())
    assignment: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    # Channel name -> the chat id of the task force's group there.
    group_chats: Mapped[Any] = mapped_column(json_type())
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    supervising_leader_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean)


class TaskForceMemberRow(Base):
    """Membership of a person in a task force."""

    __tablename__ = "task_force_members"

    task_force_id: Mapped[int] = mapped_column(
        ForeignKey("task_forces.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PersonRow(Base):
    """Anyone who uses the bot."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str | None] = mapped_column(String(128), unique=True)
    name: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    detected_language: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64))
    quiet_start: Mapped[time | None] = mapped_column(Time)
    quiet_end: Mapped[time | None] = mapped_column(Time)
    muted_until: Mapped[datetime | None]
    digest: Mapped[bool] = mapped_column(Boolean)
    on_leave: Mapped[bool] = mapped_column(Boolean)
    phone: Mapped[str | None] = mapped_column(String(64))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), index=True)
    enterprise_admin: Mapped[bool] = mapped_column(Boolean)
    preferred_channel: Mapped[str | None] = mapped_column(String(32))


class PersonRoleRow(Base):
    """One role a person holds."""

    __tablename__ = "person_roles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class ChannelIdentityRow(Base):
    """Who a person is on one chat channel; an external id belongs to one person only."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    chat_id: Mapped[str | None] = mapped_column(String(128))


class EnterpriseRow(Base):
    """A registered enterprise or project owner."""

    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    zone: Mapped[str | None] = mapped_column(String(128))
    # people and enterprises refer to each other, so this key is added after both exist.
    cadre_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", use_alter=True), index=True
    )
    registered_at: Mapped[datetime | None]


class ProjectRow(Base):
    """An investment project of an enterprise."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    industry: Mapped[str] = mapped_column(String(64))
    stage: Mapped[str] = mapped_column(String(32))
    investment_amount: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    investment_currency: Mapped[str | None] = mapped_column(String(3))
    zone: Mapped[str | None] = mapped_column(String(128))
    flagged: Mapped[bool] = mapped_column(Boolean)
    city_coordinated: Mapped[bool] = mapped_column(Boolean)

"""What the scheduler keeps: the keys of actions done, and leases between instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables.base import Base


class ActionMarkRow(Base):
    """A sweep action that was carried out; its key makes it happen once (§13)."""

    __tablename__ = "action_marks"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"), index=True)
    done_at: Mapped[datetime]


class LeaseRow(Base):
    """A job only one instance may run at a time, held until `expires_at` unless renewed."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]

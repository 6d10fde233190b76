"""One-time invites for officials and enterprise colleagues (§14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import Role


@dataclass
class Invite:
    """An expiring, single-use code; only its hash is stored.

    With `person_id` it is one named official's way into chat: redeeming it links the chat
    to that person, whose roles and task forces stay as they are.
    """

    code_hash: str
    role: Role
    created_at: datetime
    expires_at: datetime
    task_force_id: int | None = None
    enterprise_id: int | None = None
    created_by: int | None = None
    used_at: datetime | None = None
    used_by: int | None = None
    person_id: int | None = None
    id: int | None = None

    def usable(self, now: datetime) -> bool:
        """True if the invite is neither used nor expired."""
        return self.used_at is None and now < self.expires_at


@dataclass
class DialogState:
    """Where a person is in a conversation, kept in the database across restarts."""

    channel: str
    chat_id: str
    user_id: str
    name: str
    data: dict[str, object]
    updated_at: datetime


@dataclass
class InboxEntry:
    """An incoming update, stored before it is acknowledged to the platform (§13).

    `dedupe_key` names what can really arrive twice (a redelivery of the same update); the
    platform's `update_id` alone does not, as platforms number updates afresh.
    """

    channel: str
    update_id: str
    dedupe_key: str
    payload: dict[str, object]
    received_at: datetime
    handled_at: datetime | None = None
    attempts: int = 0
    id: int | None = None

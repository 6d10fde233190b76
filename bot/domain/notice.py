"""A message the bot owes someone, waiting in the outbox (§9, §13)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Priority(StrEnum):
    """Delivery classes of §9, most pressing first."""

    CRITICAL = "critical"
    HIGH = "high"
    NORMAL = "normal"
    DIGEST = "digest"


PRIORITY_RANK = {Priority.CRITICAL: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.DIGEST: 3}


class NoticeStatus(StrEnum):
    """Where a notice is in its delivery."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DROPPED = "dropped"


# What recording a delivery attempt writes back: its outcome, and the end of the claim.
DELIVERY_FIELDS = (
    "status",
    "attempts",
    "sent_ref",
    "sent_at",
    "not_before",
    "claimed_by",
    "claimed_until",
    "error",
)


@dataclass
class Notice:
    """One message to one person, or to a task force's group chat.

    `template` names the catalog text and `params` fill it, so the text is rendered in the
    recipient's language when it is sent. `dedupe_key` is unique: a key is sent at most once.
    """

    dedupe_key: str
    priority: Priority
    template: str
    created_at: datetime
    params: dict[str, Any] = field(default_factory=dict)
    person_id: int | None = None
    task_force_id: int | None = None
    issue_id: int | None = None
    channel: str | None = None
    # A chat named outright (an answer kept for later, a card's message to edit).
    chat_id: str | None = None
    not_before: datetime | None = None
    status: NoticeStatus = NoticeStatus.QUEUED
    attempts: int = 0
    sent_ref: str | None = None
    sent_at: datetime | None = None
    # A dispatcher's claim: while it lasts, no other dispatcher takes the notice.
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    error: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class MessageView:
    """A card of an issue inside a message the bot sent, kept to re-render it later.

    `kind` is why the card was sent (group post, direct report, ...); a message bundling
    several cards has one view per card, numbered by `position`.
    """

    channel: str
    chat_id: str
    message_id: str
    position: int
    issue_id: int
    kind: str
    created_at: datetime
    person_id: int | None = None
    task_force_id: int | None = None
    id: int | None = None

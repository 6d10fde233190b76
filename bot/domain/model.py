"""The issue aggregate and the people, task forces and enterprises around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bot.domain.policy import PolicySnapshot


class IssueState(StrEnum):
    """States of §5."""

    FILED = "filed"
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING_ENTERPRISE = "waiting_enterprise"
    ANSWERED = "answered"
    RETURNED = "returned"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"


FINAL_STATES = frozenset({IssueState.CLOSED, IssueState.WITHDRAWN, IssueState.REJECTED})
OPEN_STATES = frozenset(IssueState) - FINAL_STATES


class Urgency(StrEnum):
    """How fast the issue must be handled."""

    NORMAL = "normal"
    URGENT = "urgent"


class ClockName(StrEnum):
    """The three clocks of §7."""

    SIGN = "sign"
    REPLY = "reply"
    RESOLVE = "resolve"


class Stage(StrEnum):
    """Project stages of measure 12."""

    LEAD = "lead"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    UNDER_WAY = "under_way"
    LANDED = "landed"


@dataclass
class Clock:
    """One deadline; paused clocks keep the working seconds they had left.

    `budget` is the working time the clock allows in all; `remind_at` is when 75% of it
    (the policy's fraction) is used; `cycle` counts new deadlines (extension, reopening) so
    that each deadline gets its own reminder and escalations.
    """

    name: ClockName
    due_at: datetime
    budget: float
    remind_at: datetime
    cycle: int = 0
    paused_remaining: float | None = None
    met_at: datetime | None = None
    on_time: bool | None = None

    @property
    def running(self) -> bool:
        """True while the clock counts down."""
        return self.met_at is None and self.paused_remaining is None

    @property
    def paused(self) -> bool:
        """True while the clock is stopped but not met."""
        return self.met_at is None and self.paused_remaining is not None


@dataclass(frozen=True)
class Attachment:
    """A photo or document the enterprise sent; `file_ref` is the channel's file id."""

    kind: str
    file_ref: str
    name: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class PendingRequest:
    """An extension or transfer waiting for approval."""

    kind: str
    requested_by: int
    requested_at: datetime
    reason: str
    approver: str
    new_due: date | None = None
    target_task_force_id: int | None = None


@dataclass
class Issue:
    """The aggregate: everything about one reported problem."""

    code: str
    enterprise_id: int
    filed_by: int
    category: str
    urgency: Urgency
    text: str
    language: str
    filed_at: datetime
    policy: PolicySnapshot
    clocks: dict[ClockName, Clock]
    state: IssueState = IssueState.FILED
    project_id: int | None = None
    direct_report: bool = False
    attachments: tuple[Attachment, ...] = ()
    task_force_id: int | None = None
    accountable_task_force_id: int | None = None
    co_handler_ids: frozenset[int] = frozenset()
    assignee_id: int | None = None
    assigned_at: datetime | None = None
    extensions_granted: int = 0
    pending: PendingRequest | None = None
    escalation_level: int = 0
    supervised_by: int | None = None
    rating: int | None = None
    feedback: str | None = None
    last_activity_at: datetime | None = None
    waiting_since: datetime | None = None
    answered_at: datetime | None = None
    closed_at: datetime | None = None
    request_key: str | None = None
    # When the deadline sweep must look at the issue next (escalation.wake_at keeps it).
    wake_at: datetime | None = None
    id: int | None = None
    version: int = 0

    @property
    def is_open(self) -> bool:
        """True until the issue is closed, withdrawn or rejected."""
        return self.state in OPEN_STATES

    def next_due(self) -> datetime | None:
        """The earliest deadline of a running clock."""
        running = [c.due_at for c in self.clocks.values() if c.running]
        return min(running) if running else None


@dataclass(frozen=True)
class IssueEvent:
    """One line of the append-only timeline."""

    kind: str
    at: datetime
    actor_id: int | None
    from_state: IssueState | None
    to_state: IssueState
    text: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass
class TaskForce:
    """An industry task force (产业专班), team or zone team."""

    code: str
    name_zh: str
    name_en: str
    kind: str = "industry"
    industries: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    assignment: str = "claim"
    language: str = "zh"
    # The task force's group on each channel that has one: channel name -> chat id.
    group_chats: dict[str, str] = field(default_factory=dict)
    lead_id: int | None = None
    supervising_leader_id: int | None = None
    member_ids: frozenset[int] = frozenset()
    active: bool = True
    id: int | None = None

    def group_on(self, channel: str) -> str | None:
        """The chat id of the task force's group on the channel, if it has one there."""
        return self.group_chats.get(channel)


@dataclass
class Enterprise:
    """A registered enterprise or project owner."""

    name: str
    credit_code: str
    zone: str | None = None
    cadre_id: int | None = None
    registered_at: datetime | None = None
    id: int | None = None


@dataclass
class Project:
    """An investment project of an enterprise."""

    enterprise_id: int
    name: str
    industry: str
    stage: Stage = Stage.LEAD
    investment_amount: Decimal | None = None
    investment_currency: str | None = None
    zone: str | None = None
    flagged: bool = False
    city_coordinated: bool = False
    id: int | None = None

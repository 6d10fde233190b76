"""What the use cases need from storage: repositories and a unit of work (cosmicpython)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol

from bot.domain.access import DialogState, InboxEntry, Invite
from bot.domain.model import Enterprise, Issue, IssueEvent, IssueState, Project, TaskForce
from bot.domain.notice import MessageView, Notice, NoticeStatus, Priority
from bot.domain.people import Actor, ChannelIdentity, Person, Role


@dataclass(frozen=True)
class IssueQuery:
    """Filters for listing issues; None means any."""

    states: frozenset[IssueState] | None = None
    enterprise_id: int | None = None
    task_force_ids: frozenset[int] | None = None
    assignee_id: int | None = None
    overdue_at: datetime | None = None
    supervised_by: int | None = None
    # With task_force_ids: only issues those task forces hold or help with, not ones they
    # stay accountable for after passing them on (首接负责).
    held_only: bool = False
    # Only issues with a request waiting for a decision.
    pending_only: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class TeamCounts:
    """One task force's issue counts, for overviews and the weekly summary (measure 15).

    `filed` and `closed` count since the moment asked for; `met` resolution clocks were met,
    `on_time` of them in time; `ratings` is how many issues were rated, `rating_sum` the total
    and `satisfied` how many were rated 4 or 5.
    """

    open: int = 0
    overdue: int = 0
    filed: int = 0
    closed: int = 0
    met: int = 0
    on_time: int = 0
    ratings: int = 0
    rating_sum: int = 0
    satisfied: int = 0


class IssueRepository(Protocol):
    """Issues; `save` refuses a stale version with ConcurrentUpdate."""

    async def add(self, issue: Issue) -> Issue: ...
    async def get(self, code: str) -> Issue | None: ...
    async def get_by_id(self, issue_id: int) -> Issue | None: ...
    async def by_request_key(self, key: str) -> Issue | None: ...
    async def save(self, issue: Issue) -> None: ...
    async def next_code(self, year: int) -> str: ...
    async def find(self, query: IssueQuery) -> list[Issue]: ...
    async def count(self, query: IssueQuery) -> int: ...
    async def team_counts(
        self, task_force_ids: Sequence[int], now: datetime, since: datetime
    ) -> dict[int, TeamCounts]: ...
    async def due_ids(self, now: datetime, limit: int) -> list[int]: ...
    async def claim_due(self, issue_id: int, now: datetime) -> Issue | None: ...
    async def count_open_by_assignee(self, person_ids: Sequence[int]) -> dict[int, int]: ...
    async def last_assigned(self, person_ids: Sequence[int]) -> dict[int, datetime]: ...


class EventRepository(Protocol):
    """The append-only timeline."""

    async def add(self, issue_id: int, event: IssueEvent) -> IssueEvent: ...
    async def add_all(self, issue_id: int, events: Sequence[IssueEvent]) -> list[IssueEvent]: ...
    async def for_issue(self, issue_id: int) -> list[IssueEvent]: ...
    async def of_kind(
        self, kind: str, since: datetime, until: datetime
    ) -> list[tuple[int, IssueEvent]]: ...


class NoticeRepository(Protocol):
    """The outbox; `add` returns False (and stores nothing) for a dedupe key already queued.

    `claim` hands due notices to one dispatcher until its claim runs out; `save_delivery`
    keeps the outcome and ends the claim, only while the claim is still that dispatcher's.
    """

    async def add(self, notice: Notice) -> bool: ...
    async def find(
        self, status: NoticeStatus | None = None, issue_id: int | None = None
    ) -> list[Notice]: ...
    async def claim(
        self, holder: str, now: datetime, until: datetime, limit: int
    ) -> list[Notice]: ...
    async def save_delivery(self, notice: Notice, holder: str) -> bool: ...
    async def last_sent(
        self, priority: Priority, person_id: int | None = None, task_force_id: int | None = None
    ) -> datetime | None: ...
    async def waiting_for(self, chat_id: str, template: str) -> bool: ...
    async def held_for(self, person_id: int, now: datetime) -> list[Notice]: ...
    async def retime(self, notice_id: int, not_before: datetime) -> bool: ...


class ActionMarkRepository(Protocol):
    """Keys of the sweep's actions done; `add` is False for a key marked before."""

    async def add(self, key: str, issue_id: int | None, at: datetime) -> bool: ...


class LeaseRepository(Protocol):
    """Named leases: one holder at a time until the lease expires or is released."""

    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool: ...
    async def release(self, name: str, holder: str) -> None: ...


class PersonRepository(Protocol):
    """People, their identities, and the Actor view of them."""

    async def add(self, person: Person) -> Person: ...
    async def save(self, person: Person) -> None: ...
    async def get(self, person_id: int) -> Person | None: ...
    async def by_key(self, key: str) -> Person | None: ...
    async def by_identity(self, channel: str, external_id: str) -> Person | None: ...
    async def add_identity(self, person_id: int, identity: ChannelIdentity) -> None: ...
    async def with_role(self, role: Role | None = None) -> list[Person]: ...
    async def of_enterprise(self, enterprise_id: int) -> list[Person]: ...
    async def actor(self, person_id: int) -> Actor | None: ...
    async def note_language(self, person_id: int, language: str) -> None: ...
    async def names(self, person_ids: Sequence[int]) -> dict[int, str]: ...


class TaskForceRepository(Protocol):
    """Task forces and their members."""

    async def add(self, task_force: TaskForce) -> TaskForce: ...
    async def save(self, task_force: TaskForce) -> None: ...
    async def get(self, task_force_id: int) -> TaskForce | None: ...
    async def by_code(self, code: str) -> TaskForce | None: ...
    async def all(self) -> list[TaskForce]: ...
    async def add_member(self, task_force_id: int, person_id: int) -> None: ...


class EnterpriseRepository(Protocol):
    """Registered enterprises; `add` refuses a taken credit code (enterprise.exists)."""

    async def add(self, enterprise: Enterprise) -> Enterprise: ...
    async def get(self, enterprise_id: int) -> Enterprise | None: ...
    async def by_credit_code(self, credit_code: str) -> Enterprise | None: ...
    async def all(self) -> list[Enterprise]: ...


class ProjectRepository(Protocol):
    """Investment projects."""

    async def add(self, project: Project) -> Project: ...
    async def save(self, project: Project) -> None: ...
    async def get(self, project_id: int) -> Project | None: ...
    async def find(self, enterprise_id: int | None = None) -> list[Project]: ...


class InviteRepository(Protocol):
    """One-time invites, found by the hash of their code; `use` succeeds once per invite."""

    async def add(self, invite: Invite) -> Invite: ...
    async def by_hash(self, code_hash: str) -> Invite | None: ...
    async def use(self, invite_id: int, person_id: int, at: datetime) -> bool: ...


class DialogRepository(Protocol):
    """Stored dialog state, one per (channel, chat, user)."""

    async def get(self, channel: str, chat_id: str, user_id: str) -> DialogState | None: ...
    async def put(self, state: DialogState) -> None: ...
    async def delete(self, channel: str, chat_id: str, user_id: str) -> None: ...


class InboxRepository(Protocol):
    """Incoming updates; `record` returns False for one whose dedupe key is stored already."""

    async def record(self, entry: InboxEntry) -> bool: ...
    async def mark_handled(self, channel: str, dedupe_key: str, at: datetime) -> None: ...
    async def unhandled(self, channel: str, limit: int = 100) -> list[InboxEntry]: ...


class ViewRepository(Protocol):
    """Cards of issues in sent messages; `show` says all that one message shows now."""

    async def show(
        self, channel: str, chat_id: str, message_id: str, views: Sequence[MessageView]
    ) -> None: ...
    async def of_issue(self, issue_id: int) -> list[MessageView]: ...
    async def of_message(
        self, channel: str, chat_id: str, message_id: str
    ) -> list[MessageView]: ...


class UnitOfWork(Protocol):
    """One transaction over all repositories; leaving without commit rolls back."""

    issues: IssueRepository
    events: EventRepository
    notices: NoticeRepository
    people: PersonRepository
    task_forces: TaskForceRepository
    enterprises: EnterpriseRepository
    projects: ProjectRepository
    invites: InviteRepository
    dialogs: DialogRepository
    inbox: InboxRepository
    marks: ActionMarkRepository
    leases: LeaseRepository
    views: ViewRepository

    async def __aenter__(self) -> UnitOfWork: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...
    def reading(self) -> UnitOfWork:
        """This unit of work, for reading only: it never waits for writers; commit is refused."""
        ...


class UnitOfWorkFactory(Protocol):
    """Makes a fresh unit of work for each use case call."""

    def __call__(self) -> UnitOfWork: ...

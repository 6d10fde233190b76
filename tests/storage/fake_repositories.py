"""The in-memory repositories behind tests.fakes.FakeUnitOfWork."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from bot.domain.access import DialogState, InboxEntry, Invite
from bot.domain.errors import ConcurrentUpdate, InvalidInput
from bot.domain.model import (
    OPEN_STATES,
    ClockName,
    Enterprise,
    Issue,
    IssueEvent,
    Project,
    TaskForce,
)
from bot.domain.notice import MessageView, Notice
from bot.domain.people import Person
from bot.services.ports import IssueQuery, TeamCounts

if TYPE_CHECKING:
    from tests.fakes import FakeUnitOfWork

T = TypeVar("T")
NO_DEADLINE = datetime.min.replace(tzinfo=UTC)


def copied(value: T) -> T:
    """A deep copy: nothing handed in or out shares state with the store."""
    return copy.deepcopy(value)


def stored(value: T) -> T:
    """A copy to keep; naive datetimes are refused, as the databases refuse them."""
    _refuse_naive(value)
    return copied(value)


def as_json(value: dict[str, Any]) -> dict[str, Any]:
    """What a JSON column gives back: tuples become lists; a datetime is a TypeError."""
    result: dict[str, Any] = json.loads(json.dumps(value))
    return result


def _refuse_naive(value: object) -> None:
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} refused: pass an aware one")
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            _refuse_naive(getattr(value, item.name))
    elif isinstance(value, dict):
        for item in value.values():
            _refuse_naive(item)


@dataclass
class FakeStore:
    """Everything a database holds, keyed as its tables are."""

    issues: dict[int, Issue] = field(default_factory=dict)
    events: dict[int, tuple[int, IssueEvent]] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    task_forces: dict[int, TaskForce] = field(default_factory=dict)
    enterprises: dict[int, Enterprise] = field(default_factory=dict)
    projects: dict[int, Project] = field(default_factory=dict)
    invites: dict[int, Invite] = field(default_factory=dict)
    dialogs: dict[tuple[str, str, str], DialogState] = field(default_factory=dict)
    inbox: dict[tuple[str, str], InboxEntry] = field(default_factory=dict)
    marks: dict[str, tuple[int | None, datetime]] = field(default_factory=dict)
    leases: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    views: dict[tuple[str, str, str, int], MessageView] = field(default_factory=dict)

    def shallow(self) -> FakeStore:
        """A copy of the dicts sharing their values, which are never mutated in place."""
        return FakeStore(**{f.name: dict(getattr(self, f.name)) for f in fields(self)})


class FakeRepository:
    """Base of the fake repositories: access to the unit of work's staged store."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def work(self) -> FakeStore:
        """The unit of work's private copy of the store."""
        return self.uow.work

    def new_id(self) -> int:
        """A fresh id from the database's shared sequence."""
        return self.uow.db.next_id()


class FakeIssues(FakeRepository):
    """IssueRepository in memory."""

    async def add(self, issue: Issue) -> Issue:
        """Store a new issue with id and version 1; a request key files only once."""
        if issue.request_key is not None and await self.by_request_key(issue.request_key):
            raise InvalidInput("issue.already_filed", "this request was filed already")
        issue.id, issue.version = self.new_id(), 1
        self.work.issues[issue.id] = stored(issue)
        return issue

    async def by_request_key(self, key: str) -> Issue | None:
        """The issue the request with this key filed."""
        found = [i for i in self.work.issues.values() if i.request_key == key]
        return copied(found[0]) if found else None

    async def get(self, code: str) -> Issue | None:
        """The issue with this code."""
        found = [i for i in self.work.issues.values() if i.code == code]
        return copied(found[0]) if found else None

    async def get_by_id(self, issue_id: int) -> Issue | None:
        """The issue with this id."""
        return copied(self.work.issues.get(issue_id))

    async def save(self, issue: Issue) -> None:
        """Write back unless the stored version moved on."""
        current = self.work.issues.get(issue.id or 0)
        if current is None or current.version != issue.version:
            raise ConcurrentUpdate("issue.concurrent_update", f"issue {issue.code} changed")
        issue.version += 1
        self.work.issues[issue.id or 0] = stored(issue)

    async def next_code(self, year: int) -> str:
        """The next code of the year; taken at once, so a rollback leaves a gap."""
        counters = self.uow.db.counters
        counters[f"issue:{year}"] = number = counters.get(f"issue:{year}", 0) + 1
        return f"ZB-{year}-{number:06d}"

    async def find(self, query: IssueQuery) -> list[Issue]:
        """Matching issues, by next deadline (none last), then id."""
        found = [i for i in self.work.issues.values() if _matches(i, query)]
        # As SQL: next deadline ascending, issues without one last, ties by id.
        found.sort(key=lambda i: (i.next_due() is None, i.next_due() or NO_DEADLINE, i.id or 0))
        return copied(found[query.offset : query.offset + query.limit])

    async def due_ids(self, now: datetime, limit: int) -> list[int]:
        """Ids of issues whose wake-up time has come, earliest first."""
        due = [i for i in self.work.issues.values() if i.wake_at is not None and i.wake_at <= now]
        due.sort(key=lambda i: (i.wake_at or now, i.id or 0))
        return [i.id or 0 for i in due[:limit]]

    async def claim_due(self, issue_id: int, now: datetime) -> Issue | None:
        """The issue if it is still due (the fake has no row locks: commit checks versions)."""
        issue = self.work.issues.get(issue_id)
        if issue is None or issue.wake_at is None or issue.wake_at > now:
            return None
        return copied(issue)

    async def count(self, query: IssueQuery) -> int:
        """How many issues match."""
        return sum(_matches(i, query) for i in self.work.issues.values())

    async def team_counts(
        self, task_force_ids: Sequence[int], now: datetime, since: datetime
    ) -> dict[int, TeamCounts]:
        """Counts per owning task force."""
        found: dict[int, TeamCounts] = {}
        for issue in self.work.issues.values():
            team = issue.task_force_id
            if team is not None and team in task_force_ids:
                found[team] = _counted(found.get(team), issue, now, since)
        return found

    async def count_open_by_assignee(self, person_ids: Sequence[int]) -> dict[int, int]:
        """Open issues per assignee."""
        open_issues = [i for i in self.work.issues.values() if i.state in OPEN_STATES]
        return {p: sum(i.assignee_id == p for i in open_issues) for p in person_ids}

    async def last_assigned(self, person_ids: Sequence[int]) -> dict[int, datetime]:
        """Latest assigned_at per assignee."""
        latest: dict[int, datetime] = {}
        for issue in self.work.issues.values():
            person, at = issue.assignee_id, issue.assigned_at
            if person is not None and person in person_ids and at is not None:
                latest[person] = max(at, latest.get(person, at))
        return latest


def _counted(
    counts: TeamCounts | None, issue: Issue, now: datetime, since: datetime
) -> TeamCounts:
    base = counts or TeamCounts()
    due = issue.next_due()
    verdict = (
        issue.clocks[ClockName.RESOLVE].on_time if ClockName.RESOLVE in issue.clocks else None
    )
    return TeamCounts(
        open=base.open + issue.is_open,
        overdue=base.overdue + (issue.is_open and due is not None and due < now),
        filed=base.filed + (issue.filed_at >= since),
        closed=base.closed + (issue.closed_at is not None and issue.closed_at >= since),
        met=base.met + (verdict is not None),
        on_time=base.on_time + (verdict is True),
        ratings=base.ratings + (issue.rating is not None),
        rating_sum=base.rating_sum + (issue.rating or 0),
        satisfied=base.satisfied + (issue.rating is not None and issue.rating >= 4),
    )


def _matches(issue: Issue, query: IssueQuery) -> bool:
    due = issue.next_due()
    forces = query.task_force_ids
    return (
        (query.states is None or issue.state in query.states)
        and (query.enterprise_id is None or issue.enterprise_id == query.enterprise_id)
        and (query.assignee_id is None or issue.assignee_id == query.assignee_id)
        and (query.overdue_at is None or (due is not None and due < query.overdue_at))
        and (query.supervised_by is None or issue.supervised_by == query.supervised_by)
        and (not query.pending_only or issue.pending is not None)
        and (
            forces is None
            or issue.task_force_id in forces
            or (not query.held_only and issue.accountable_task_force_id in forces)
            or bool(issue.co_handler_ids & forces)
        )
    )


class FakeEvents(FakeRepository):
    """EventRepository in memory."""

    async def add(self, issue_id: int, event: IssueEvent) -> IssueEvent:
        """Append an event."""
        kept = replace(stored(event), id=self.new_id(), data=as_json(event.data))
        self.work.events[kept.id or 0] = (issue_id, kept)
        return copied(kept)

    async def add_all(self, issue_id: int, events: Sequence[IssueEvent]) -> list[IssueEvent]:
        """Append several events in order."""
        return [await self.add(issue_id, event) for event in events]

    async def of_kind(
        self, kind: str, since: datetime, until: datetime
    ) -> list[tuple[int, IssueEvent]]:
        """Events of a kind in [since, until), oldest first, with their issue ids."""
        found = [
            (issue_id, event)
            for _, (issue_id, event) in sorted(self.work.events.items())
            if event.kind == kind and since <= event.at < until
        ]
        return copied(sorted(found, key=lambda pair: pair[1].at))

    async def for_issue(self, issue_id: int) -> list[IssueEvent]:
        """The timeline, oldest first."""
        return [copied(e) for k, (i, e) in sorted(self.work.events.items()) if i == issue_id]


class FakeDialogs(FakeRepository):
    """DialogRepository in memory."""

    async def get(self, channel: str, chat_id: str, user_id: str) -> DialogState | None:
        """The stored dialog."""
        return copied(self.work.dialogs.get((channel, chat_id, user_id)))

    async def put(self, state: DialogState) -> None:
        """Store, replacing an earlier one."""
        key = (state.channel, state.chat_id, state.user_id)
        self.work.dialogs[key] = replace(stored(state), data=as_json(state.data))

    async def delete(self, channel: str, chat_id: str, user_id: str) -> None:
        """Forget the dialog."""
        self.work.dialogs.pop((channel, chat_id, user_id), None)


class FakeInbox(FakeRepository):
    """InboxRepository in memory."""

    async def record(self, entry: InboxEntry) -> bool:
        """Store unless (channel, dedupe key) is known."""
        key = (entry.channel, entry.dedupe_key)
        if key in self.work.inbox:
            return False
        entry.id = self.new_id()
        self.work.inbox[key] = replace(stored(entry), payload=as_json(entry.payload))
        return True

    async def mark_handled(self, channel: str, dedupe_key: str, at: datetime) -> None:
        """Set handled_at."""
        entry = self.work.inbox.get((channel, dedupe_key))
        if entry is not None:
            self.work.inbox[(channel, dedupe_key)] = replace(entry, handled_at=at)

    async def unhandled(self, channel: str, limit: int = 100) -> list[InboxEntry]:
        """Unhandled entries of the channel in arrival order."""
        found = [e for e in self.work.inbox.values() if e.channel == channel and not e.handled_at]
        return copied(sorted(found, key=lambda e: e.id or 0)[:limit])

"""Issues (optimistic versioning, codes from a counter, index-driven lists) and timelines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, func, or_, select

from bot.domain.errors import ConcurrentUpdate, InvalidInput
from bot.domain.model import OPEN_STATES, Issue, IssueEvent
from bot.services.ports import IssueQuery, TeamCounts
from storage.column_types import UtcDateTime
from storage.inline import Connection
from storage.mapping.issues import event_from_row, event_values, issue_from_row, issue_values
from storage.repositories.base import SqlRepository
from storage.tables import counters, issue_co_handlers, issue_events, issues

SAVE = issues.update().where(
    issues.c.id == bindparam("_id"), issues.c.version == bindparam("_version")
)
BY_CODE = select(issues).where(issues.c.code == bindparam("_code"))
BY_REQUEST_KEY = select(issues).where(issues.c.request_key == bindparam("_key"))
BY_ID = select(issues).where(issues.c.id == bindparam("_id"))
# The sweep reads due ids from the wake_at index alone, then takes each issue with a row lock;
# another instance's sweep skips a locked one (SQLite has one writer and renders no FOR UPDATE).
DUE_IDS = (
    select(issues.c.id)
    .where(issues.c.wake_at <= bindparam("_now", type_=UtcDateTime()))
    .order_by(issues.c.wake_at, issues.c.id)
    .limit(bindparam("_limit"))
)
CLAIM_DUE = (
    select(issues)
    .where(
        issues.c.id == bindparam("_id"), issues.c.wake_at <= bindparam("_now", type_=UtcDateTime())
    )
    .with_for_update(skip_locked=True)
)
OF_KIND = (
    select(issue_events)
    .where(
        issue_events.c.kind == bindparam("_kind"),
        issue_events.c.at >= bindparam("_since", type_=UtcDateTime()),
        issue_events.c.at < bindparam("_until", type_=UtcDateTime()),
    )
    .order_by(issue_events.c.at, issue_events.c.id)
)
_OPEN = issues.c.state.in_(sorted(state.value for state in OPEN_STATES))


def _tally(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


TEAM_COUNTS = (
    select(
        issues.c.task_force_id,
        _tally(_OPEN),
        _tally(and_(_OPEN, issues.c.next_due_at < bindparam("_now", type_=UtcDateTime()))),
        _tally(issues.c.filed_at >= bindparam("_since", type_=UtcDateTime())),
        _tally(issues.c.closed_at >= bindparam("_since", type_=UtcDateTime())),
        _tally(issues.c.resolve_on_time.is_not(None)),
        _tally(issues.c.resolve_on_time.is_(True)),
        func.count(issues.c.rating),
        func.sum(issues.c.rating),
        # Satisfied: rated 4 or 5 of 5 (an unrated issue's NULL counts neither way).
        _tally(issues.c.rating >= 4),
    )
    .where(issues.c.task_force_id.in_(bindparam("_ids", expanding=True)))
    .group_by(issues.c.task_force_id)
)
# Batched where the driver can (PostgreSQL); ids come back in the order of the rows given.
ADD_EVENTS = issue_events.insert().returning(issue_events.c.id, sort_by_parameter_order=True)


class SqlIssueRepository(SqlRepository):
    """IssueRepository over the issues table."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection)
        # Co-handlers as last read or written, so a save rewrites the index only on change.
        self._co_handlers: dict[int, frozenset[int]] = {}
        # Column values as last read or written, so a save writes only what changed: binding
        # all fifty columns (timestamps as text, JSON) cost more than the statement itself.
        self._stored: dict[int, dict[str, Any]] = {}

    async def add(self, issue: Issue) -> Issue:
        """Store a new issue; it gets its id and version 1."""
        values = issue_values(issue) | {"version": 1}
        if issue.request_key is None:
            issue.id = await self.insert_id(issues, values)
        else:
            twice = InvalidInput("issue.already_filed", "this request was filed already")
            issue.id = await self.insert_unique(issues, values, ["request_key"], twice)
        issue.version = 1
        self._stored[issue.id] = values
        await self._index_co_handlers(issue.id, issue.co_handler_ids, fresh=True)
        return issue

    async def get(self, code: str) -> Issue | None:
        """The issue with this public code."""
        row = await self.row(BY_CODE, {"_code": code})
        return self._remember(issue_from_row(row)) if row else None

    async def by_request_key(self, key: str) -> Issue | None:
        """The issue the request with this key filed."""
        row = await self.row(BY_REQUEST_KEY, {"_key": key})
        return self._remember(issue_from_row(row)) if row else None

    async def get_by_id(self, issue_id: int) -> Issue | None:
        """The issue with this id."""
        row = await self.row(BY_ID, {"_id": issue_id})
        return self._remember(issue_from_row(row)) if row else None

    async def save(self, issue: Issue) -> None:
        """Write the issue back if nobody saved it since it was read; bump its version."""
        if issue.id is None:
            raise ValueError(f"issue {issue.code} was never added")
        values = issue_values(issue)
        before = self._stored.get(issue.id, {})
        changed = {k: v for k, v in values.items() if k not in before or before[k] != v}
        key = {"version": issue.version + 1, "_id": issue.id, "_version": issue.version}
        result = await self.execute(SAVE, changed | key)
        if result.rowcount == 0:
            raise ConcurrentUpdate(
                "issue.concurrent_update",
                f"issue {issue.code} was changed by someone else; load it again",
                code=issue.code,
            )
        issue.version += 1
        self._stored[issue.id] = values
        await self._index_co_handlers(issue.id, issue.co_handler_ids, fresh=False)

    async def next_code(self, year: int) -> str:
        """The next public code of the year, ZB-<year>-<6 digits>; no two callers share one."""
        name = f"issue:{year}"
        # One upsert: the conflicting row is locked and incremented, so concurrent callers
        # on either database each get their own number in a single round trip.
        statement = self.upsert(
            "counters.increment",
            counters,
            ["name"],
            set_={"value": counters.c.value + 1},
            returning=counters.c.value,
        )
        result = await self.execute(statement, {"name": name, "value": 1})
        return f"ZB-{year}-{result.scalar_one():06d}"

    async def find(self, query: IssueQuery) -> list[Issue]:
        """Issues matching the query, earliest running deadline first, then by id."""
        statement = (
            select(issues)
            .where(*_conditions(query))
            .order_by(issues.c.next_due_at.asc().nulls_last(), issues.c.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        return [issue_from_row(row) for row in await self.rows(statement)]

    async def due_ids(self, now: datetime, limit: int) -> list[int]:
        """Ids of issues the sweep must look at by `now`, earliest wake-up first."""
        result = await self.execute(DUE_IDS, {"_now": now, "_limit": limit})
        return [int(row[0]) for row in result]

    async def claim_due(self, issue_id: int, now: datetime) -> Issue | None:
        """The issue, locked for this transaction, if it is still due; None if not or taken."""
        row = await self.row(CLAIM_DUE, {"_id": issue_id, "_now": now})
        return self._remember(issue_from_row(row)) if row else None

    async def count(self, query: IssueQuery) -> int:
        """How many issues match the query (its limit and offset aside)."""
        statement = select(func.count()).select_from(issues).where(*_conditions(query))
        return int((await self.execute(statement)).scalar_one())

    async def team_counts(
        self, task_force_ids: Sequence[int], now: datetime, since: datetime
    ) -> dict[int, TeamCounts]:
        """Counts per owning task force, summed in the database (none are loaded)."""
        if not task_force_ids:
            return {}
        values = {"_now": now, "_since": since, "_ids": list(task_force_ids)}
        rows = await self.execute(TEAM_COUNTS, values)
        return {int(row[0]): TeamCounts(*(int(v or 0) for v in row[1:])) for row in rows}

    async def count_open_by_assignee(self, person_ids: Sequence[int]) -> dict[int, int]:
        """How many open issues each person is assigned (0 for those with none)."""
        counts = dict.fromkeys(person_ids, 0)
        if not counts:
            return counts
        statement = (
            select(issues.c.assignee_id, func.count())
            .where(
                issues.c.assignee_id.in_(list(counts)),
                issues.c.state.in_(sorted(state.value for state in OPEN_STATES)),
            )
            .group_by(issues.c.assignee_id)
        )
        for row in await self.execute(statement):
            counts[row[0]] = row[1]
        return counts

    async def last_assigned(self, person_ids: Sequence[int]) -> dict[int, datetime]:
        """When each person was last assigned an issue (absent if never)."""
        if not person_ids:
            return {}
        statement = (
            select(issues.c.assignee_id, func.max(issues.c.assigned_at))
            .where(issues.c.assignee_id.in_(person_ids), issues.c.assigned_at.is_not(None))
            .group_by(issues.c.assignee_id)
        )
        result = await self.execute(statement)
        return {row[0]: row[1] for row in result if row[1] is not None}

    def _remember(self, issue: Issue) -> Issue:
        assert issue.id is not None
        self._co_handlers[issue.id] = issue.co_handler_ids
        self._stored[issue.id] = issue_values(issue)
        return issue

    async def _index_co_handlers(
        self, issue_id: int, task_force_ids: frozenset[int], fresh: bool
    ) -> None:
        if self._co_handlers.get(issue_id) == task_force_ids and not fresh:
            return
        self._co_handlers[issue_id] = task_force_ids
        table = issue_co_handlers
        if not fresh:
            await self.execute(
                table.delete().where(
                    table.c.issue_id == issue_id, table.c.task_force_id.not_in(task_force_ids)
                )
            )
        for task_force_id in sorted(task_force_ids):
            values = {"issue_id": issue_id, "task_force_id": task_force_id}
            await self.insert_new(table, values, ["issue_id", "task_force_id"])


class SqlEventRepository(SqlRepository):
    """EventRepository over the append-only issue_events table."""

    async def add(self, issue_id: int, event: IssueEvent) -> IssueEvent:
        """Append an event to an issue's timeline; returns it with its id."""
        event_id = await self.insert_id(issue_events, event_values(issue_id, event))
        return replace(event, id=event_id)

    async def add_all(self, issue_id: int, events: Sequence[IssueEvent]) -> list[IssueEvent]:
        """Append several events in one round trip; returns them with their ids, in order."""
        if len(events) == 1 or self.dialect == "sqlite":
            # SQLite cannot batch with RETURNING anyway; single inserts skip fetching rows.
            return [await self.add(issue_id, event) for event in events]
        rows = [event_values(issue_id, event) for event in events]
        ids = [int(row[0]) for row in await self.execute(ADD_EVENTS, rows)]
        return [replace(event, id=event_id) for event, event_id in zip(events, ids, strict=True)]

    async def of_kind(
        self, kind: str, since: datetime, until: datetime
    ) -> list[tuple[int, IssueEvent]]:
        """Events of one kind in [since, until), oldest first, each with its issue's id."""
        values = {"_kind": kind, "_since": since, "_until": until}
        return [(row["issue_id"], event_from_row(row)) for row in await self.rows(OF_KIND, values)]

    async def for_issue(self, issue_id: int) -> list[IssueEvent]:
        """The issue's timeline, oldest first."""
        statement = (
            select(issue_events)
            .where(issue_events.c.issue_id == issue_id)
            .order_by(issue_events.c.id)
        )
        return [event_from_row(row) for row in await self.rows(statement)]


def _conditions(query: IssueQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.states is not None:
        conditions.append(issues.c.state.in_(sorted(state.value for state in query.states)))
    if query.enterprise_id is not None:
        conditions.append(issues.c.enterprise_id == query.enterprise_id)
    if query.assignee_id is not None:
        conditions.append(issues.c.assignee_id == query.assignee_id)
    if query.overdue_at is not None:
        conditions.append(issues.c.next_due_at < query.overdue_at)
    if query.supervised_by is not None:
        conditions.append(issues.c.supervised_by == query.supervised_by)
    if query.pending_only:
        conditions.append(issues.c.pending.is_not(None))
    if query.task_force_ids is not None:
        ids = sorted(query.task_force_ids)
        co_handled = select(issue_co_handlers.c.issue_id).where(
            issue_co_handlers.c.task_force_id.in_(ids)
        )
        held = [issues.c.task_force_id.in_(ids), issues.c.id.in_(co_handled)]
        if not query.held_only:
            held.append(issues.c.accountable_task_force_id.in_(ids))
        conditions.append(or_(*held))
    return conditions

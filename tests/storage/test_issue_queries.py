"""Listing issues: filters, deadline order and paging; workload per assignee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest_asyncio

from bot.domain.clocks import meet_clock
from bot.domain.model import Issue, IssueState, PendingRequest
from bot.services.ports import IssueQuery, UnitOfWorkFactory
from tests.storage.factories import FILED_AT, World, build_world, make_enterprise, make_issue


@dataclass(frozen=True)
class Board:
    """Five committed issues spread over states, task forces and deadlines."""

    world: World
    other_enterprise_id: int
    issues: dict[str, Issue]

    def codes(self, found: list[Issue]) -> list[str]:
        """The board names of the issues found, in the order found."""
        names = {issue.id: name for name, issue in self.issues.items()}
        return [names[issue.id] for issue in found]


@pytest_asyncio.fixture
async def board(uow_factory: UnitOfWorkFactory) -> Board:
    """The issues the queries run against; `a` has the earliest deadline, `e` the latest."""
    async with uow_factory() as uow:
        world = await build_world(uow)
        other = await uow.enterprises.add(make_enterprise(2))
        assert other.id is not None

        def filed(name: str, days: int, enterprise_id: int = world.enterprise_id) -> Issue:
            at = FILED_AT + timedelta(days=days)
            return make_issue(f"ZB-2026-00000{days}", enterprise_id, world.member_id, at)

        a = filed("a", 0)
        a.state, a.task_force_id = IssueState.ASSIGNED, world.alu_id
        b = filed("b", 1)
        b.state, b.task_force_id = IssueState.IN_PROGRESS, world.chem_id
        b.accountable_task_force_id = world.alu_id
        b.assignee_id, b.assigned_at = world.officer_id, FILED_AT + timedelta(days=1, hours=1)
        b.pending = PendingRequest(
            kind="transfer",
            requested_by=world.officer_id,
            requested_at=FILED_AT + timedelta(days=1, hours=2),
            reason="属于化工",
            approver="lead",
            target_task_force_id=world.chem_id,
        )
        c = filed("c", 2)
        c.state, c.task_force_id = IssueState.CLOSED, world.alu_id
        c.assignee_id, c.assigned_at = world.officer_id, FILED_AT + timedelta(days=2, hours=1)
        for clock in c.clocks.values():
            meet_clock(clock, FILED_AT + timedelta(days=3))
        d = filed("d", 3)
        d.state, d.task_force_id = IssueState.ASSIGNED, world.chem_id
        d.co_handler_ids = frozenset({world.alu_id})
        d.assignee_id, d.assigned_at = world.lead_id, FILED_AT + timedelta(days=3, hours=2)
        e = filed("e", 4, enterprise_id=other.id)
        issues = {"a": a, "b": b, "c": c, "d": d, "e": e}
        for issue in issues.values():
            await uow.issues.add(issue)
        await uow.commit()
    return Board(world, other.id, issues)


async def find(uow_factory: UnitOfWorkFactory, board: Board, query: IssueQuery) -> list[str]:
    """Run a query and name what it found."""
    async with uow_factory() as uow:
        found = await uow.issues.find(query)
    return board.codes(found)


class TestFind:
    """IssueRepository.find."""

    async def test_everything_by_deadline_with_closed_last(
        self, uow_factory: UnitOfWorkFactory, board: Board
    ) -> None:
        assert await find(uow_factory, board, IssueQuery()) == ["a", "b", "d", "e", "c"]

    async def test_by_states(self, uow_factory: UnitOfWorkFactory, board: Board) -> None:
        assigned = frozenset({IssueState.ASSIGNED})
        assert await find(uow_factory, board, IssueQuery(states=assigned)) == ["a", "d"]
        both = frozenset({IssueState.CLOSED, IssueState.IN_PROGRESS})
        assert await find(uow_factory, board, IssueQuery(states=both)) == ["b", "c"]
        assert await find(uow_factory, board, IssueQuery(states=frozenset())) == []

    async def test_by_enterprise(self, uow_factory: UnitOfWorkFactory, board: Board) -> None:
        found = await find(uow_factory, board, IssueQuery(enterprise_id=board.other_enterprise_id))
        assert found == ["e"]

    async def test_by_task_force_counts_owner_accountable_and_co_handler(
        self, uow_factory: UnitOfWorkFactory, board: Board
    ) -> None:
        alu, chem = board.world.alu_id, board.world.chem_id
        assert await find(uow_factory, board, IssueQuery(task_force_ids=frozenset({alu}))) == [
            "a",
            "b",
            "d",
            "c",
        ]
        assert await find(uow_factory, board, IssueQuery(task_force_ids=frozenset({chem}))) == [
            "b",
            "d",
        ]
        assert (
            await find(uow_factory, board, IssueQuery(task_force_ids=frozenset({alu + chem + 99})))
            == []
        )

    async def test_by_assignee(self, uow_factory: UnitOfWorkFactory, board: Board) -> None:
        found = await find(uow_factory, board, IssueQuery(assignee_id=board.world.officer_id))
        assert found == ["b", "c"]

    async def test_overdue_compares_the_earliest_running_deadline(
        self, uow_factory: UnitOfWorkFactory, board: Board
    ) -> None:
        b_due = board.issues["b"].next_due()
        assert b_due is not None
        assert await find(uow_factory, board, IssueQuery(overdue_at=b_due)) == ["a"]
        later = b_due + timedelta(microseconds=1)
        assert await find(uow_factory, board, IssueQuery(overdue_at=later)) == ["a", "b"]
        far = FILED_AT + timedelta(days=365)
        assert await find(uow_factory, board, IssueQuery(overdue_at=far)) == ["a", "b", "d", "e"]

    async def test_pending_only_finds_requests_waiting_for_a_decision(
        self, uow_factory: UnitOfWorkFactory, board: Board
    ) -> None:
        assert await find(uow_factory, board, IssueQuery(pending_only=True)) == ["b"]

    async def test_filters_combine(self, uow_factory: UnitOfWorkFactory, board: Board) -> None:
        query = IssueQuery(
            states=frozenset({IssueState.ASSIGNED, IssueState.IN_PROGRESS}),
            task_force_ids=frozenset({board.world.alu_id}),
            overdue_at=FILED_AT + timedelta(days=365),
            enterprise_id=board.world.enterprise_id,
        )
        found = await find(uow_factory, board, query)
        assert found == ["a", "b", "d"]

    async def test_paging(self, uow_factory: UnitOfWorkFactory, board: Board) -> None:
        assert await find(uow_factory, board, IssueQuery(limit=2)) == ["a", "b"]
        assert await find(uow_factory, board, IssueQuery(limit=2, offset=2)) == ["d", "e"]
        assert await find(uow_factory, board, IssueQuery(limit=2, offset=4)) == ["c"]
        assert await find(uow_factory, board, IssueQuery(offset=5)) == []


class TestWorkload:
    """Open issues and last assignment per person, for round-robin assignment."""

    async def test_open_counts_include_people_without_issues(
        self, uow_factory: UnitOfWorkFactory, board: Board
    ) -> None:
        world = board.world
        people = [world.officer_id, world.lead_id, world.leader_id]
        async with uow_factory() as uow:
            counts = await uow.issues.count_open_by_assignee(people)
            assert await uow.issues.count_open_by_assignee([]) == {}
        assert counts == {world.officer_id: 1, world.lead_id: 1, world.leader_id: 0}

    async def test_last_assigned_is_the_latest_assignment(
        self, uow_factory: UnitOfWorkFactory, board: Board
    ) -> None:
        world = board.world
        async with uow_factory() as uow:
            latest = await uow.issues.last_assigned(
                [world.officer_id, world.lead_id, world.leader_id]
            )
            assert await uow.issues.last_assigned([]) == {}
        assert latest == {
            world.officer_id: board.issues["c"].assigned_at,
            world.lead_id: board.issues["d"].assigned_at,
        }

"""Contract of IssueRepository and EventRepository: the fake, SQLite and PostgreSQL agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.clocks import meet_clock, pause_clock
from bot.domain.errors import ConcurrentUpdate
from bot.domain.model import (
    Attachment,
    ClockName,
    Issue,
    IssueEvent,
    IssueState,
    PendingRequest,
    Urgency,
)
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import (
    CALENDAR,
    FILED_AT,
    World,
    build_world,
    make_issue,
    make_project,
)


async def committed_world(uow_factory: UnitOfWorkFactory) -> World:
    """A small committed world to hang issues on."""
    async with uow_factory() as uow:
        world = await build_world(uow)
        await uow.commit()
    return world


async def add_issues(uow_factory: UnitOfWorkFactory, *issues: Issue) -> list[Issue]:
    """Add the issues in one committed unit of work."""
    async with uow_factory() as uow:
        added = [await uow.issues.add(issue) for issue in issues]
        await uow.commit()
    return added


def rich_issue(world: World, project_id: int) -> Issue:
    """An issue with every optional field set and clocks in every condition."""
    issue = make_issue(
        "ZB-2026-000007",
        world.enterprise_id,
        world.member_id,
        urgency=Urgency.URGENT,
        state=IssueState.WAITING_ENTERPRISE,
        project_id=project_id,
        direct_report=True,
        attachments=(
            Attachment("photo", "AgAD-1", "现场.jpg", "image/jpeg", 204_800),
            Attachment("document", "BQAC-2"),
        ),
        task_force_id=world.chem_id,
        accountable_task_force_id=world.alu_id,
        co_handler_ids=frozenset({world.alu_id, world.chem_id}),
        assignee_id=world.officer_id,
        assigned_at=FILED_AT + timedelta(hours=1),
        extensions_granted=1,
        pending=PendingRequest(
            kind="extension",
            requested_by=world.officer_id,
            requested_at=FILED_AT + timedelta(days=2, minutes=5),
            reason="需协调省电力公司",
            approver="lead",
            new_due=date(2026, 4, 10),
            target_task_force_id=world.chem_id,
        ),
        escalation_level=2,
        supervised_by=world.leader_id,
        rating=4,
        feedback="处理及时",
        waiting_since=FILED_AT + timedelta(days=3),
        answered_at=FILED_AT + timedelta(days=4),
        closed_at=FILED_AT + timedelta(days=5, microseconds=123456),
    )
    meet_clock(issue.clocks[ClockName.SIGN], FILED_AT + timedelta(minutes=30))
    pause_clock(issue.clocks[ClockName.REPLY], CALENDAR, FILED_AT + timedelta(days=1))
    issue.clocks[ClockName.RESOLVE].cycle = 2
    return issue


class TestIssueRepository:
    """Adding, loading and saving issues."""

    async def test_add_gives_id_and_version_one(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        (issue,) = await add_issues(
            uow_factory, make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        )
        assert issue.id is not None
        assert issue.version == 1

    async def test_every_field_round_trips(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            project = await uow.projects.add(make_project(world.enterprise_id))
            assert project.id is not None
            issue = await uow.issues.add(rich_issue(world, project.id))
            await uow.commit()
        async with uow_factory() as uow:
            by_code = await uow.issues.get("ZB-2026-000007")
            by_id = await uow.issues.get_by_id(issue.id or 0)
        assert by_code == issue
        assert by_id == issue
        assert by_code is not None
        assert by_code.clocks[ClockName.REPLY].paused
        assert by_code.clocks[ClockName.SIGN].on_time is True
        assert by_code.next_due() == issue.clocks[ClockName.RESOLVE].due_at
        assert by_code.closed_at is not None
        assert by_code.closed_at.tzinfo is not None

    async def test_unknown_issue_is_none(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            assert await uow.issues.get("ZB-2026-999999") is None
            assert await uow.issues.get_by_id(999_999) is None

    async def test_save_writes_changes_and_bumps_version(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        (issue,) = await add_issues(
            uow_factory, make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        )
        async with uow_factory() as uow:
            loaded = await uow.issues.get(issue.code)
            assert loaded is not None
            loaded.state = IssueState.ASSIGNED
            loaded.task_force_id = world.alu_id
            loaded.co_handler_ids = frozenset({world.chem_id})
            await uow.issues.save(loaded)
            assert loaded.version == 2
            await uow.commit()
        async with uow_factory() as uow:
            again = await uow.issues.get(issue.code)
        assert again == loaded

    async def test_saves_in_one_transaction_write_each_change_even_one_undone(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        (issue,) = await add_issues(
            uow_factory, make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        )
        async with uow_factory() as uow:
            loaded = await uow.issues.get(issue.code)
            assert loaded is not None
            loaded.rating, loaded.feedback = 5, "很好"
            await uow.issues.save(loaded)
            loaded.rating = None  # back to what was read: must be written all the same
            loaded.clocks[ClockName.SIGN].due_at += timedelta(hours=2)
            await uow.issues.save(loaded)
            await uow.commit()
        async with uow_factory() as uow:
            again = await uow.issues.get(issue.code)
        assert again == loaded
        assert again is not None and (again.rating, again.feedback) == (None, "很好")
        assert again.version == 3

    async def test_stale_save_raises_concurrent_update(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        (issue,) = await add_issues(
            uow_factory, make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        )
        async with uow_factory() as uow:
            winner = await uow.issues.get(issue.code)
            assert winner is not None
            winner.rating = 5
            await uow.issues.save(winner)
            await uow.commit()
        async with uow_factory() as uow:
            issue.rating = 1  # still version 1: read before the winner saved
            with pytest.raises(ConcurrentUpdate) as caught:
                await uow.issues.save(issue)
        assert caught.value.key == "issue.concurrent_update"
        async with uow_factory() as uow:
            stored = await uow.issues.get(issue.code)
        assert stored is not None
        assert (stored.rating, stored.version) == (5, 2)

    async def test_next_code_counts_per_year(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            codes = [await uow.issues.next_code(2026) for _ in range(3)]
            other_year = await uow.issues.next_code(2027)
            await uow.commit()
        async with uow_factory() as uow:
            fourth = await uow.issues.next_code(2026)
            await uow.commit()
        assert codes == ["ZB-2026-000001", "ZB-2026-000002", "ZB-2026-000003"]
        assert other_year == "ZB-2027-000001"
        assert fourth == "ZB-2026-000004"


class TestEventRepository:
    """The append-only timeline."""

    async def test_events_come_back_in_order(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        (issue,) = await add_issues(
            uow_factory, make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        )
        assert issue.id is not None
        filed = IssueEvent(
            "filed", FILED_AT, world.member_id, None, IssueState.FILED, "用电报装", {"n": 1}
        )
        routed = IssueEvent(
            "routed",
            FILED_AT + timedelta(minutes=1),
            None,
            IssueState.FILED,
            IssueState.ASSIGNED,
            data={"task_force_id": world.alu_id, "how": "project", "tags": ["电", "急"]},
        )
        async with uow_factory() as uow:
            first = await uow.events.add(issue.id, filed)
            second = await uow.events.add(issue.id, routed)
            await uow.commit()
        assert first.id is not None and second.id is not None
        assert first.id < second.id
        async with uow_factory() as uow:
            timeline = await uow.events.for_issue(issue.id)
            assert await uow.events.for_issue(issue.id + 1000) == []
        assert timeline == [first, second]
        assert timeline[1].data["tags"] == ["电", "急"]

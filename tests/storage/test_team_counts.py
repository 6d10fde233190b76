"""Per task force counts for /overview and the weekly summary (measure 15), on every backend."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest_asyncio

from bot.domain.clocks import cancel_clock, meet_clock
from bot.domain.model import Issue, IssueState
from bot.services.ports import TeamCounts, UnitOfWorkFactory
from tests.storage.factories import FILED_AT, World, build_world, make_issue, make_task_force

NOW = FILED_AT + timedelta(days=40)
SINCE = FILED_AT + timedelta(days=1)


def closed(issue: Issue, at: datetime, rating: int | None, resolved: datetime) -> Issue:
    """The issue closed at `at` with its rating; its resolution clock met at `resolved`."""
    for clock in issue.clocks.values():
        meet_clock(clock, resolved)
    issue.state, issue.closed_at, issue.rating = IssueState.CLOSED, at, rating
    return issue


@pytest_asyncio.fixture
async def world(uow_factory: UnitOfWorkFactory) -> tuple[World, int]:
    """alu: two open issues (one overdue), three rated and one withdrawn; chem: one rated 3;
    a third task force with no issue at all, whose id comes second."""
    async with uow_factory() as uow:
        world = await build_world(uow)
        idle = await uow.task_forces.add(make_task_force("food"))
        assert idle.id is not None

        def filed(n: int, at: datetime, team: int) -> Issue:
            issue = make_issue(f"ZB-2026-{n:06d}", world.enterprise_id, world.member_id, at)
            issue.state, issue.task_force_id = IssueState.ASSIGNED, team
            return issue

        alu, chem = world.alu_id, world.chem_id
        late = filed(1, FILED_AT, alu)
        fresh = filed(2, NOW - timedelta(hours=1), alu)
        day2, day3 = FILED_AT + timedelta(days=2), FILED_AT + timedelta(days=3)
        # Rated 5 and 4: both satisfied, though the second was resolved a month late.
        pleased = closed(filed(3, day2, alu), day3, 5, day3)
        content = closed(filed(4, day2, alu), NOW, 4, FILED_AT + timedelta(days=35))
        # Closed before the week began: it counts for the rates, not as closed this week.
        unhappy = closed(filed(5, FILED_AT, alu), FILED_AT + timedelta(hours=5), 2, day2)
        withdrawn = filed(6, day3, alu)
        for clock in withdrawn.clocks.values():
            cancel_clock(clock, day3)
        withdrawn.state = IssueState.WITHDRAWN
        other = closed(filed(7, day2, chem), day3, 3, day3)
        nowhere = make_issue("ZB-2026-000008", world.enterprise_id, world.member_id, day2)
        for issue in (late, fresh, pleased, content, unhappy, withdrawn, other, nowhere):
            await uow.issues.add(issue)
        await uow.commit()
    return world, idle.id


async def test_counts_sum_open_overdue_new_closed_on_time_and_ratings(
    uow_factory: UnitOfWorkFactory, world: tuple[World, int]
) -> None:
    small, idle = world
    async with uow_factory() as uow:
        counts = await uow.issues.team_counts([small.alu_id, small.chem_id, idle], NOW, SINCE)
    assert counts == {
        small.alu_id: TeamCounts(
            open=2,
            overdue=1,
            filed=4,
            closed=2,
            met=3,
            on_time=2,
            ratings=3,
            rating_sum=11,
            satisfied=2,
        ),
        small.chem_id: TeamCounts(
            filed=1, closed=1, met=1, on_time=1, ratings=1, rating_sum=3, satisfied=0
        ),
    }


async def test_only_the_task_forces_asked_for_are_counted(
    uow_factory: UnitOfWorkFactory, world: tuple[World, int]
) -> None:
    small, _ = world
    async with uow_factory() as uow:
        chem = await uow.issues.team_counts([small.chem_id], NOW, SINCE)
        none = await uow.issues.team_counts([], NOW, SINCE)
    assert list(chem) == [small.chem_id] and chem[small.chem_id].satisfied == 0
    assert none == {}

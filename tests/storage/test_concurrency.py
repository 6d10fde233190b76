"""Many units of work at once: one winner per issue version, no code handed out twice."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.domain.errors import ConcurrentUpdate
from bot.domain.model import IssueState
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import build_world, make_issue

CONTENDERS = 50


async def add_assigned_issue(uow_factory: UnitOfWorkFactory) -> str:
    """Commit one assigned issue and return its code."""
    async with uow_factory() as uow:
        world = await build_world(uow)
        issue = make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
        issue.state, issue.task_force_id = IssueState.ASSIGNED, world.alu_id
        await uow.issues.add(issue)
        await uow.commit()
    return issue.code


async def try_to_claim(uow_factory: UnitOfWorkFactory, code: str, officer: int) -> str:
    """Load the issue, claim it if it is still at version 1, and say how that went."""
    async with uow_factory() as uow:
        issue = await uow.issues.get(code)
        assert issue is not None
        if issue.version != 1:
            # Serialised behind the winner (SQLite's BEGIN IMMEDIATE, a pool wait): the
            # change is visible before any write, which is the same refusal, seen earlier.
            return "saw_change"
        await asyncio.sleep(0)  # let the others load the same version
        issue.state, issue.assignee_id = IssueState.ACKNOWLEDGED, officer
        try:
            await uow.issues.save(issue)
            await uow.commit()
        except ConcurrentUpdate:
            return "conflict"
        return "won"


async def test_exactly_one_of_many_concurrent_saves_wins(
    uow_factory: UnitOfWorkFactory,
) -> None:
    code = await add_assigned_issue(uow_factory)
    async with uow_factory() as uow:
        people = [p.id for p in await uow.people.with_role()]
    outcomes = await asyncio.gather(
        *(try_to_claim(uow_factory, code, people[n % len(people)] or 0) for n in range(CONTENDERS))
    )
    tally = Counter(outcomes)
    assert tally["won"] == 1
    assert tally["conflict"] + tally["saw_change"] == CONTENDERS - 1
    async with uow_factory() as uow:
        stored = await uow.issues.get(code)
    assert stored is not None
    assert (stored.state, stored.version) == (IssueState.ACKNOWLEDGED, 2)


async def test_concurrent_next_code_never_repeats(uow_factory: UnitOfWorkFactory) -> None:
    async def take() -> str:
        async with uow_factory() as uow:
            code = await uow.issues.next_code(2026)
            await uow.commit()
        return code

    codes = await asyncio.gather(*(take() for _ in range(CONTENDERS)))
    assert sorted(codes) == [f"ZB-2026-{n:06d}" for n in range(1, CONTENDERS + 1)]

"""Helpers of the service tests: task force ids, issue snapshots, refusals that change nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from bot.domain.errors import DomainError
from bot.domain.model import Issue, IssueEvent
from bot.domain.notice import Notice, Priority
from bot.services import follow_up, teamwork
from tests.services.city import City
from tests.services.test_filing import notices_of, recipients

Heard = tuple[str, int | None, str, Priority]
Action = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class Snapshot:
    """An issue as stored, with its timeline and its queued notices."""

    issue: Issue
    events: list[IssueEvent]
    notices: list[Notice]


async def team_id(city: City, code: str) -> int:
    """The id of the task force with this code."""
    async with city.new_uow() as uow:
        team = await uow.task_forces.by_code(code)
    assert team is not None and team.id is not None
    return team.id


async def snapshot(city: City, code: str) -> Snapshot:
    """The issue with this code, its events and its notices, as stored now."""
    async with city.new_uow() as uow:
        issue = await uow.issues.get(code)
        assert issue is not None and issue.id is not None
        events = await uow.events.for_issue(issue.id)
    return Snapshot(issue, events, await notices_of(city, issue.id))


async def news(city: City, before: Snapshot) -> tuple[list[str], set[Heard]]:
    """The event kinds and the notices (kind, id, template, priority) added since `before`."""
    after = await snapshot(city, before.issue.code)
    assert after.events[: len(before.events)] == before.events
    kinds = [e.kind for e in after.events[len(before.events) :]]
    old = {n.dedupe_key for n in before.notices}
    return kinds, recipients([n for n in after.notices if n.dedupe_key not in old])


def person(who: int, template: str, priority: Priority = Priority.NORMAL) -> Heard:
    """A notice to one person."""
    return ("person", who, f"notice.{template}", priority)


def group(team: int, template: str, priority: Priority = Priority.NORMAL) -> Heard:
    """A notice to a task force's group chat."""
    return ("group", team, f"notice.{template}", priority)


async def refused(
    city: City, code: str, action: Action, error: type[DomainError], key: str
) -> DomainError:
    """Run the action, expect the refusal, and check that the issue did not change at all."""
    before = await snapshot(city, code)
    with pytest.raises(error) as caught:
        await action()
    assert caught.value.key == key, caught.value
    assert await snapshot(city, code) == before
    return caught.value


async def claimed(city: City) -> str:
    """File an issue about the small project (to alu) and let the officer claim it."""
    code = (await city.file()).issue.code
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.later(hours=1))
    return code


async def answered(city: City) -> str:
    """A claimed issue the officer has resolved; it waits for the enterprise."""
    code = await claimed(city)
    await teamwork.resolve(
        city.new_uow(), city.ctx, city.officer, code, "已完成报装", city.later(hours=1)
    )
    return code


async def closed(city: City) -> str:
    """An answered issue the enterprise has confirmed."""
    code = await answered(city)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.later(hours=1))
    return code

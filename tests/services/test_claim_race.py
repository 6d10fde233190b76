"""Of many officers pressing Claim at once, exactly one wins; the others get a clear refusal."""

from __future__ import annotations

import asyncio

from bot.domain.errors import DomainError
from bot.domain.people import OPERATOR, Role
from bot.services import teamwork
from bot.services.directory import NewOfficial, add_official
from tests.services.city import City

CLAIMANTS = 50


async def test_fifty_concurrent_claims_have_one_winner(city: City) -> None:
    officers = []
    for n in range(CLAIMANTS):
        person = await add_official(
            city.new_uow(),
            OPERATOR,
            NewOfficial(f"专员{n}", frozenset({Role.OFFICER}), task_forces=("alu",)),
        )
        assert person.id is not None
        officers.append(person.id)
    code = (await city.file()).issue.code
    now = city.later(minutes=5)

    async def press(officer: int) -> int | DomainError:
        try:
            outcome = await teamwork.claim(city.new_uow(), city.ctx, officer, code, now)
        except DomainError as refusal:
            return refusal
        assert outcome.issue.assignee_id is not None
        return outcome.issue.assignee_id

    results = await asyncio.gather(*(press(o) for o in officers))
    winners = [r for r in results if isinstance(r, int)]
    refusals = [r for r in results if isinstance(r, DomainError)]
    assert len(winners) == 1 and len(refusals) == CLAIMANTS - 1
    assert {r.key for r in refusals} == {"issue.already_claimed"}
    async with city.new_uow() as uow:
        issue = await uow.issues.get(code)
        assert issue is not None and issue.assignee_id == winners[0]
        assert issue.id is not None
        claims = [e for e in await uow.events.for_issue(issue.id) if e.kind == "claimed"]
    assert len(claims) == 1

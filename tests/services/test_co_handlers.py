"""Co-handling (协办): another task force helps with notes but does not answer for the issue."""

from __future__ import annotations

from functools import partial

from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import IssueState
from bot.services import teamwork
from bot.services.queries import show_issue
from tests.services.city import City
from tests.services.probes import claimed, news, person, refused, snapshot, team_id


async def add(city: City, who: int, code: str, team: str = "energy") -> None:
    """Add a co-handling task force."""
    await teamwork.add_co_handler(city.new_uow(), city.ctx, who, code, team, city.later(hours=1))


async def test_a_co_handler_is_told_and_may_add_notes_but_not_answer(city: City) -> None:
    energy = await team_id(city, "energy")
    code = await claimed(city)
    before = await snapshot(city, code)
    await add(city, city.lead, code)
    added = await snapshot(city, code)
    assert added.issue.co_handler_ids == frozenset({energy})
    assert (added.issue.assignee_id, added.issue.state) == (city.officer, IssueState.ACKNOWLEDGED)
    assert (added.events[-1].actor_id, added.events[-1].data) == (
        city.lead,
        {"task_force_id": energy},
    )
    # The energy task force has no group chat: its people are told one by one.
    assert await news(city, before) == (
        ["co_handler_added"],
        {person(city.energy_officer, "co_handling")},
    )

    view = await show_issue(city.new_uow(), city.energy_officer, code)
    assert view.issue.code == code
    await teamwork.note(
        city.new_uow(), city.ctx, city.energy_officer, code, "光伏并网已排期", city.later(hours=1)
    )
    noted = await snapshot(city, code)
    assert (noted.events[-1].kind, noted.events[-1].actor_id) == ("noted", city.energy_officer)
    assert noted.events[-1].text == "光伏并网已排期"

    async def reply() -> None:
        await teamwork.reply(
            city.new_uow(), city.ctx, city.energy_officer, code, "我们来答复", city.later()
        )

    async def resolve() -> None:
        await teamwork.resolve(
            city.new_uow(), city.ctx, city.energy_officer, code, "已解决", city.later()
        )

    await refused(city, code, reply, NotAllowed, "issue.not_allowed")
    await refused(city, code, resolve, NotAllowed, "issue.not_allowed")


async def test_the_owner_or_a_helper_twice_cannot_be_added(city: City) -> None:
    code = await claimed(city)
    await refused(
        city,
        code,
        partial(add, city, city.lead, code, "alu"),
        InvalidInput,
        "co_handler.duplicate",
    )
    await add(city, city.lead, code)
    await refused(
        city, code, partial(add, city, city.lead, code), InvalidInput, "co_handler.duplicate"
    )
    await refused(
        city,
        code,
        partial(add, city, city.lead, code, "nope"),
        InvalidInput,
        "task_force.not_found",
    )
    await refused(
        city, code, partial(add, city, city.officer, code, "chem"), NotAllowed, "issue.not_allowed"
    )

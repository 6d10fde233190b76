"""What leaders and the admin do to an issue: instruct (批示), supervise (督办), direct report."""

from __future__ import annotations

from functools import partial

from bot.domain.errors import InvalidTransition, NotAllowed
from bot.domain.notice import Priority
from bot.services import follow_up
from bot.services.recording import ActorRef
from tests.services.city import City
from tests.services.probes import claimed, group, news, person, refused, snapshot, team_id


async def instruct(city: City, who: int, code: str, text: str = "请三日内解决") -> None:
    """Give a written instruction."""
    await follow_up.instruct(city.new_uow(), city.ctx, who, code, text, city.later(hours=1))


async def supervise(city: City, who: int, code: str) -> None:
    """Put the issue under supervision."""
    await follow_up.supervise(city.new_uow(), city.ctx, who, code, city.later(hours=1))


async def mark(city: City, who: ActorRef, code: str) -> None:
    """Mark the issue for direct report."""
    await follow_up.mark_direct_report(city.new_uow(), city.ctx, who, code, city.later(hours=1))


async def test_instructions_reach_the_assignee_and_the_group_at_once(city: City) -> None:
    alu = await team_id(city, "alu")
    code = await claimed(city)
    for leader, text in ((city.leader, "请三日内解决"), (city.principal, "市政府全力支持")):
        before = await snapshot(city, code)
        await instruct(city, leader, code, text)
        after = await snapshot(city, code)
        assert (after.events[-1].actor_id, after.events[-1].text) == (leader, text)
        assert after.issue.state == before.issue.state
        assert await news(city, before) == (
            ["instructed"],
            {
                person(city.officer, "instruction", Priority.CRITICAL),
                group(alu, "instruction", Priority.CRITICAL),
            },
        )
    await refused(
        city, code, partial(instruct, city, city.officer, code), NotAllowed, "issue.not_allowed"
    )
    await refused(
        city, code, partial(instruct, city, city.lead, code), NotAllowed, "issue.not_allowed"
    )


async def test_supervision_is_taken_once_and_the_handlers_are_told(city: City) -> None:
    code = await claimed(city)
    before = await snapshot(city, code)
    await supervise(city, city.leader, code)
    after = await snapshot(city, code)
    assert after.issue.supervised_by == city.leader
    assert after.events[-1].actor_id == city.leader
    assert await news(city, before) == (
        ["supervised"],
        {
            person(city.officer, "supervised", Priority.HIGH),
            person(city.lead, "supervised", Priority.HIGH),
        },
    )
    await refused(
        city,
        code,
        partial(supervise, city, city.leader, code),
        InvalidTransition,
        "issue.already_supervised",
    )
    await refused(
        city, code, partial(supervise, city, city.officer, code), NotAllowed, "issue.not_allowed"
    )


async def test_the_admin_marks_an_issue_for_direct_report(city: City) -> None:
    code = await claimed(city)
    before = await snapshot(city, code)
    assert not before.issue.direct_report
    await refused(
        city, code, partial(mark, city, city.officer, code), NotAllowed, "issue.not_allowed"
    )
    await refused(
        city, code, partial(mark, city, city.leader, code), NotAllowed, "issue.not_allowed"
    )
    await mark(city, city.admin, code)
    after = await snapshot(city, code)
    assert after.issue.direct_report
    assert after.events[-1].actor_id == city.admin
    critical = Priority.CRITICAL
    assert await news(city, before) == (
        ["marked_direct_report"],
        {
            person(city.party_office, "direct_report", critical),
            person(city.government_office, "direct_report", critical),
            person(city.leader, "direct_report", critical),
            person(city.principal, "direct_report", critical),
        },
    )
    await refused(
        city,
        code,
        partial(mark, city, city.admin, code),
        InvalidTransition,
        "issue.already_direct",
    )

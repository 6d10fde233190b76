"""Handing an issue around: the lead's assignment, new co-handlers, requests with no lead,
what outsiders learn, and what the enterprise is told of a new deadline."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.people import OPERATOR, SYSTEM
from bot.services import follow_up, teamwork
from tests.services.city import City
from tests.services.probes import claimed, news, person, refused, snapshot, team_id


async def test_the_lead_assigns_an_officer_who_is_told(city: City) -> None:
    code = (await city.file()).issue.code
    before = await snapshot(city, code)
    done = await teamwork.assign(
        city.new_uow(), city.ctx, city.lead, code, city.officer2, city.later(minutes=5)
    )
    assert done.issue.assignee_id == city.officer2
    kinds, heard = await news(city, before)
    assert kinds == ["member_assigned"]
    assert heard == {person(city.officer2, "assigned_to_you")}
    await refused(
        city,
        code,
        lambda: teamwork.assign(
            city.new_uow(), city.ctx, city.lead, code, city.energy_officer, city.now
        ),
        InvalidInput,
        "assign.not_officer",
    )


async def test_only_the_new_co_handler_hears_of_its_addition(city: City) -> None:
    code = await claimed(city)
    await teamwork.add_co_handler(city.new_uow(), city.ctx, city.lead, code, "energy", city.now)
    before = await snapshot(city, code)
    await teamwork.add_co_handler(city.new_uow(), city.ctx, city.lead, code, "chem", city.now)
    _, heard = await news(city, before)
    assert city.energy_officer not in {who for _, who, _, _ in heard}


async def test_outsiders_cannot_tell_an_issue_exists_by_naming_a_task_force(city: City) -> None:
    code = (await city.file()).issue.code
    for missing in (code, "ZB-2026-999999"):
        with pytest.raises(NotFound):
            await teamwork.transfer(
                city.new_uow(), city.ctx, city.other_member, missing, "nope", "理由", city.now
            )


async def test_the_enterprise_is_told_its_new_deadline(city: City) -> None:
    code = await claimed(city)
    await follow_up.request_extension(
        city.new_uow(),
        city.ctx,
        city.officer,
        code,
        date(2026, 12, 22),
        "需要协调电网",
        city.later(hours=1),
    )
    before = await snapshot(city, code)
    await follow_up.decide_request(city.new_uow(), city.ctx, city.lead, code, True, city.now)
    after = await snapshot(city, code)
    told = [n for n in after.notices if n.template == "notice.deadline_changed"]
    assert len(told) == 1 and told[0].person_id == city.member
    assert told[0].params["new_due"].startswith("2026-12-22T17:30")
    assert len(after.notices) == len(before.notices) + 2


async def test_a_request_in_a_task_force_without_a_lead_reaches_the_desk(city: City) -> None:
    code = (await city.file("光伏组件", project_id=None, task_force_code="energy")).issue.code
    await teamwork.claim(city.new_uow(), city.ctx, city.energy_officer, code, city.now)
    before = await snapshot(city, code)
    await follow_up.request_extension(
        city.new_uow(),
        city.ctx,
        city.energy_officer,
        code,
        date(2026, 12, 22),
        "缺设备",
        city.later(hours=1),
    )
    _, heard = await news(city, before)
    offices = (city.party_office, city.government_office)
    assert heard == {person(d, "extension_requested") for d in offices}
    # The office may decide in the missing lead's place.
    await follow_up.decide_request(
        city.new_uow(), city.ctx, city.government_office, code, True, city.later(hours=1)
    )


async def test_operators_and_the_system_act_only_when_named(city: City) -> None:
    code = (await city.file()).issue.code
    with pytest.raises(TypeError):
        await teamwork.dispatch(city.new_uow(), city.ctx, None, code, "alu", city.now)  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):  # the scheduler has no business moving issues
        await teamwork.transfer(city.new_uow(), city.ctx, SYSTEM, code, "chem", "x", city.now)
    alu = await team_id(city, "alu")
    moved = await teamwork.transfer(
        city.new_uow(), city.ctx, OPERATOR, code, "energy", "属于光伏", city.now
    )
    assert moved.issue.task_force_id != alu and moved.issue.accountable_task_force_id == alu


async def test_filing_warns_of_deadlines_in_a_year_no_calendar_covers(
    city: City, caplog: pytest.LogCaptureFixture
) -> None:
    city.now = city.now.replace(year=2026, month=12, day=21)
    with caplog.at_level(logging.WARNING, logger="bot.services.filing"):
        filed = await city.file()
    assert any(
        "2027" in r.getMessage() and filed.issue.code in r.getMessage() for r in caplog.records
    )

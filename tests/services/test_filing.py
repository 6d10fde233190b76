"""Filing: codes, routing, round robin, direct reports and the notices they queue."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import IssueState, Urgency
from bot.domain.notice import Notice, Priority
from bot.services.filing import FilingRequest, file_issue, preview_route
from bot.services.ports import IssueQuery
from tests.services.city import City


async def notices_of(city: City, issue_id: int | None) -> list[Notice]:
    """Every notice queued for an issue."""
    async with city.new_uow() as uow:
        return await uow.notices.find(issue_id=issue_id)


def recipients(notices: list[Notice]) -> set[tuple[str, int | None, str, Priority]]:
    """(kind, id, template, priority) of each notice."""
    return {
        (
            "group" if n.task_force_id else "person",
            n.task_force_id or n.person_id,
            n.template,
            n.priority,
        )
        for n in notices
    }


async def test_an_issue_about_a_project_goes_to_its_industry_task_force(city: City) -> None:
    outcome = await city.file()
    issue = outcome.issue
    assert issue.code == "ZB-2026-000001"
    assert issue.state is IssueState.ASSIGNED
    assert [e.kind for e in outcome.events] == ["filed", "routed"]
    assert outcome.events[1].data["how"] == "project"
    async with city.new_uow() as uow:
        alu = await uow.task_forces.by_code("alu")
    assert alu is not None and issue.task_force_id == alu.id
    # The filer is not sent a notice: the receipt is the dialog's answer to the filing.
    assert recipients(await notices_of(city, issue.id)) == {
        ("group", alu.id, "notice.new_issue", Priority.NORMAL),
    }


async def test_codes_count_up_within_the_year(city: City) -> None:
    first = await city.file()
    second = await city.file("第二个问题")
    assert (first.issue.code, second.issue.code) == ("ZB-2026-000001", "ZB-2026-000002")


async def test_an_urgent_issue_of_a_coordinated_project_is_reported_directly(city: City) -> None:
    outcome = await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    assert outcome.issue.direct_report
    critical = {
        n.person_id
        for n in await notices_of(city, outcome.issue.id)
        if n.template == "notice.direct_report"
    }
    assert critical == {city.party_office, city.government_office, city.leader, city.principal}
    group = [n for n in await notices_of(city, outcome.issue.id) if n.task_force_id]
    assert [n.priority for n in group] == [Priority.HIGH]


async def test_urgent_issues_of_ordinary_projects_are_not_direct_reports(city: City) -> None:
    outcome = await city.file(urgency=Urgency.URGENT)
    assert not outcome.issue.direct_report
    templates = {n.template for n in await notices_of(city, outcome.issue.id)}
    assert "notice.direct_report" not in templates


async def test_an_issue_nobody_can_route_waits_at_the_dispatch_desk(city: City) -> None:
    outcome = await city.file("请问这个怎么办", project_id=None)
    assert outcome.issue.state is IssueState.FILED
    assert outcome.issue.task_force_id is None
    desk = [n for n in await notices_of(city, outcome.issue.id) if n.template.endswith("dispatch")]
    assert {n.person_id for n in desk} == {city.party_office, city.government_office}


async def test_the_enterprise_choice_routes_and_round_robin_names_an_officer(city: City) -> None:
    outcome = await city.file("光伏组件", project_id=None, task_force_code="energy")
    issue = outcome.issue
    assert [e.kind for e in outcome.events] == ["filed", "routed", "member_assigned"]
    assert issue.assignee_id == city.energy_officer
    assert issue.state is IssueState.ASSIGNED
    notices = await notices_of(city, issue.id)
    assert ("person", city.energy_officer, "notice.assigned_to_you", Priority.NORMAL) in (
        recipients(notices)
    )


async def test_the_route_preview_follows_project_then_keywords_then_desk(city: City) -> None:
    async with city.new_uow() as uow:
        textile = await uow.task_forces.by_code("textile")
        alu = await uow.task_forces.by_code("alu")
    assert textile is not None and alu is not None
    text = "纺织厂扩建需要增加印染产能指标"
    by_project = await preview_route(city.new_uow(), city.ctx, text, city.small_project)
    assert (by_project.reason, by_project.task_force_id) == ("project", alu.id)
    by_words = await preview_route(city.new_uow(), city.ctx, text)
    assert by_words.reason == "keywords" and by_words.task_force_id is None
    assert by_words.suggestions[0].task_force_id == textile.id
    to_desk = await preview_route(city.new_uow(), city.ctx, "请问怎么办")
    assert (to_desk.reason, to_desk.suggestions) == ("desk", ())


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"category": "weather"}, "issue.unknown_category"),
        ({"text": "   "}, "input.required"),
        ({"text": "长" * 10_001}, "input.too_long"),
        ({"project_id": 999}, "project.not_found"),
        ({"project_id": None, "task_force_code": "nope"}, "task_force.not_found"),
    ],
)
async def test_bad_filings_are_refused_and_change_nothing(
    city: City, changes: dict[str, object], key: str
) -> None:
    base: dict[str, object] = {"text": "问题", "project_id": city.small_project}
    request = FilingRequest(**{**base, **changes})  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as refused:
        await file_issue(city.new_uow(), city.ctx, city.member, request, city.now)
    assert refused.value.key == key
    async with city.new_uow() as uow:
        assert await uow.issues.find(IssueQuery()) == []
        assert await uow.notices.find() == []


async def test_another_enterprises_project_cannot_be_named(city: City) -> None:
    request = FilingRequest(text="问题", project_id=city.small_project)
    with pytest.raises(InvalidInput):
        await file_issue(city.new_uow(), city.ctx, city.other_member, request, city.now)


async def test_officials_cannot_file(city: City) -> None:
    with pytest.raises(NotAllowed):
        await file_issue(
            city.new_uow(), city.ctx, city.officer, FilingRequest(text="问题"), city.now
        )


async def test_a_request_filed_twice_files_one_issue(city: City) -> None:
    request = FilingRequest(
        text="变电站不能送电", project_id=city.small_project, request_key="tg:5001:a1"
    )
    first = await file_issue(city.new_uow(), city.ctx, city.member, request, city.now)
    again = await file_issue(city.new_uow(), city.ctx, city.member, request, city.later(minutes=1))
    assert again.issue.code == first.issue.code and again.events == []
    async with city.new_uow() as uow:
        assert len(await uow.issues.find(IssueQuery())) == 1
        same = await uow.issues.by_request_key("tg:5001:a1")
        with pytest.raises(InvalidInput) as refused:
            await uow.issues.add(replace(first.issue, id=None, code="ZB-2026-000099"))
    assert same is not None and same.code == first.issue.code
    assert refused.value.key == "issue.already_filed"

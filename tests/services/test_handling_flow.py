"""One issue from filing to rating through the use cases, with what each step tells whom."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.domain.errors import NotFound
from bot.domain.model import ClockName, IssueState
from bot.domain.people import OPERATOR
from bot.services import follow_up, teamwork
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from tests.services.city import City
from tests.services.test_filing import notices_of


async def templates_for(city: City, issue_id: int | None, person: int) -> list[str]:
    """Templates of the notices queued for one person, oldest first."""
    return [n.template for n in await notices_of(city, issue_id) if n.person_id == person]


async def test_the_whole_loop_from_filing_to_rating(city: City) -> None:
    filed = await city.file()
    code, issue_id = filed.issue.code, filed.issue.id
    ctx, officer, member = city.ctx, city.officer, city.member

    claimed = await teamwork.claim(city.new_uow(), ctx, officer, code, city.later(hours=1))
    assert claimed.issue.state is IssueState.ACKNOWLEDGED
    assert claimed.issue.clocks[ClockName.SIGN].on_time is True
    await teamwork.reply(city.new_uow(), ctx, officer, code, "已联系供电公司", city.later(hours=1))
    asked = await teamwork.ask_info(
        city.new_uow(), ctx, officer, code, "请提供用电负荷表", city.later(hours=1)
    )
    assert asked.issue.state is IssueState.WAITING_ENTERPRISE
    assert all(not c.running for c in asked.issue.clocks.values())
    supplied = await teamwork.supply_info(
        city.new_uow(), ctx, member, code, "负荷表见附件", city.later(days=1)
    )
    assert supplied.issue.state is IssueState.IN_PROGRESS
    assert supplied.issue.clocks[ClockName.RESOLVE].running
    await teamwork.note(city.new_uow(), ctx, officer, code, "已协调现场勘察", city.later(hours=2))
    await teamwork.resolve(city.new_uow(), ctx, officer, code, "已完成报装", city.later(hours=2))
    redo = await follow_up.reject_answer(
        city.new_uow(), ctx, member, code, "还没有通电", city.later(hours=1)
    )
    assert redo.issue.state is IssueState.IN_PROGRESS
    await teamwork.resolve(city.new_uow(), ctx, officer, code, "已通电", city.later(hours=3))
    closed = await follow_up.confirm(city.new_uow(), ctx, member, code, city.later(hours=1))
    assert closed.issue.state is IssueState.CLOSED
    assert closed.issue.clocks[ClockName.RESOLVE].on_time is True
    rated = await follow_up.rate(city.new_uow(), ctx, member, code, 5, "很及时", city.later())
    assert rated.issue.rating == 5

    view = await show_issue(city.new_uow(), member, code)
    assert [e.kind for e in view.events] == [
        "filed",
        "routed",
        "claimed",
        "replied",
        "info_requested",
        "info_supplied",
        "noted",
        "resolved",
        "answer_rejected",
        "resolved",
        "confirmed",
        "rated",
    ]
    chain = [(e.from_state, e.to_state) for e in view.events]
    assert all(a[1] == b[0] for a, b in pairwise(chain))
    # 无事不扰: the enterprise hears only what concerns it and needs it.
    assert await templates_for(city, issue_id, member) == [
        "notice.reply",
        "notice.info_requested",
        "notice.answered",
        "notice.answered",
    ]
    assert await templates_for(city, issue_id, officer) == [
        "notice.info_supplied",
        "notice.answer_rejected",
        "notice.confirmed",
        "notice.rated",
    ]


async def test_readers_see_only_what_they_may(city: City) -> None:
    filed = await city.file()
    code = filed.issue.code
    with pytest.raises(NotFound):
        await show_issue(city.new_uow(), city.other_member, code)
    with pytest.raises(NotFound):
        await show_issue(city.new_uow(), city.energy_officer, code)
    assert await list_issues(city.new_uow(), city.other_member, IssueQuery()) == []
    assert await list_issues(city.new_uow(), city.energy_officer, IssueQuery()) == []
    for reader in (
        city.member,
        city.officer,
        city.lead,
        city.leader,
        city.principal,
        city.party_office,
        city.admin,
        OPERATOR,
    ):
        found = await list_issues(city.new_uow(), reader, IssueQuery())
        assert [i.code for i in found] == [code], reader

"""Extensions (延期申请): who asks, who approves, the new deadline and who hears of it (§7)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from zoneinfo import ZoneInfo

from bot.domain.calendar import Duration
from bot.domain.errors import DomainError, InvalidInput, NotAllowed, NotFound
from bot.domain.model import ClockName, IssueState
from bot.domain.notice import Priority
from bot.services import follow_up
from bot.services.queries import show_issue
from tests.services.city import City
from tests.services.probes import claimed, news, person, refused, snapshot

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Filed Monday 2026-11-23: 15 working days end at close of business on Monday 2026-12-14.
FIRST_DUE = datetime(2026, 12, 14, 17, 30, tzinfo=SHANGHAI)
DEC_18 = date(2026, 12, 18)


async def ask(city: City, who: int, code: str, new_due: date, reason: str = "需协调电网") -> None:
    """Request an extension of the resolution deadline to `new_due`."""
    await follow_up.request_extension(
        city.new_uow(), city.ctx, who, code, new_due, reason, city.later(hours=1)
    )


async def decide(city: City, who: int, code: str, approve: bool, note: str | None = None) -> None:
    """Approve or deny the pending request."""
    await follow_up.decide_request(
        city.new_uow(), city.ctx, who, code, approve, city.later(hours=1), note
    )


async def test_the_lead_approves_the_assignees_first_extension(city: City) -> None:
    code = await claimed(city)
    before = await snapshot(city, code)
    assert before.issue.clocks[ClockName.RESOLVE].due_at == FIRST_DUE
    await ask(city, city.officer, code, DEC_18)
    asked = await snapshot(city, code)
    pending = asked.issue.pending
    assert pending is not None
    assert (pending.kind, pending.approver, pending.requested_by) == (
        "extension",
        "lead",
        city.officer,
    )
    assert pending.new_due == DEC_18
    assert asked.issue.clocks[ClockName.RESOLVE].due_at == FIRST_DUE
    assert asked.events[-1].data == {"new_due": "2026-12-18", "approver": "lead"}
    assert await news(city, before) == (
        ["extension_requested"],
        {person(city.lead, "extension_requested")},
    )

    await decide(city, city.lead, code, approve=True)
    view = await show_issue(city.new_uow(), city.member, code)
    issue = view.issue
    assert issue.clocks[ClockName.RESOLVE].due_at == datetime.combine(
        DEC_18, time(17, 30), SHANGHAI
    )
    assert issue.clocks[ClockName.RESOLVE].running
    assert (issue.extensions_granted, issue.pending, issue.state) == (
        1,
        None,
        IssueState.ACKNOWLEDGED,
    )
    approved = view.events[-1]
    assert (approved.kind, approved.actor_id) == ("extension_approved", city.lead)
    assert approved.data["requested_by"] == city.officer
    assert await news(city, asked) == (
        ["extension_approved"],
        {
            person(city.member, "deadline_changed", Priority.HIGH),
            person(city.officer, "request_approved", Priority.HIGH),
        },
    )


async def test_a_second_extension_needs_the_supervising_leader(city: City) -> None:
    code = await claimed(city)
    await ask(city, city.officer, code, DEC_18)
    await decide(city, city.lead, code, approve=True)
    before = await snapshot(city, code)
    await ask(city, city.officer, code, date(2026, 12, 25), "电网改造工期延长")
    asked = await snapshot(city, code)
    assert asked.issue.pending is not None and asked.issue.pending.approver == "leader"
    assert asked.events[-1].data["approver"] == "leader"
    assert await news(city, before) == (
        ["extension_requested"],
        {person(city.leader, "extension_requested")},
    )

    async def lead_decides() -> None:
        await decide(city, city.lead, code, approve=True)

    await refused(city, code, lead_decides, NotAllowed, "issue.not_allowed")
    await decide(city, city.leader, code, approve=True)
    after = await snapshot(city, code)
    due = after.issue.clocks[ClockName.RESOLVE].due_at
    assert due == datetime(2026, 12, 25, 17, 30, tzinfo=SHANGHAI)
    assert (after.issue.extensions_granted, after.issue.pending) == (2, None)
    assert after.events[-1].actor_id == city.leader
    assert await news(city, asked) == (
        ["extension_approved"],
        {
            person(city.member, "deadline_changed", Priority.HIGH),
            person(city.officer, "request_approved", Priority.HIGH),
        },
    )


async def test_a_denied_extension_tells_the_requester_and_keeps_the_deadline(city: City) -> None:
    code = await claimed(city)
    await ask(city, city.officer, code, DEC_18)
    before = await snapshot(city, code)
    await decide(city, city.lead, code, approve=False, note="请按期办结")
    after = await snapshot(city, code)
    assert after.issue.pending is None and after.issue.extensions_granted == 0
    assert after.issue.clocks == before.issue.clocks
    denied = after.events[-1]
    assert (denied.kind, denied.text) == ("request_denied", "请按期办结")
    assert denied.data == {"request": "extension", "requested_by": city.officer}
    assert await news(city, before) == (
        ["request_denied"],
        {person(city.officer, "request_denied", Priority.HIGH)},
    )


async def test_bad_extension_requests_are_refused_and_change_nothing(city: City) -> None:
    code = await claimed(city)
    filed = (await snapshot(city, code)).issue.filed_at
    cap = city.ctx.calendar.deadline(filed, Duration(30, "days")).date()
    over_cap = city.ctx.calendar.add_workdays(cap, 1)
    # An officer of another task force does not even learn that the issue exists;
    # a colleague who is not the assignee may not ask.
    cases: list[tuple[int, date, str, type[DomainError], str]] = [
        (city.officer, date(2026, 12, 14), "需协调", InvalidInput, "extension.not_later"),
        (city.officer, date(2026, 12, 1), "需协调", InvalidInput, "extension.not_later"),
        (city.officer, over_cap, "需协调", InvalidInput, "extension.over_cap"),
        (city.officer, date(2026, 12, 19), "需协调", InvalidInput, "extension.not_workday"),
        (city.officer, DEC_18, " ", InvalidInput, "input.required"),
        (city.energy_officer, DEC_18, "需协调", NotFound, "issue.not_found"),
        (city.officer2, DEC_18, "需协调", NotAllowed, "issue.not_allowed"),
    ]
    for who, new_due, reason, error, key in cases:
        await refused(city, code, partial(ask, city, who, code, new_due, reason), error, key)
    # The cap itself is allowed; a second request while one is pending is not.
    await ask(city, city.officer, code, cap)
    await refused(
        city, code, partial(ask, city, city.officer, code, DEC_18), InvalidInput, "request.pending"
    )

"""Transfer (转派), return (退单), dispatch and rejection (不予受理) of an issue (§5, §6)."""

from __future__ import annotations

from functools import partial

from bot.domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from bot.domain.model import IssueState
from bot.domain.notice import Priority
from bot.services import follow_up, teamwork
from tests.services.city import City
from tests.services.probes import news, person, refused, snapshot, team_id


async def transfer(city: City, who: int, code: str, team: str = "energy") -> None:
    """Transfer (or ask to transfer) the issue to another task force."""
    await teamwork.transfer(
        city.new_uow(), city.ctx, who, code, team, "属于新能源范畴", city.later(hours=1)
    )


async def approve(city: City, who: int, code: str) -> None:
    """Approve the pending request."""
    await follow_up.decide_request(city.new_uow(), city.ctx, who, code, True, city.later(hours=1))


async def claim(city: City, who: int, code: str) -> None:
    """Sign for the issue."""
    await teamwork.claim(city.new_uow(), city.ctx, who, code, city.later(hours=1))


async def test_an_officers_transfer_waits_for_the_lead(city: City) -> None:
    alu, energy = await team_id(city, "alu"), await team_id(city, "energy")
    code = (await city.file()).issue.code
    before = await snapshot(city, code)
    await transfer(city, city.officer, code)
    asked = await snapshot(city, code)
    pending = asked.issue.pending
    assert pending is not None
    assert (pending.kind, pending.approver, pending.target_task_force_id) == (
        "transfer",
        "lead",
        energy,
    )
    assert (asked.issue.task_force_id, asked.issue.state) == (alu, IssueState.ASSIGNED)
    assert asked.events[-1].data == {"task_force_id": energy}
    assert await news(city, before) == (
        ["transfer_requested"],
        {person(city.lead, "transfer_requested")},
    )

    await approve(city, city.lead, code)
    moved = await snapshot(city, code)
    issue = moved.issue
    assert (issue.task_force_id, issue.accountable_task_force_id) == (energy, alu)
    assert (issue.state, issue.pending) == (IssueState.ASSIGNED, None)
    # Energy assigns by round robin, as if the issue had been routed there.
    assert issue.assignee_id == city.energy_officer
    assert await news(city, asked) == (
        ["transferred", "member_assigned"],
        {
            person(city.energy_officer, "new_issue"),
            person(city.energy_officer, "assigned_to_you"),
            # The officer who asked hears that the transfer went through.
            person(city.officer, "request_approved", Priority.HIGH),
        },
    )

    # The first task force keeps watching but can no longer sign for it.
    await refused(
        city, code, partial(claim, city, city.officer, code), NotAllowed, "issue.not_allowed"
    )
    await claim(city, city.energy_officer, code)
    signed = (await snapshot(city, code)).issue
    assert (signed.assignee_id, signed.accountable_task_force_id) == (city.energy_officer, energy)


async def test_a_lead_transfers_at_once_to_the_next_officer_in_turn(city: City) -> None:
    alu, energy = await team_id(city, "alu"), await team_id(city, "energy")
    code = (await city.file()).issue.code
    before = await snapshot(city, code)
    await transfer(city, city.lead, code)
    issue = (await snapshot(city, code)).issue
    assert (issue.task_force_id, issue.accountable_task_force_id) == (energy, alu)
    assert (issue.state, issue.assignee_id, issue.pending) == (
        IssueState.ASSIGNED,
        city.energy_officer,
        None,
    )
    assert await news(city, before) == (
        ["transferred", "member_assigned"],
        {person(city.energy_officer, "new_issue"), person(city.energy_officer, "assigned_to_you")},
    )


async def test_bad_transfers_are_refused_and_change_nothing(city: City) -> None:
    code = (await city.file()).issue.code
    await refused(
        city,
        code,
        partial(transfer, city, city.lead, code, "alu"),
        InvalidInput,
        "transfer.same_task_force",
    )
    await refused(
        city,
        code,
        partial(transfer, city, city.lead, code, "nope"),
        InvalidInput,
        "task_force.not_found",
    )
    await refused(
        city, code, partial(transfer, city, city.energy_officer, code), NotFound, "issue.not_found"
    )
    await transfer(city, city.officer, code)
    await refused(
        city,
        code,
        partial(transfer, city, city.officer2, code, "chem"),
        InvalidInput,
        "request.pending",
    )
    await refused(
        city, code, partial(approve, city, city.officer2, code), NotAllowed, "issue.not_allowed"
    )


async def test_a_returned_issue_goes_to_the_desk_and_is_dispatched_again(city: City) -> None:
    energy = await team_id(city, "energy")
    code = (await city.file()).issue.code
    before = await snapshot(city, code)
    await teamwork.return_issue(
        city.new_uow(), city.ctx, city.officer, code, "不属于本专班", city.later(hours=1)
    )
    returned = await snapshot(city, code)
    issue = returned.issue
    assert (issue.state, issue.task_force_id, issue.assignee_id) == (
        IssueState.RETURNED,
        None,
        None,
    )
    assert returned.events[-1].text == "不属于本专班"
    desks = {person(d, "returned") for d in (city.party_office, city.government_office)}
    assert await news(city, before) == (["returned"], desks)

    await teamwork.dispatch(
        city.new_uow(), city.ctx, city.government_office, code, "energy", city.later(hours=1)
    )
    issue = (await snapshot(city, code)).issue
    assert (issue.state, issue.task_force_id, issue.assignee_id) == (
        IssueState.ASSIGNED,
        energy,
        city.energy_officer,
    )
    assert await news(city, returned) == (
        ["dispatched", "member_assigned"],
        {person(city.energy_officer, "new_issue"), person(city.energy_officer, "assigned_to_you")},
    )


async def test_the_office_declines_an_out_of_scope_issue(city: City) -> None:
    code = (await city.file("请问这个怎么办", project_id=None)).issue.code
    before = await snapshot(city, code)
    assert before.issue.state is IssueState.FILED
    await refused(
        city, code, partial(reject, city, city.officer, code), NotFound, "issue.not_found"
    )
    await reject(city, city.government_office, code)
    issue = (await snapshot(city, code)).issue
    assert issue.state is IssueState.REJECTED and issue.closed_at == city.now
    assert all(not c.running and c.on_time is None for c in issue.clocks.values())
    assert await news(city, before) == (
        ["rejected"],
        {person(city.member, "rejected", Priority.HIGH)},
    )


async def test_officers_may_not_decline_and_routed_issues_cannot_be_declined(city: City) -> None:
    code = (await city.file()).issue.code
    await refused(
        city, code, partial(reject, city, city.officer, code), NotAllowed, "issue.not_allowed"
    )
    await refused(
        city,
        code,
        partial(reject, city, city.government_office, code),
        InvalidTransition,
        "issue.wrong_state",
    )


async def reject(city: City, who: int, code: str) -> None:
    """Decline the issue as out of scope."""
    await teamwork.reject_issue(
        city.new_uow(), city.ctx, who, code, "不属于政府职责范围", city.later(hours=1)
    )

"""Simulated weeks over the 2026 National Day holiday: every reminder, escalation, nudge,
auto-close and report at its exact moment, once (§7–§9)."""

from __future__ import annotations

from bot.domain.model import IssueState, Urgency
from bot.domain.people import OPERATOR, Role
from bot.services import follow_up, teamwork
from bot.services.directory import NewOfficial, add_official
from bot.services.sweep import sweep
from tests.services.city import City
from tests.services.weeks import at, run_until, sent_log, shown


async def test_an_unclaimed_issue_climbs_the_ladder_across_the_holiday(city: City) -> None:
    # Filed Tuesday 29 September 10:00; 1–7 October are days off, Saturday 10 October is a
    # make-up working day (调休), Sunday 11 October is not.
    city.now = start = at(9, 29, 10)
    code = (await city.file()).issue.code
    energy = NewOfficial("郑组长", frozenset({Role.LEAD}), task_forces=("energy",))
    energy_lead = (await add_official(city.new_uow(), OPERATOR, energy)).id
    await run_until(city, [code], at(10, 19, 9, 30))
    log = [
        entry
        for entry in await sent_log(city, start)
        if "escalation" in entry[1] or "reminder" in entry[1]
    ]
    lead, leader, principal = city.lead, city.leader, city.principal
    group = await _alu(city)
    assert log == [
        # Sign: 13 working hours Tue 10:00 → Wed 17:30; 75% of them ends Wed 14:15.
        ("09-30 14:15", f"reminder:group:{group}"),
        ("09-30 17:30", f"escalation:person:{lead}"),
        # One working day after the sign miss: the holiday does not count.
        ("10-08 17:30", f"escalation:person:{leader}"),
        # Reply (3 working days, due Fri 9 October): 75% falls on Friday 09:15.
        ("10-09 09:15", f"reminder:group:{group}"),
        ("10-09 17:30", f"escalation:person:{lead}"),
        # The make-up Saturday is a working day: level 2 of the reply clock falls on it.
        ("10-10 17:30", f"escalation:person:{leader}"),
        # Five working days after the sign miss: 8, 9, 10 (Sat), 12, 13 October.
        ("10-13 17:30", f"escalation:person:{principal}"),
        ("10-15 17:30", f"escalation:person:{principal}"),
    ]
    async with city.new_uow().reading() as uow:
        issue = await uow.issues.get(code)
        notices = await uow.notices.find()
    assert issue is not None and issue.escalation_level == 3
    # The next weekly summary lists it for public criticism (通报) to those over alu.
    weekly = {
        n.person_id: n.params for n in notices if n.dedupe_key.startswith("weekly:2026-10-19")
    }
    assert {weekly[who]["criticised"] for who in (lead, leader, principal)} == {code}
    assert energy_lead not in weekly, "nothing of theirs to report"


async def test_reports_fall_on_working_days_and_are_never_empty(city: City) -> None:
    city.now = start = at(9, 29, 10)
    code = (await city.file(urgency=Urgency.URGENT, project_id=city.big_project)).issue.code
    await run_until(city, [code], at(10, 13, 18))
    reports = [
        e for e in await sent_log(city, start) if e[1].split(":")[0] in ("digest", "weekly")
    ]
    leader, principal = city.leader, city.principal
    officials = {
        city.lead,
        city.leader,
        city.principal,
        city.party_office,
        city.government_office,
        city.admin,
    }
    digests = [(when, key) for when, key in reports if key.startswith("digest")]
    assert digests == [
        # The morning after the direct report; then nothing through the holiday.
        ("09-30 08:30", f"digest:2026-09-30:{leader}"),
        ("09-30 08:30", f"digest:2026-09-30:{principal}"),
        ("10-08 08:30", f"digest:2026-10-08:{leader}"),
        ("10-08 08:30", f"digest:2026-10-08:{principal}"),
        ("10-09 08:30", f"digest:2026-10-09:{leader}"),
        ("10-09 08:30", f"digest:2026-10-09:{principal}"),
        ("10-10 08:30", f"digest:2026-10-10:{leader}"),  # the make-up Saturday
        ("10-10 08:30", f"digest:2026-10-10:{principal}"),
        ("10-12 08:30", f"digest:2026-10-12:{leader}"),
        ("10-12 08:30", f"digest:2026-10-12:{principal}"),
        ("10-13 08:30", f"digest:2026-10-13:{leader}"),
        ("10-13 08:30", f"digest:2026-10-13:{principal}"),
    ]
    weekly = {(when, key.rsplit(":", 1)[0]) for when, key in reports if key.startswith("weekly")}
    # Monday 28 September came before the filing (nothing to report); Monday 5 October is a
    # holiday, so that week's summary comes on Thursday 8 October.
    assert weekly == {("10-08 09:00", "weekly:2026-10-08"), ("10-12 09:00", "weekly:2026-10-12")}
    readers = {int(key.rsplit(":", 1)[1]) for _, key in reports if key.startswith("weekly")}
    assert readers == officials


async def test_signed_but_idle_is_nudged_and_silence_closes(city: City) -> None:
    city.now = start = at(9, 29, 10)
    idle = (await city.file("园区道路需要协调")).issue.code
    answered = (await city.file("变电站送电")).issue.code
    waiting = (await city.file("环评材料")).issue.code
    for code in (idle, answered, waiting):
        await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.now)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, answered, "已送电", city.now)
    await teamwork.ask_info(city.new_uow(), city.ctx, city.officer, waiting, "请补充", city.now)
    await run_until(city, [idle, answered, waiting], at(10, 23, 18))
    log = await sent_log(city, start)
    officer = city.officer
    # Three working days without a progress note: Wed 30, Thu 8, Fri 9 October.
    assert ("10-09 10:00", f"idle_nudge:person:{officer}") in log
    async with city.new_uow().reading() as uow:
        closed = [await uow.issues.get(c) for c in (answered, waiting)]
    # Five silent working days after the answer: 30 Sep, 8, 9, 10 (Sat), 12 October;
    # ten after the question: 30 Sep, 8, 9, 10, 12–16, 19 October.
    assert [(i.state, i.closed_at and shown(i.closed_at)) for i in closed if i] == [
        (IssueState.CLOSED, "10-12 10:00"),
        (IssueState.CLOSED, "10-19 10:00"),
    ]


async def test_a_restart_between_a_deadline_and_its_sweep_still_sends_once(city: City) -> None:
    city.now = at(9, 29, 10)
    code = (await city.file()).issue.code
    # Nobody swept at the reminder or the deadline (the bot was down); it comes back later.
    city.now = at(9, 30, 18, 5)
    first = await sweep(city.new_uow, city.ctx, city.now)
    again = await sweep(city.new_uow, city.ctx, city.now)
    async with city.new_uow().reading() as uow:
        notices = await uow.notices.find()
        issue = await uow.issues.get(code)
    keys = [n.dedupe_key for n in notices if n.template == "notice.escalation"]
    # The reminder's moment passed with its deadline: the escalation supersedes it.
    assert not [n for n in notices if n.template == "notice.reminder"]
    assert len(keys) == len(set(keys)) == 1 and first.actions == 1 and again.actions == 0
    assert issue is not None and issue.wake_at is not None
    assert shown(issue.wake_at) == "10-08 17:30"


async def _alu(city: City) -> int:
    async with city.new_uow().reading() as uow:
        team = await uow.task_forces.by_code("alu")
    assert team is not None and team.id is not None
    return team.id


async def test_leaders_who_instruct_or_supervise_hear_every_later_escalation(city: City) -> None:
    city.now = start = at(9, 29, 10)
    code = (await city.file()).issue.code
    await follow_up.instruct(city.new_uow(), city.ctx, city.principal, code, "限期解决", city.now)
    await follow_up.supervise(city.new_uow(), city.ctx, city.leader, code, city.now)
    await run_until(city, [code], at(9, 30, 18))
    level1 = sorted(key for _, key in await sent_log(city, start) if "escalation" in key)
    # Level 1 goes to the lead, and straight to the supervising and instructing leaders.
    assert level1 == sorted(
        f"escalation:person:{who}" for who in (city.lead, city.leader, city.principal)
    )


async def test_an_escalation_with_no_leader_to_hear_it_goes_to_the_desk(city: City) -> None:
    city.now = start = at(9, 29, 10)
    # No project and no task force picked: it waits at the dispatch desk, with no leader.
    code = (await city.file("不知道该找哪个部门", project_id=None)).issue.code
    await run_until(city, [code], at(10, 8, 18))
    desks = (city.party_office, city.government_office)
    escalations = [key for _, key in await sent_log(city, start) if "escalation" in key]
    # Levels 1 and 2 of the sign clock, each to every office desk.
    assert sorted(escalations) == sorted(f"escalation:person:{d}" for d in desks * 2)

"""The playground's bridge to the bot: the demo city in the sandboxes, each persona's channel,
and time travel."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.playground import GROUP_CHATID, EmulatedCorp
from bot.bootstrap import App, build_context, configured_task_forces
from bot.cli.playground import PlaygroundBridge, TravelClock, move_into_working_hours, prepare
from bot.config import default_settings
from bot.domain.model import Urgency
from bot.domain.notice import NoticeStatus
from bot.i18n.catalog import default_catalog
from bot.services.demo import ENTERPRISE, GROUP_CHAT
from bot.services.directory import sync_task_forces
from bot.services.filing import FilingRequest, file_issue
from sandbox.telegram import Sandbox
from sandbox.wecom import WeComSandbox
from scheduler.dispatcher import Dispatcher
from scheduler.jobs import Scheduler
from storage.database import Database
from tests.fakes import FakeMessenger

CITY = ZoneInfo("Asia/Shanghai")
# A week without holidays: Thursday 2026-12-03, Friday the 4th, Monday the 7th.
THURSDAY_2 = datetime(2026, 12, 3, 2, 0, tzinfo=CITY)
FRIDAY = datetime(2026, 12, 4, tzinfo=CITY)
MONDAY = datetime(2026, 12, 7, tzinfo=CITY)


async def demo_city(database: Database, clock: TravelClock) -> PlaygroundBridge:
    """The bridge over a fresh database with the demo city, its people in a sandbox."""
    settings = default_settings()
    app = App(settings, database, build_context(settings))
    await sync_task_forces(app.uow(), configured_task_forces(settings))
    sandbox = Sandbox()
    await prepare(app, sandbox, clock.now())
    await prepare(app, Sandbox(), clock.now())  # a second start finds the city loaded
    assert sandbox.get_group(GROUP_CHAT) is not None
    return PlaygroundBridge(app, clock)


@pytest.fixture
async def bridge(sqlite_database: Database) -> PlaygroundBridge:
    """The demo city on the wall clock."""
    return await demo_city(sqlite_database, TravelClock())


def stopped_at(moment: datetime) -> TravelClock:
    """A travel clock whose wall clock stands still at `moment`."""
    return TravelClock(wall=lambda: moment)


async def file_urgent(bridge: PlaygroundBridge) -> str:
    """The enterprise files an urgent issue about its city-coordinated project (直报)."""
    async with bridge.app.uow().reading() as uow:
        member = await uow.people.by_identity("telegram", str(ENTERPRISE.telegram_id))
        park = [p for p in await uow.projects.find() if p.name == "高端铝材产业园"]
    assert member is not None and member.id is not None and park[0].id is not None
    request = FilingRequest("变电站还没有送电", urgency=Urgency.URGENT, project_id=park[0].id)
    now = bridge.travel_clock.now()
    return (await file_issue(bridge.app.uow(), bridge.app.ctx, member.id, request, now)).issue.code


def attach_scheduler(bridge: PlaygroundBridge) -> None:
    """The scheduler of a `zhibao run`, not started: time travel makes it catch up."""
    app, clock = bridge.app, bridge.travel_clock.now
    dispatcher = Dispatcher(app.uow, app.ctx, default_catalog(), FakeMessenger(), "one", clock)
    bridge.attach(Scheduler(app.uow, app.ctx, [dispatcher], clock))


async def test_the_page_gets_the_people_and_the_group(bridge: PlaygroundBridge) -> None:
    cast = await bridge.personas()
    keys = [p["key"] for p in cast["personas"]]
    assert keys == ["enterprise", "officer", "lead", "leader", "principal", "office"]
    assert cast["group"]["chat_id"] == GROUP_CHAT


async def test_time_moves_by_an_hour_a_working_day_or_to_what_is_due_next(
    bridge: PlaygroundBridge,
) -> None:
    before = bridge.travel_clock.now()
    await bridge.travel("hour")
    assert bridge.travel_clock.offset == timedelta(hours=1)
    shown = await bridge.travel("workday")
    assert shown["working_day"] is True
    offset = bridge.travel_clock.offset
    assert (await bridge.travel("deadline"))["moved"] is False, "nothing is due ahead"
    assert bridge.travel_clock.offset == offset
    async with bridge.app.uow().reading() as uow:
        member = await uow.people.by_identity("telegram", str(ENTERPRISE.telegram_id))
    assert member is not None and member.id is not None
    request = FilingRequest("变电站还没有送电")
    outcome = await file_issue(
        bridge.app.uow(), bridge.app.ctx, member.id, request, bridge.travel_clock.now()
    )
    wake = outcome.issue.wake_at
    assert wake is not None
    await bridge.travel("deadline")
    assert abs(bridge.travel_clock.now() - wake) < timedelta(seconds=1)
    assert bridge.travel_clock.now() > before
    with pytest.raises(ValueError, match="unknown step"):
        await bridge.travel("year")


async def test_the_issue_panel_has_its_clocks_and_timeline(bridge: PlaygroundBridge) -> None:
    async with bridge.app.uow().reading() as uow:
        member = await uow.people.by_identity("telegram", str(ENTERPRISE.telegram_id))
    assert member is not None and member.id is not None
    request = FilingRequest("变电站还没有送电")
    code = (
        await file_issue(
            bridge.app.uow(), bridge.app.ctx, member.id, request, bridge.travel_clock.now()
        )
    ).issue.code
    listed = await bridge.issues()
    assert [(i["code"], i["enterprise"]) for i in listed] == [(code, "滨州宏达铝业有限公司")]
    shown = await bridge.issue(code)
    assert shown is not None
    assert [c["name"]["en"] for c in shown["clocks"]] == ["Sign", "Reply", "Resolve"]
    assert [e["kind"]["zh"] for e in shown["timeline"]] == ["提交问题"]
    assert shown["timeline"][0]["actor"] == "王经理"
    assert shown["timeline"][0]["at"].endswith("+08:00"), "in the city's time"
    assert await bridge.issue("ZB-2026-999999") is None


def test_the_travelled_time_outlives_a_restart(tmp_path: Path) -> None:
    kept = tmp_path / "zhibao-playground.clock"
    clock = TravelClock(kept)
    clock.advance(timedelta(hours=26))
    assert TravelClock(kept).offset == timedelta(hours=26)
    kept.write_text("garbage")
    assert TravelClock(kept).offset == timedelta(0), "an unreadable file starts unmoved"
    assert TravelClock(None).offset == timedelta(0)


def test_a_start_outside_working_hours_moves_the_clock_to_the_next_opening(
    tmp_path: Path,
) -> None:
    calendar = build_context(default_settings()).calendar
    kept = tmp_path / "zhibao-playground.clock"
    clock = TravelClock(kept, wall=lambda: THURSDAY_2)
    said = move_into_working_hours(calendar, clock)
    assert clock.now() == THURSDAY_2.replace(hour=9, minute=30)
    assert said is not None and "2026-12-03 02:00" in said and "2026-12-03 09:30" in said
    assert TravelClock(kept, wall=lambda: THURSDAY_2).now() == clock.now(), "kept for restarts"
    assert move_into_working_hours(calendar, clock) is None, "within working hours it stays"
    for wall, opened in (
        (FRIDAY.replace(hour=18), MONDAY.replace(hour=9, minute=30)),  # after work, a weekend
        (FRIDAY.replace(hour=12, minute=10), FRIDAY.replace(hour=14)),  # the lunch break
    ):
        moved = stopped_at(wall)
        assert move_into_working_hours(calendar, moved) is not None
        assert moved.now() == opened


@pytest.mark.parametrize("hour", [16, 18])
async def test_a_working_day_leap_over_a_weekend_queues_mondays_reports(
    sqlite_database: Database, hour: int
) -> None:
    bridge = await demo_city(sqlite_database, stopped_at(FRIDAY.replace(hour=hour)))
    await file_urgent(bridge)
    attach_scheduler(bridge)
    shown = await bridge.travel("workday")
    assert shown["shown"] == f"2026-12-07 {hour}:00"
    async with bridge.app.uow().reading() as uow:
        queued = await uow.notices.find(status=NoticeStatus.QUEUED)
    reports = {n.dedupe_key.rsplit(":", 1)[0]: n.created_at for n in queued if n.person_id}
    # Queued on the morning they fall on, with that morning's figures, not at the leap's end.
    assert reports["digest:2026-12-07"] == MONDAY.replace(hour=8, minute=30)
    assert reports["weekly:2026-12-07"] == MONDAY.replace(hour=9)


async def test_the_issue_panel_says_why_a_notice_waits_and_marks_what_is_overdue(
    sqlite_database: Database,
) -> None:
    bridge = await demo_city(sqlite_database, stopped_at(THURSDAY_2))
    code = await file_urgent(bridge)
    shown = await bridge.issue(code)
    assert shown is not None
    waiting = [(w["recipient"], w["until"], w["reason"]) for w in shown["waiting"]]
    # The group's post waits out quiet hours; the direct report to the leaders goes at once.
    group = {"zh": "高端铝业专班群", "en": "High-end aluminium task force group"}
    assert waiting[-1] == (group, "2026-12-03T07:30:00+08:00", "quiet_hours")
    assert ("李副市长", None, "due") in waiting and ("周市长", None, "due") in waiting
    assert not shown["clocks"][0]["overdue"] and not (await bridge.issues())[0]["overdue"]
    bridge.travel_clock.advance(timedelta(days=1))  # the two-hour sign clock has run out
    shown = await bridge.issue(code)
    assert shown is not None
    sign = shown["clocks"][0]
    assert sign["overdue"] and sign["status"] == {"zh": "已超期", "en": "overdue"}
    assert [i["overdue"] for i in await bridge.issues()] == [True]


async def test_a_pane_toggle_puts_a_persona_on_wecom_and_back(sqlite_database: Database) -> None:
    wecom = WeComSandbox()
    corp = EmulatedCorp(wecom)
    settings = default_settings()
    app = App(settings, sqlite_database, build_context(settings))
    await sync_task_forces(app.uow(), configured_task_forces(settings))
    clock = TravelClock()
    await prepare(app, Sandbox(), clock.now(), corp)
    bridge = PlaygroundBridge(app, clock, ("telegram", "wecom"), corp)
    cast = await bridge.personas()
    assert {p["channel"] for p in cast["personas"]} == {"telegram"}
    assert cast["channels"] == ["telegram", "wecom"] and cast["group"]["channel"] == "telegram"
    assert "enterprise" in wecom.members, "every persona is a member, ready for the toggle"

    shown = await bridge.switch("enterprise", "wecom")
    assert (shown["channel"], shown["wecom_userid"]) == ("wecom", "enterprise")
    async with app.uow().reading() as uow:
        person = await uow.people.by_identity("wecom", "enterprise")
    assert person is not None and person.preferred_channel == "wecom"
    assert person.identity_on("telegram") is not None, "the Telegram account stays"
    assert (await bridge.switch("enterprise", "telegram"))["channel"] == "telegram"
    assert (await bridge.switch("enterprise", "wecom"))["channel"] == "wecom", "linked once"
    with pytest.raises(ValueError, match="no persona"):
        await bridge.switch("nobody", "wecom")
    with pytest.raises(ValueError, match="does not run"):
        await bridge.switch("officer", "line")
    await wecom.close()


async def test_without_telegram_everyone_is_on_wecom_with_the_group_there(
    sqlite_database: Database,
) -> None:
    wecom = WeComSandbox()
    corp = EmulatedCorp(wecom)
    settings = default_settings()
    app = App(settings, sqlite_database, build_context(settings))
    await sync_task_forces(app.uow(), configured_task_forces(settings))
    clock = TravelClock()
    assert await prepare(app, None, clock.now(), corp)
    await prepare(app, None, clock.now(), EmulatedCorp(wecom))  # a restart changes nothing
    bridge = PlaygroundBridge(app, clock, ("wecom",), corp)
    cast = await bridge.personas()
    assert {p["channel"] for p in cast["personas"]} == {"wecom"}
    assert cast["group"]["channel"] == "wecom" and cast["group"]["wecom_chatid"] == GROUP_CHATID
    assert sorted(wecom.appchats[GROUP_CHATID].userlist) == ["lead", "leader", "officer"]
    async with app.uow().reading() as uow:
        team = await uow.task_forces.by_code("alu")
    assert team is not None and team.group_on("wecom") == f"appchat:{GROUP_CHATID}"
    with pytest.raises(ValueError, match="does not run"):
        await bridge.switch("enterprise", "telegram")
    await wecom.close()

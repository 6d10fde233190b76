"""The playground's bridge to the bot: the demo city in the sandbox, and time travel."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.bootstrap import App, build_context, configured_task_forces
from bot.cli.playground import PlaygroundBridge, TravelClock, prepare
from bot.config import default_settings
from bot.services.demo import ENTERPRISE, GROUP_CHAT
from bot.services.directory import sync_task_forces
from bot.services.filing import FilingRequest, file_issue
from sandbox.telegram import Sandbox
from storage.database import Database


@pytest.fixture
async def bridge(sqlite_database: Database) -> PlaygroundBridge:
    """The bridge over a fresh database with the demo city, its people in a sandbox."""
    settings = default_settings()
    app = App(settings, sqlite_database, build_context(settings))
    await sync_task_forces(app.uow(), configured_task_forces(settings))
    clock = TravelClock()
    sandbox = Sandbox()
    await prepare(app, sandbox, clock.now())
    await prepare(app, Sandbox(), clock.now())  # a second start finds the city loaded
    assert sandbox.get_group(GROUP_CHAT) is not None
    return PlaygroundBridge(app, clock)


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

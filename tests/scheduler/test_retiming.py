"""Held notices follow their recipient's new quiet hours and mutes, earlier or later (§9)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.domain.notice import NoticeStatus, Priority
from bot.services.sessions import save_mute, save_quiet_hours
from tests.scheduler.test_dispatcher_policy import (
    CODE,
    MEMBER_CHAT,
    OFFICER_CHAT,
    SHANGHAI,
    Desk,
    at,
)
from tests.services.city import City

NIGHT = at(23, 21, 30)  # inside the enterprises' default quiet hours (21:00-08:00)


async def held_for_the_night(desk: Desk, city: City) -> None:
    """An answer to the member, held at 21:30 until 08:00."""
    city.now = NIGHT
    await desk.queue("h", Priority.HIGH, "notice.reply", person=city.member)
    assert (await desk.round()).held == 1
    assert (await desk.notice("h")).not_before == at(24, 8)


async def test_no_quiet_hours_any_more_sends_what_waited_for_them(desk: Desk, city: City) -> None:
    await held_for_the_night(desk, city)
    city.now = NIGHT + timedelta(minutes=5)
    await save_quiet_hours(city.new_uow(), city.ctx, city.member, time(0), time(0), city.now)
    assert (await desk.notice("h")).not_before == city.now
    assert (await desk.round()).sent == 1
    assert [r.text for r in desk.messenger.to(MEMBER_CHAT)] == [f"【答复】{CODE}：h"]


async def test_shorter_quiet_hours_bring_a_held_notice_forward(desk: Desk, city: City) -> None:
    await held_for_the_night(desk, city)
    await save_quiet_hours(city.new_uow(), city.ctx, city.member, time(21), time(7), city.now)
    assert (await desk.notice("h")).not_before == at(24, 7)


async def test_longer_quiet_hours_and_a_mute_put_it_off(desk: Desk, city: City) -> None:
    await held_for_the_night(desk, city)
    await save_quiet_hours(city.new_uow(), city.ctx, city.member, time(20), time(9), city.now)
    assert (await desk.notice("h")).not_before == at(24, 9)
    # A mute ending at 21:30 on Monday the 30th, inside quiet hours: held until they end.
    await save_mute(city.new_uow(), city.ctx, city.member, at(30, 21, 30), city.now)
    assert (await desk.notice("h")).not_before == datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
    city.now = at(24, 9)
    assert (await desk.round()).claimed == 0
    await save_mute(city.new_uow(), city.ctx, city.member, None, city.now)
    assert (await desk.notice("h")).not_before == at(24, 9)
    assert (await desk.round()).sent == 1


async def test_only_the_persons_own_waiting_notices_move(desk: Desk, city: City) -> None:
    await held_for_the_night(desk, city)
    city.now = at(23, 23)
    await desk.queue("officer", Priority.HIGH, "notice.reply", person=city.officer)
    await desk.round()
    assert (await desk.notice("officer")).not_before == at(24, 7, 30)
    await save_quiet_hours(city.new_uow(), city.ctx, city.member, time(0), time(0), city.now)
    assert (await desk.notice("officer")).not_before == at(24, 7, 30)
    assert (await desk.notice("h")).not_before == city.now


async def test_a_failed_send_keeps_its_back_off(desk: Desk, city: City) -> None:
    city.now = at(23, 10)
    retry = city.now + timedelta(seconds=40)
    await desk.queue(
        "h", Priority.HIGH, person=city.officer, not_before=retry, attempts=3, error="timed out"
    )
    await save_mute(city.new_uow(), city.ctx, city.officer, None, city.now)
    assert (await desk.notice("h")).not_before == retry, "not sooner than its back-off"
    await save_mute(city.new_uow(), city.ctx, city.officer, at(23, 15), city.now)
    assert (await desk.notice("h")).not_before == at(23, 15), "but later for a mute"
    assert (await desk.notice("h")).status is NoticeStatus.QUEUED
    assert desk.messenger.to(OFFICER_CHAT) == []

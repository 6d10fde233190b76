"""The dispatcher keeps 无事不扰 (§9): who gets what when, and routine notices coalesced."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services.sessions import save_mute, save_quiet_hours
from scheduler.dispatcher import Dispatcher, DispatchReport
from tests.conftest import POSTGRES
from tests.fakes import FakeMessenger
from tests.services.city import ALU_GROUP, City

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICER_CHAT, MEMBER_CHAT = "7001", "5001"
CODE = "ZB-2026-000001"
# The rules are the domain's; storage only keeps when a notice is due. SQLite's side of that
# (claims, back-offs, the last routine message) is covered by test_dispatcher_failures.py.
pytestmark = pytest.mark.parametrize("uow_backend", ["fake", POSTGRES], indirect=True)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A moment of November 2026 on Shanghai's clock (the 23rd is a Monday)."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=SHANGHAI)


class Desk:
    """The city with a dispatcher on a FakeMessenger, and ways to queue and inspect notices."""

    def __init__(self, city: City) -> None:
        self.city = city
        self.messenger = FakeMessenger()
        self.dispatcher = Dispatcher(
            city.new_uow, city.ctx, default_catalog(), self.messenger, "test", lambda: city.now
        )

    async def round(self) -> DispatchReport:
        return await self.dispatcher.run_once()

    async def identify(self, person: int, telegram_id: str) -> None:
        async with self.city.new_uow() as uow:
            await uow.people.add_identity(person, ChannelIdentity("telegram", telegram_id))
            await uow.commit()

    async def queue(
        self,
        key: str,
        priority: Priority,
        template: str = "notice.reply",
        person: int | None = None,
        task_force: int | None = None,
        text: str | None = None,
        **fields: Any,
    ) -> None:
        params = {"code": CODE, "text": key if text is None else text}
        notice = Notice(
            key, priority, template, self.city.now, params, person, task_force, **fields
        )
        async with self.city.new_uow() as uow:
            assert await uow.notices.add(notice)
            await uow.commit()

    async def notices(self) -> dict[str, Notice]:
        async with self.city.new_uow().reading() as uow:
            return {n.dedupe_key: n for n in await uow.notices.find()}

    async def notice(self, key: str) -> Notice:
        return (await self.notices())[key]

    async def alu(self) -> int:
        async with self.city.new_uow().reading() as uow:
            team = await uow.task_forces.by_code("alu")
        assert team is not None and team.id is not None
        return team.id


async def desk_on(city: City) -> Desk:
    """A desk on the city; the officer has a Telegram chat, the member registered with one."""
    desk = Desk(city)
    await desk.identify(city.officer, OFFICER_CHAT)
    return desk


async def test_a_critical_notice_goes_at_once_even_at_night(desk: Desk, city: City) -> None:
    city.now = at(23, 23)
    await desk.queue("c", Priority.CRITICAL, person=city.officer)
    assert (await desk.round()).sent == 1
    notice = await desk.notice("c")
    assert notice.status is NoticeStatus.SENT and notice.sent_at == at(23, 23)
    assert notice.attempts == 1 and notice.sent_ref == f"{OFFICER_CHAT}:1"
    assert notice.claimed_by is None and notice.claimed_until is None


async def test_a_high_notice_waits_out_the_quiet_hours(desk: Desk, city: City) -> None:
    city.now = at(23, 23)
    await desk.queue("h", Priority.HIGH, person=city.officer)
    report = await desk.round()
    assert (report.claimed, report.held, report.sent) == (1, 1, 0)
    held = await desk.notice("h")
    assert held.status is NoticeStatus.QUEUED and held.not_before == at(24, 7, 30)
    assert held.attempts == 0 and held.claimed_by is None
    city.now = at(24, 7, 29, 59)
    assert (await desk.round()).claimed == 0
    city.now = at(24, 7, 30)
    assert (await desk.round()).sent == 1
    assert [r.text for r in desk.messenger.to(OFFICER_CHAT)] == [f"【答复】{CODE}：h"]


async def test_a_routine_notice_waits_for_working_hours(desk: Desk, city: City) -> None:
    city.now = at(23, 12, 30)
    await desk.queue("lunch", Priority.NORMAL, person=city.officer)
    await desk.round()
    assert (await desk.notice("lunch")).not_before == at(23, 13, 30)
    city.now = at(27, 18)  # Friday evening
    await desk.queue("friday", Priority.NORMAL, person=city.officer)
    await desk.round()
    assert (await desk.notice("friday")).not_before == at(30, 9)
    assert desk.messenger.sent == []
    city.now = at(30, 9)
    assert (await desk.round()).sent == 2


async def test_a_mute_holds_high_notices_but_not_critical_ones(desk: Desk, city: City) -> None:
    await save_mute(city.new_uow(), city.ctx, city.officer, at(23, 15), city.now)
    await desk.queue("h", Priority.HIGH, person=city.officer)
    await desk.queue("c", Priority.CRITICAL, person=city.officer)
    report = await desk.round()
    assert (report.sent, report.held) == (1, 1)
    assert (await desk.notice("c")).status is NoticeStatus.SENT
    assert (await desk.notice("h")).not_before == at(23, 15)
    city.now = at(23, 15)
    assert (await desk.round()).sent == 1


async def test_a_mute_ending_in_quiet_hours_holds_until_morning(desk: Desk, city: City) -> None:
    await save_mute(city.new_uow(), city.ctx, city.officer, at(23, 23), city.now)
    await desk.queue("h", Priority.HIGH, person=city.officer)
    await desk.round()
    assert (await desk.notice("h")).not_before == at(24, 7, 30)


async def test_an_enterprise_hears_only_of_what_concerns_it(desk: Desk, city: City) -> None:
    await desk.queue("team", Priority.HIGH, "notice.new_issue", person=city.member)
    await desk.queue("answer", Priority.NORMAL, "notice.answered", person=city.member)
    report = await desk.round()
    assert (report.dropped, report.sent) == (1, 1)
    dropped = await desk.notice("team")
    assert dropped.status is NoticeStatus.DROPPED and dropped.error == "enterprise_rule"
    assert [r.text.splitlines()[0] for r in desk.messenger.to(MEMBER_CHAT)] == [
        f"【办理结果】{CODE}：answer"
    ]


async def test_nothing_is_critical_for_an_enterprise_at_night(desk: Desk, city: City) -> None:
    city.now = at(23, 21, 30)  # the enterprises' quiet hours begin at 21:00, not 22:00
    await desk.queue("c", Priority.CRITICAL, "notice.reply", person=city.member)
    assert (await desk.round()).held == 1
    assert (await desk.notice("c")).not_before == at(24, 8)


async def test_a_digest_to_someone_who_turned_digests_off_is_dropped(
    desk: Desk, city: City
) -> None:
    async with city.new_uow() as uow:
        person = await uow.people.get(city.officer)
        assert person is not None
        person.digest = False
        await uow.people.save(person)
        await uow.commit()
    await desk.queue("d", Priority.DIGEST, "notice.digest", person=city.officer)
    report = await desk.round()
    assert (report.dropped, report.sent) == (1, 0)
    dropped = await desk.notice("d")
    assert dropped.status is NoticeStatus.DROPPED and dropped.error == "digest_off"


async def test_own_quiet_hours_are_read_on_the_persons_own_clock(desk: Desk, city: City) -> None:
    async with city.new_uow() as uow:
        person = await uow.people.get(city.officer)
        assert person is not None
        person.timezone = "Europe/London"
        await uow.people.save(person)
        await uow.commit()
    await save_quiet_hours(
        city.new_uow(), city.ctx, city.officer, time(1, 0), time(6, 0), city.now
    )
    # Monday 10:00 in Shanghai is 02:00 in London: inside the officer's own quiet hours.
    await desk.queue("h", Priority.HIGH, person=city.officer)
    await desk.round()
    london = ZoneInfo("Europe/London")
    assert (await desk.notice("h")).not_before == datetime(2026, 11, 23, 6, tzinfo=london)
    city.now = at(23, 14)
    assert (await desk.round()).sent == 1


async def test_routine_notices_of_one_round_go_as_one_message(desk: Desk, city: City) -> None:
    codes = [(await city.file(text)).issue.code for text in ("道路未通", "用电未批", "供水不足")]
    report = await desk.round()
    assert (report.claimed, report.sent, report.messages) == (3, 3, 1)
    [message] = desk.messenger.to(ALU_GROUP)
    assert message.text.startswith(f"【3 条新消息】\n\n#1 【一般】{codes[0]}")
    assert f"\n\n#2 【一般】{codes[1]}" in message.text
    labels = [[b.label for b in row] for row in message.buttons]
    assert labels == [[f"#{n} 签收", f"#{n} 详情", f"#{n} 退单"] for n in (1, 2, 3)]
    # Each card keeps its place in the message, to be shown anew card by card.
    assert [v.kind for v in message.views] == ["group"] * 3
    sent = await desk.notices()
    assert {n.sent_ref for n in sent.values()} == {f"{ALU_GROUP}:1"}
    assert all(n.status is NoticeStatus.SENT and n.attempts == 1 for n in sent.values())


async def test_routine_notices_soon_after_one_wait_and_go_together(desk: Desk, city: City) -> None:
    await desk.queue("first", Priority.NORMAL, person=city.officer)
    await desk.round()
    city.now = at(23, 10, 2)
    await desk.queue("second", Priority.NORMAL, person=city.officer)
    report = await desk.round()
    assert (report.held, report.sent) == (1, 0)
    assert (await desk.notice("second")).not_before == at(23, 10, 10)
    city.now = at(23, 10, 5)
    await desk.queue("third", Priority.NORMAL, person=city.officer)
    await desk.round()
    assert (await desk.notice("third")).not_before == at(23, 10, 10)
    city.now = at(23, 10, 10)
    assert (await desk.round()).messages == 1
    last = desk.messenger.to(OFFICER_CHAT)[-1]
    assert last.text.startswith("【2 条新消息】") and "#2 【答复】" in last.text
    assert len(desk.messenger.sent) == 2


async def test_pressing_notices_go_alone_and_most_pressing_first(desk: Desk, city: City) -> None:
    await desk.queue("routine1", Priority.NORMAL, person=city.officer)
    await desk.queue("high1", Priority.HIGH, person=city.officer)
    await desk.queue("critical", Priority.CRITICAL, person=city.officer)
    await desk.queue("high2", Priority.HIGH, person=city.officer)
    await desk.queue("routine2", Priority.NORMAL, person=city.officer)
    report = await desk.round()
    # Three messages a chat a round: the routine bundle waits for the next round.
    assert (report.sent, report.messages, report.deferred) == (3, 3, 2)
    assert (await desk.round()).messages == 1
    texts = [r.text for r in desk.messenger.sent]
    assert [t.split("：")[-1] for t in texts[:3]] == ["critical", "high1", "high2"]
    assert texts[3].startswith("【2 条新消息】") and texts[3].endswith("：routine2")
    # A pressing notice soon after a routine message still goes at once, alone.
    city.now = at(23, 10, 1)
    await desk.queue("high3", Priority.HIGH, person=city.officer)
    assert (await desk.round()).sent == 1


async def test_a_groups_routine_notices_are_coalesced_too(desk: Desk, city: City) -> None:
    for text in ("道路未通", "用电未批"):
        await city.file(text)
    await desk.queue("mine", Priority.NORMAL, person=city.officer)
    report = await desk.round()
    assert (report.sent, report.messages) == (3, 2)
    [post] = desk.messenger.to(ALU_GROUP)
    assert post.text.startswith("【2 条新消息】") and len(post.buttons) == 2
    city.now = at(23, 10, 3)
    third = await city.file("供水不足")
    await desk.round()
    (held,) = [n for n in (await desk.notices()).values() if n.issue_id == third.issue.id]
    assert held.not_before == at(23, 10, 10)


async def test_a_group_keeps_the_officials_quiet_hours(desk: Desk, city: City) -> None:
    city.now = at(23, 22, 30)
    await desk.queue("g", Priority.HIGH, task_force=await desk.alu())
    await desk.round()
    assert (await desk.notice("g")).not_before == at(24, 7, 30)

"""Notices go to people and task forces, and each channel's dispatcher sends what reaches its
readers there (§12): the preferred channel, any other that works, else an admin's alert; a
task force's groups on every channel, its officers privately where a group shows no buttons."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.dialogs.capabilities import TELEGRAM_LIKE
from bot.dialogs.notices import DeliveryError
from bot.domain.notice import NoticeStatus, Priority
from bot.domain.people import ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services.channel_routing import ChannelPlan
from bot.services.delivery import ALERT_TEMPLATE
from scheduler.dispatcher import Dispatcher
from tests.conftest import POSTGRES
from tests.fakes import FakeMessenger
from tests.scheduler.test_dispatcher_policy import Desk
from tests.services.city import ALU_GROUP, City

pytestmark = pytest.mark.parametrize("uow_backend", ["fake", POSTGRES], indirect=True)
WECOM_LIKE = replace(
    TELEGRAM_LIKE, text_limit=2048, text_bytes=True, buttons_per_message=6, group_buttons=False
)
PLAN = ChannelPlan(("telegram", "wecom"), frozenset({"telegram"}))
WECOM_GROUP = "appchat:alu"


class TwoChannels:
    """A Telegram and a WeCom dispatcher over one city, each on its own fake messenger."""

    def __init__(self, city: City) -> None:
        self.city = city
        self.telegram = FakeMessenger()
        self.wecom = FakeMessenger("wecom", WECOM_LIKE)
        self.dispatchers = [
            Dispatcher(
                city.new_uow, city.ctx, default_catalog(), m, "test", lambda: city.now, plan=PLAN
            )
            for m in (self.telegram, self.wecom)
        ]

    async def rounds(self) -> None:
        for _ in range(3):
            for dispatcher in self.dispatchers:
                await dispatcher.run_once()

    async def link(self, person: int, channel: str, chat: str) -> None:
        async with self.city.new_uow() as uow:
            await uow.people.add_identity(person, ChannelIdentity(channel, chat))
            await uow.commit()

    async def prefer(self, person: int, channel: str) -> None:
        async with self.city.new_uow() as uow:
            found = await uow.people.get(person)
            assert found is not None
            found.preferred_channel = channel
            await uow.people.save(found)
            await uow.commit()


@pytest.fixture
def two(city: City) -> TwoChannels:
    return TwoChannels(city)


async def test_a_notice_goes_on_the_preferred_channel_only(two: TwoChannels, city: City) -> None:
    await two.link(city.officer, "telegram", "7001")
    await two.link(city.officer, "wecom", "zhaozy")
    await two.prefer(city.officer, "wecom")
    await Desk(city).queue("n1", Priority.HIGH, person=city.officer)
    await two.rounds()
    assert [r.chat_id for r in two.wecom.sent] == ["zhaozy"] and two.telegram.sent == []
    notice = await Desk(city).notice("n1")
    assert (notice.status, notice.channel) == (NoticeStatus.SENT, "wecom")


async def test_without_a_preference_the_first_linked_channel_serves(
    two: TwoChannels, city: City
) -> None:
    await two.link(city.officer, "wecom", "zhaozy")
    await Desk(city).queue("n1", Priority.HIGH, person=city.officer)
    await two.rounds()
    assert [r.chat_id for r in two.wecom.sent] == ["zhaozy"]


async def test_nobody_reachable_fails_the_notice_and_alerts_the_admins(
    two: TwoChannels, city: City
) -> None:
    await two.link(city.admin, "wecom", "admin1")
    await Desk(city).queue("n1", Priority.HIGH, person=city.officer)
    await two.rounds()
    notices = await Desk(city).notices()
    assert notices["n1"].status is NoticeStatus.FAILED
    assert "no chat on telegram, wecom" in (notices["n1"].error or "")
    (alert,) = [n for n in notices.values() if n.template == ALERT_TEMPLATE]
    assert alert.status is NoticeStatus.SENT and alert.channel == "wecom"
    assert [r.chat_id for r in two.wecom.sent] == ["admin1"]


async def test_a_refusal_on_one_channel_moves_the_notice_to_the_next(
    two: TwoChannels, city: City
) -> None:
    await two.link(city.officer, "telegram", "7001")
    await two.link(city.officer, "wecom", "zhaozy")
    two.telegram.failures.append(DeliveryError("Forbidden: bot was blocked", permanent=True))
    await Desk(city).queue("n1", Priority.HIGH, person=city.officer)
    await two.rounds()
    notices = await Desk(city).notices()
    assert notices["n1"].status is NoticeStatus.DROPPED
    assert notices["n1@wecom"].status is NoticeStatus.SENT
    assert [r.chat_id for r in two.wecom.sent] == ["zhaozy"]
    assert not [n for n in notices.values() if n.template == ALERT_TEMPLATE], "nothing was lost"


async def test_a_task_force_hears_in_each_group_and_wecom_officers_get_cards_privately(
    two: TwoChannels, city: City
) -> None:
    desk = Desk(city)
    alu = await desk.alu()
    async with city.new_uow() as uow:
        team = await uow.task_forces.get(alu)
        assert team is not None
        team.group_chats = {"telegram": ALU_GROUP, "wecom": WECOM_GROUP}
        await uow.task_forces.save(team)
        await uow.commit()
    await two.link(city.officer, "telegram", "7001")
    await two.link(city.officer2, "wecom", "qianzy")
    await desk.queue("post", Priority.HIGH, "notice.returned", task_force=alu)
    await desk.queue("info", Priority.HIGH, "notice.reply", task_force=alu)
    await two.rounds()
    assert {r.chat_id for r in two.telegram.sent} == {ALU_GROUP}
    wecom = [r.chat_id for r in two.wecom.sent]
    # The WeCom group reads both; its officer gets the card (buttons) privately, not the text.
    assert sorted(wecom) == sorted([WECOM_GROUP, WECOM_GROUP, "qianzy"])
    notices = await desk.notices()
    private = notices[f"post@wecom:{city.officer2}"]
    assert (private.person_id, private.task_force_id) == (city.officer2, None)

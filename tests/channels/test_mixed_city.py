"""A mixed city (issue 13): the enterprise and the leaders on WeCom, the alu task force split
across Telegram and WeCom with a group on each. Every notice reaches each reader once, on
the reader's channel, counted in what the two emulators received."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.model import IssueState, Urgency
from bot.domain.people import OPERATOR
from bot.services.preferences import prefer_channel
from bot.services.queries import show_issue
from tests.channels.driver import TELEGRAM, WECOM, Driver
from tests.channels.test_flows import say, tap

CODE = "ZB-2026-000001"
# Who is where: 赵专员 on WeCom, 钱专员 and the lead 孙组长 on Telegram.
HOMES = {
    "member": WECOM,
    "officer": WECOM,
    "leader": WECOM,
    "principal": WECOM,
    "government_office": WECOM,
    "party_office": WECOM,
    "officer2": TELEGRAM,
    "lead": TELEGRAM,
    "admin": TELEGRAM,
}
TELEGRAM_MEMBER = 5001  # the member's Telegram account, which the city knows but never uses


async def mixed_city(driver: Driver) -> tuple[str, str]:
    """Everyone joined on their channel, the member preferring WeCom; alu's Telegram group
    and its WeCom app group chat (WeCom's needs two members: 赵专员 and the leader)."""
    city = driver.city
    for user, channel in HOMES.items():
        await driver.join(user, channel, user, getattr(city, user))
    await prefer_channel(city.new_uow(), OPERATOR, city.member, WECOM)
    telegram_group = await driver.group(TELEGRAM, ["officer2", "lead"])
    wecom_group = await driver.group(WECOM, ["officer", "leader"])
    return telegram_group, wecom_group


def counts(driver: Driver, words: str) -> dict[str, int]:
    """How many messages holding `words` each person received."""
    return {user: sum(words in t for t in driver.texts(user)) for user in HOMES}


def untouched_on_telegram(driver: Driver) -> bool:
    """Whether nothing went to the member's unused Telegram account."""
    assert driver.telegram is not None
    return not driver.telegram.sandbox.get_bot().list_sent(TELEGRAM_MEMBER)


async def test_the_whole_loop_reaches_each_reader_once_on_their_channel(mixed: Driver) -> None:
    city, driver = mixed.city, mixed
    telegram_group, wecom_group = await mixed_city(driver)
    await say(driver, "member", "/new")
    await tap(driver, "member", "高端铝材产业园")
    await say(driver, "member", "园区变电站迟迟没有送电")
    await tap(driver, "member", "完成", "紧急", "提交")
    # Both groups get the post; on WeCom, whose groups show no buttons, 赵专员 and the
    # leaders get cards privately; 钱专员 and the lead see the Telegram group's buttons.
    assert sum(CODE in t for t in driver.chat_texts(TELEGRAM, telegram_group)) == 1
    assert sum(CODE in t for t in driver.chat_texts(WECOM, wecom_group)) == 1
    filed = counts(driver, f"{CODE} · 已派单")
    assert filed == {
        "member": 0,
        "officer": 1,
        "leader": 1,
        "principal": 1,
        "government_office": 1,
        "party_office": 1,
        "officer2": 0,
        "lead": 0,
        "admin": 0,
    }
    assert counts(driver, "【直报】")["leader"] == 1 and untouched_on_telegram(driver)
    # 赵专员 claims on WeCom: the Telegram post and every WeCom card change in place.
    await tap(driver, "officer", "签收")
    group_post = driver.chat_texts(TELEGRAM, telegram_group)[-1]
    assert "已由 赵专员 签收" in group_post
    claimed = counts(driver, "经办人：赵专员")
    assert claimed == dict.fromkeys(HOMES, 0) | {
        "officer": 1,
        "leader": 1,
        "principal": 1,
        "government_office": 1,
        "party_office": 1,
    }
    assert counts(driver, f"{CODE} · 已派单") == dict.fromkeys(HOMES, 0)
    await tap(driver, "officer", "办结答复")
    await say(driver, "officer", "已协调供电公司，今日送电")
    await tap(driver, "officer", "发送")
    assert counts(driver, "【办理结果】") == dict.fromkeys(HOMES, 0) | {"member": 1}
    await tap(driver, "member", "确认已解决", "★★★★")
    view = await show_issue(city.new_uow(), city.admin, CODE)
    assert view.issue.state is IssueState.CLOSED and view.issue.rating == 4
    assert driver.texts("admin") == [] and untouched_on_telegram(driver)


async def test_an_escalation_reaches_the_lead_on_telegram_and_the_leader_on_wecom(
    mixed: Driver,
) -> None:
    city, driver = mixed.city, mixed
    await mixed_city(driver)
    await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    await driver.turn()
    # Nobody signs within the two hours: the lead is urged (催办) on Telegram.
    await driver.sweep(city.now + timedelta(hours=4))
    urged = counts(driver, "签收时限 11月23日 12:00 已超期，请立即办理")
    assert urged == dict.fromkeys(HOMES, 0) | {"lead": 1}
    # A working day later the supervising leader hears of it (督办) on WeCom, and the lead
    # is urged again, now for the missed reply.
    await driver.sweep(city.now + timedelta(hours=30))
    assert counts(driver, "请分管领导关注") == dict.fromkeys(HOMES, 0) | {"leader": 1}
    urged = counts(driver, "答复时限 11月24日 17:30 已超期，请立即办理")
    assert urged == dict.fromkeys(HOMES, 0) | {"lead": 1}
    assert driver.texts("admin") == [] and untouched_on_telegram(driver)

"""Notices to the enterprise, end to end through python-telegram-bot and the sandbox: one
held for its quiet hours and made moot meanwhile is never sent; one whose hold the
enterprise lifted in /settings goes at once; the city reopening its issue is told."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services import follow_up, teamwork
from tests.telegram.conftest import Loop
from tests.telegram.test_commands import command
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, last_text, press
from tests.telegram.test_officer_flow import GROUP, OFFICER, filed, officials
from tests.telegram.test_views import labels

NIGHT = datetime(2026, 11, 23, 13, 30, tzinfo=UTC)  # Monday 21:30 in the city: quiet hours
MORNING = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)  # Tuesday 08:00: they end


async def signed_at_night(loop: Loop) -> str:
    """An issue the officer signed for by day; it is now 21:30, the member's quiet hours."""
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    loop.city.now = NIGHT
    return code


def told(loop: Loop, code: str) -> list[str]:
    """The member's messages about the issue."""
    return [m.text or "" for m in bot_messages(loop, MEMBER) if code in (m.text or "")]


async def error_of(loop: Loop, template: str) -> str | None:
    """Why the notice of the template ended, if it did."""
    async with loop.city.new_uow().reading() as uow:
        [notice] = [n for n in await uow.notices.find() if n.template == template]
    return notice.error


async def test_a_request_for_information_already_supplied_is_never_sent(loop: Loop) -> None:
    code = await signed_at_night(loop)
    city = loop.city
    await teamwork.ask_info(
        city.new_uow(), city.ctx, city.officer, code, "请提供专家名单", city.now
    )
    await loop.turn()
    assert not [t for t in told(loop, code) if t.startswith("【请补充材料】")], (
        "held for the night"
    )
    # The member supplies it anyway, from /my, before the request was sent.
    await command(loop, MEMBER, "/my")
    await press(loop, MEMBER, f"{code} · 待补充材料")
    await press(loop, MEMBER, "补充材料")
    loop.sandbox.send_text(MEMBER, "专家名单是张工、李工")
    await loop.turn()
    await press(loop, MEMBER, "发送")
    assert last_text(loop, MEMBER) == f"已补充到 {code}。"
    city.now = MORNING
    await loop.turn()
    assert not [t for t in told(loop, code) if t.startswith("【请补充材料】")]
    assert await error_of(loop, "notice.info_requested") == "overtaken"


async def test_no_quiet_hours_in_settings_sends_what_waited_for_them(loop: Loop) -> None:
    code = await signed_at_night(loop)
    city = loop.city
    await teamwork.reply(city.new_uow(), city.ctx, city.officer, code, "已联系供电公司", city.now)
    await loop.turn()
    assert not [t for t in told(loop, code) if t.startswith("【答复】")], "held until 08:00"
    await command(loop, MEMBER, "/settings")
    await press(loop, MEMBER, "不设免打扰")
    await loop.turn()
    assert f"【答复】{code}：已联系供电公司" in told(loop, code), "at once, not at 08:00"
    assert loop.city.now < MORNING


async def test_the_enterprise_hears_when_the_city_reopens_its_issue(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    city = loop.city
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    await loop.turn()
    await follow_up.reopen(
        city.new_uow(), city.ctx, city.party_office, code, "企业反映仍未通电", city.now
    )
    await loop.turn()
    assert told(loop, code)[-1] == (
        f"【问题重新办理】{code} 已由市里重新打开，原因：企业反映仍未通电\n"
        "专班将重新办理，办好后会再答复您。"
    )
    await command(loop, MEMBER, "/my")
    await press(loop, MEMBER, f"{code} · 办理中")
    card = bot_messages(loop, MEMBER)[-1]
    assert "补充材料" in labels(card) and "确认已解决" not in labels(card)
    assert not [label for label in labels(card) if "★" in label or label == "重新办理"]

"""Who decides a request finds it in /inbox and decides it from the card alone (a review's
findings): the lead a transfer, the office an extension of a task force without a lead."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.people import ChannelIdentity
from bot.services import follow_up, teamwork
from bot.services.queries import show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import last_text, press
from tests.telegram.test_officer_flow import officials
from tests.telegram.test_views import labels

LEAD, OFFICE = 8103, 8401


async def deciders(loop: Loop) -> None:
    """The officers, the alu lead and a duty officer of the office, in Telegram."""
    await officials(loop)
    city = loop.city
    async with city.new_uow() as uow:
        for person, telegram_id in ((city.lead, LEAD), (city.party_office, OFFICE)):
            await uow.people.add_identity(person, ChannelIdentity("telegram", str(telegram_id)))
        await uow.commit()
    for user, name in ((LEAD, "孙组长"), (OFFICE, "市委办")):
        loop.sandbox.create_user(user_id=user, first_name=name, language_code="zh-hans")


async def inbox(loop: Loop, user: int) -> list[str]:
    """The labels of the person's /inbox."""
    loop.sandbox.send_text(user, "/inbox")
    await loop.turn()
    # A notice may come in the same turn: the list is the newest message that is one.
    sent = loop.sandbox.list_sent_messages(user)
    lists = ("我的待办", "您目前没有待办的问题")
    return labels(next(m for m in reversed(sent) if (m.text or "").startswith(lists)))


async def test_the_lead_decides_a_transfer_from_the_inbox(loop: Loop) -> None:
    await deciders(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    reason = "属于光伏并网问题"
    await teamwork.transfer(
        city.new_uow(), city.ctx, city.officer, code, "energy", reason, city.now
    )
    item = f"{code} · 待您审批：转派申请"
    assert await inbox(loop, LEAD) == [item]
    await press(loop, LEAD, item, user_id=LEAD)
    card = last_text(loop, LEAD)
    assert "待审批：转派申请（赵专员 申请）\n转派至：新能源新材料\n理由：属于光伏并网问题" in card
    await press(loop, LEAD, "批准", user_id=LEAD)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.task_force_code == "energy" and view.issue.pending is None


async def test_the_office_decides_an_extension_of_a_task_force_without_a_lead(
    loop: Loop,
) -> None:
    await deciders(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await teamwork.transfer(city.new_uow(), city.ctx, city.lead, code, "energy", "光伏", city.now)
    await teamwork.claim(city.new_uow(), city.ctx, city.energy_officer, code, city.now)
    due = (city.now + timedelta(days=28)).date()
    await follow_up.request_extension(
        city.new_uow(), city.ctx, city.energy_officer, code, due, "等待电网改造", city.now
    )
    await loop.turn()
    item = f"{code} · 待您审批：延期申请"
    assert item in await inbox(loop, OFFICE)
    await press(loop, OFFICE, item, user_id=OFFICE)
    card = last_text(loop, OFFICE)
    assert "待审批：延期申请（吴专员 申请）" in card and "理由：等待电网改造" in card
    assert f"申请延期至：{due.year}年{due.month}月{due.day}日" in card
    await press(loop, OFFICE, "批准", user_id=OFFICE)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.issue.pending is None and view.issue.extensions_granted == 1
    assert await inbox(loop, OFFICE) == []

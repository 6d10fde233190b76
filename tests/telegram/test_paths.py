"""Paths beside the walkthrough, through python-telegram-bot and the sandbox (issue 12).

A forged button beyond 64 bits (15), the extension dialog (8), the lead's 指派 and 协办 and
the office's reopening (4), and wording a new user met (10).
"""

from __future__ import annotations

import secrets
from typing import Any

from bot.domain.people import ChannelIdentity
from bot.services import follow_up, teamwork
from bot.services.queries import show_issue
from sandbox.telegram.records import CallbackRecord
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, last_text, people, press
from tests.telegram.test_officer_flow import GROUP, OFFICER, OFFICER2, officials
from tests.telegram.test_views import labels

LEAD, OFFICE = 8103, 8401
STALE = "这个按钮已失效，请重新操作。"


def forge_press(loop: Loop, chat: int, message_id: int, data: str, user: int) -> str:
    """A press with data no button carries, as a modified client can send."""
    bot = loop.sandbox.get_bot()
    message = next(m for m in bot_messages(loop, chat) if m.message_id == message_id)
    query_id = str(secrets.randbits(62))
    now = loop.sandbox.now()
    bot.callbacks[query_id] = CallbackRecord(query_id, user, chat, message_id, data, now)
    payload: dict[str, Any] = {
        "id": query_id,
        "from": loop.sandbox.get_user(user).to_api(),
        "message": loop.sandbox.render_message(bot, message),
        "chat_instance": "1",
        "data": data,
    }
    bot.updates.push("callback_query", payload)
    return query_id


async def more_officials(loop: Loop) -> None:
    """The alu lead and a government office duty officer, with accounts."""
    city = loop.city
    async with city.new_uow() as uow:
        for person, user in ((city.lead, LEAD), (city.government_office, OFFICE)):
            await uow.people.add_identity(person, ChannelIdentity("telegram", str(user)))
        await uow.commit()
    for user, name in ((LEAD, "孙组长"), (OFFICE, "市政府办")):
        loop.sandbox.create_user(user_id=user, first_name=name, language_code="zh-hans")


async def lead_names_the_second_officer(loop: Loop) -> str:
    """A new issue; the alu lead opens it from /team and names 钱专员 to sign; its code."""
    code = (await loop.city.file()).issue.code
    await loop.turn()
    loop.sandbox.send_text(LEAD, "/team")
    await loop.turn()
    await press(loop, LEAD, labels(bot_messages(loop, LEAD)[-1])[0], user_id=LEAD)
    await press(loop, LEAD, "指派签收人", user_id=LEAD)
    await press(loop, LEAD, "钱专员", user_id=LEAD)
    return code


async def test_a_forged_project_beyond_64_bits_is_out_of_date(loop: Loop) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    menu = bot_messages(loop, MEMBER)[-1]
    query = forge_press(loop, MEMBER, menu.message_id, "f:p:99999999999999999999", MEMBER)
    await loop.turn()
    assert loop.sandbox.get_callback_answer(query) == {"text": STALE, "show_alert": True}
    await press(loop, MEMBER, "铝箔扩建")
    loop.sandbox.send_text(MEMBER, "变电站迟迟不能送电")
    await loop.turn()
    await press(loop, MEMBER, "完成")
    await press(loop, MEMBER, "一般")
    await press(loop, MEMBER, "提交")
    assert last_text(loop, MEMBER).startswith("已受理，编号 ZB-2026-000001")


async def test_the_extension_dialog_checks_the_date_first(loop: Loop) -> None:
    await officials(loop)
    code = (await loop.city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "签收", user_id=OFFICER)
    await press(loop, OFFICER, "申请延期", user_id=OFFICER)
    prompt = bot_messages(loop, OFFICER)[-1]
    assert "最晚可延至 2027年1月4日" in (prompt.text or "")
    assert "2027年的节假日安排尚未录入" in (prompt.text or "")
    assert labels(prompt)[:3] == ["2026年12月15日", "2026年12月16日", "2026年12月17日"]
    assert labels(prompt)[-2:] == ["2027年1月4日（未核节假日）", "取消"]
    loop.sandbox.send_text(OFFICER, "2026-12-26")
    await loop.turn()
    assert last_text(loop, OFFICER) == "2026年12月26日 不是工作日。请另选日期。"
    assert labels(bot_messages(loop, OFFICER)[-1]) == labels(prompt), "the dates stay on offer"
    await press(loop, OFFICER, "2026年12月17日", user_id=OFFICER)
    assert last_text(loop, OFFICER) == f"请说明延期至 2026年12月17日 的理由（{code}）："
    loop.sandbox.send_text(OFFICER, "需等待电网改造")
    await loop.turn()
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    pending = view.issue.pending
    assert pending is not None and str(pending.new_due) == "2026-12-17"


async def test_the_lead_assigns_and_asks_for_help_and_the_office_reopens(loop: Loop) -> None:
    await officials(loop)
    await more_officials(loop)
    city = loop.city
    code = await lead_names_the_second_officer(loop)
    card = bot_messages(loop, OFFICER2)[-1]
    assert (card.text or "").startswith(f"【请签收】{code}") and "签收" in labels(card)
    await press(loop, OFFICER2, "签收", user_id=OFFICER2)
    await press(loop, LEAD, "协办", user_id=LEAD)
    await press(loop, LEAD, "新能源新材料", user_id=LEAD)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.issue.assignee_id == city.officer2 and len(view.issue.co_handler_ids) == 1
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer2, code, "已送电", city.now)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    loop.sandbox.send_text(OFFICE, "/overdue")
    await loop.turn()
    query = forge_press(
        loop, OFFICE, bot_messages(loop, OFFICE)[-1].message_id, f"i:v:{code}", OFFICE
    )
    await loop.turn()
    assert loop.sandbox.get_callback_answer(query) is not None
    await press(loop, OFFICE, "重新办理", user_id=OFFICE)
    loop.sandbox.send_text(OFFICE, "企业来电反映又停电")
    await loop.turn()
    assert last_text(loop, OFFICE) == f"{code} 已重新办理。"


async def test_wording_a_new_user_met(loop: Loop) -> None:
    await officials(loop)
    sandbox = loop.sandbox
    sandbox.create_user(user_id=9101, first_name="钱", last_name="工", language_code="zh-hans")
    sandbox.send_text(9101, "/start")
    await loop.turn()
    sandbox.send_text(9101, "另一家铝业公司")
    await loop.turn()
    sandbox.send_text(9101, "91350100M000100Y43")  # the test city's enterprise has it
    await loop.turn()
    assert "已由“滨州宏达铝业有限公司”注册" in last_text(loop, 9101)
    for noise in ("OK", "asdkjh", "👍"):
        sandbox.send_text(MEMBER, noise)
        await loop.turn()
        assert last_text(loop, MEMBER).startswith("如需反映问题"), noise
    sandbox.send_text(OFFICER, "/new")
    await loop.turn()
    assert last_text(loop, OFFICER).startswith("反映问题是企业用户的功能")
    sandbox.send_text(OFFICER, "/settings")
    await loop.turn()
    assert "免打扰时段：默认（22:00–07:30）" in last_text(loop, OFFICER)

"""Joining in Telegram: an enterprise registers with the contact button; an official's invite."""

from __future__ import annotations

from datetime import date

from bot.domain.people import OPERATOR, Role
from bot.services import follow_up, sessions
from bot.services.invites import create_invite
from bot.services.queries import show_issue
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import bot_messages, last_text, press
from tests.telegram.test_officer_flow import OFFICER, filed, officials

NEWCOMER, LEAD = 9001, 8201


async def test_an_enterprise_registers_with_the_contact_button(loop: Loop) -> None:
    loop.sandbox.create_user(user_id=NEWCOMER, first_name="林", language_code="zh-hans")
    for text in ("/start", "滨州新材料科技有限公司", "913716000000000000", "林芳"):
        loop.sandbox.send_text(NEWCOMER, text)
        await loop.turn()
    asking = bot_messages(loop, NEWCOMER)[-1]
    keyboard = (asking.reply_markup or {}).get("keyboard", [])
    assert keyboard[0][0]["request_contact"] is True
    loop.sandbox.share_contact(NEWCOMER, "+8613800000000")
    await loop.turn()
    assert last_text(loop, NEWCOMER).startswith("注册成功")
    person = await sessions.identify(loop.city.new_uow(), "telegram", str(NEWCOMER))
    assert person is not None and person.phone == "+8613800000000"


async def test_a_lead_joins_by_invite_link_and_approves_an_extension(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    issued = await create_invite(city.new_uow(), city.ctx, OPERATOR, Role.LEAD, city.now, "alu")
    loop.sandbox.create_user(user_id=LEAD, first_name="冯组长", language_code="en")
    loop.sandbox.send_text(LEAD, f"/start {issued.code}")
    await loop.turn()
    assert last_text(loop, LEAD).startswith("Welcome, 冯组长")
    code = await filed(loop)
    await press(loop, int(ALU_GROUP), "签收", user_id=OFFICER)
    await follow_up.request_extension(
        city.new_uow(),
        city.ctx,
        city.officer,
        code,
        date(2026, 12, 22),
        "需要协调电网",
        city.later(hours=1),
    )
    await loop.turn()
    await press(loop, LEAD, "Approve", user_id=LEAD)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.events[-1].kind == "extension_approved"

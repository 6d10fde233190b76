"""The lead's 指派签收人 pressed for the officer already named, through python-telegram-bot and
the sandbox: an alert says so, and the officer gets no second 【请签收】 card."""

from __future__ import annotations

from bot.domain.people import OPERATOR
from bot.services.queries import show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import bot_messages, press
from tests.telegram.test_officer_flow import OFFICER2, officials
from tests.telegram.test_paths import LEAD, lead_names_the_second_officer, more_officials
from tests.telegram.test_views import labels


async def test_naming_the_named_officer_again_is_refused(loop: Loop) -> None:
    await officials(loop)
    await more_officials(loop)
    city = loop.city
    code = await lead_names_the_second_officer(loop)
    cards = len(bot_messages(loop, OFFICER2))
    assert (bot_messages(loop, OFFICER2)[-1].text or "").startswith(f"【请签收】{code}")
    await press(loop, LEAD, "指派签收人", user_id=LEAD)
    picker = bot_messages(loop, LEAD)[-1]
    assert "钱专员" in labels(picker)
    query = loop.sandbox.press_button(LEAD, picker.message_id, text="钱专员", user_id=LEAD)
    await loop.turn()
    refusal = f"已指定此人签收 {code}，无需重复指派。"
    assert loop.sandbox.get_callback_answer(query) == {"text": refusal, "show_alert": True}
    assert len(bot_messages(loop, OFFICER2)) == cards
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert [e.kind for e in view.events].count("member_assigned") == 1
    assert view.issue.assignee_id == city.officer2

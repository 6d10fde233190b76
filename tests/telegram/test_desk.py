"""The office's dispatch desk in Telegram (issue 12, point 3).

Officials who joined with the office role get a card for what no rule routed, or what a task
force returned: routing's suggestions as buttons, any task force by a second tap, and 不予受理
with a reason the enterprise reads. /inbox lists what waits for them.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import IssueState
from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.services.invites import accept_invite, create_invite
from bot.services.queries import show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, last_text, press
from tests.telegram.test_officer_flow import GROUP, OFFICER, officials
from tests.telegram.test_views import labels

OFFICE = 8401


async def office_official(loop: Loop, now: datetime) -> None:
    """A duty officer of the government office who joined by an invite, as in life."""
    city = loop.city
    issued = await create_invite(city.new_uow(), city.ctx, OPERATOR, Role.OFFICE, now)
    identity = ChannelIdentity("telegram", str(OFFICE), str(OFFICE))
    await accept_invite(city.new_uow(), issued.code, identity, "刘值班", now)
    loop.sandbox.create_user(user_id=OFFICE, first_name="刘值班", language_code="zh-hans")


async def unrouted(loop: Loop, text: str) -> str:
    """An issue with no project and no task force chosen: it waits at the desk."""
    city = loop.city
    code = (await city.file(text, project_id=None)).issue.code
    await loop.turn()
    return code


async def test_the_desk_dispatches_with_a_suggestion_or_any_task_force(loop: Loop) -> None:
    await officials(loop)
    await office_official(loop, loop.city.now)
    code = await unrouted(loop, "电解铝厂的铝液运输车辆需要通行证")
    card = bot_messages(loop, OFFICE)[-1]
    assert (card.text or "").startswith(f"【待分派】{code} · 已受理")
    assert labels(card) == ["派至高端铝业", "派至其他专班", "不予受理", "详情"]
    await press(loop, OFFICE, "派至高端铝业", user_id=OFFICE)
    assert last_text(loop, OFFICE) == f"已将 {code} 派至高端铝业。"
    assert (bot_messages(loop, GROUP)[-1].text or "").startswith(f"【一般】{code}")
    # The desk card shows the dispatch, and offers what the office may still do.
    card = next(m for m in bot_messages(loop, OFFICE) if m.message_id == card.message_id)
    assert "专班：高端铝业" in (card.text or "")
    assert "派至高端铝业" not in labels(card) and "不予受理" not in labels(card)

    loop.city.later(minutes=11)  # past the window that would bundle two routine cards
    other = await unrouted(loop, "请问这个怎么办")
    await press(loop, OFFICE, "派至专班", user_id=OFFICE)  # no suggestion: no "other" one
    assert last_text(loop, OFFICE) == f"派往哪个专班（{other}）？"
    # A task force with nobody who could sign is refused, and the picker stays for another.
    picker = bot_messages(loop, OFFICE)[-1]
    query = loop.sandbox.press_button(
        OFFICE, picker.message_id, data=button(picker, "高端化工"), user_id=OFFICE
    )
    await loop.turn()
    assert "高端化工专班还没有成员，无人能签收" in str(loop.sandbox.get_callback_answer(query))
    view = await show_issue(loop.city.new_uow(), loop.city.admin, other)
    assert view.issue.state is IssueState.FILED
    await press(loop, OFFICE, "新能源新材料", user_id=OFFICE)
    view = await show_issue(loop.city.new_uow(), loop.city.admin, other)
    assert (view.issue.state, view.task_force_code) == (IssueState.ASSIGNED, "energy")


async def test_the_desk_declines_with_a_reason_the_enterprise_reads(loop: Loop) -> None:
    await officials(loop)
    await office_official(loop, loop.city.now)
    code = await unrouted(loop, "我想咨询个人所得税的问题")
    loop.sandbox.send_text(OFFICE, "/inbox")
    await loop.turn()
    assert code in labels(bot_messages(loop, OFFICE)[-1])[0]
    await press(loop, OFFICE, "不予受理", user_id=OFFICE)
    assert last_text(loop, OFFICE).startswith(f"请说明不予受理的原因（{code}）")
    loop.sandbox.send_text(OFFICE, "个人税务问题请拨打12366")
    await loop.turn()
    assert last_text(loop, OFFICE) == f"已不予受理 {code}，企业已收到原因。"
    assert last_text(loop, MEMBER) == f"【不予受理】{code}：个人税务问题请拨打12366"


async def test_a_returned_issue_comes_back_with_its_reason(loop: Loop) -> None:
    await officials(loop)
    await office_official(loop, loop.city.now)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "退单", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, "这是化工企业的问题")
    await loop.turn()
    card = bot_messages(loop, OFFICE)[-1]
    assert (card.text or "").startswith(f"【待分派】{code} · 已退回")
    assert "退单：赵专员，原因：这是化工企业的问题" in (card.text or "")
    assert "派至高端铝业" not in labels(card), "not back to the task force that returned it"
    post = bot_messages(loop, GROUP)[-1]
    assert "已退回办公室" in (post.text or "") and labels(post) == []

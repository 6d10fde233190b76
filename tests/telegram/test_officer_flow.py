"""Officers and leaders in Telegram: claim in the group, resolve in private, instruct (§10)."""

from __future__ import annotations

from bot.domain.model import IssueState, Urgency
from bot.domain.people import ChannelIdentity
from bot.services.queries import show_issue
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, last_text, press

OFFICER, OFFICER2, LEADER = 8101, 8102, 8301
GROUP = int(ALU_GROUP)


async def officials(loop: Loop) -> None:
    """Two officers and the supervising leader with Telegram accounts; the alu group."""
    city = loop.city
    async with city.new_uow() as uow:
        for person, telegram_id in (
            (city.officer, OFFICER),
            (city.officer2, OFFICER2),
            (city.leader, LEADER),
        ):
            await uow.people.add_identity(person, ChannelIdentity("telegram", str(telegram_id)))
        await uow.commit()
    sandbox = loop.sandbox
    sandbox.create_user(user_id=MEMBER, first_name="王经理", language_code="zh-hans")
    for user, name in ((OFFICER, "赵专员"), (OFFICER2, "钱专员"), (LEADER, "李副市长")):
        sandbox.create_user(user_id=user, first_name=name, language_code="zh-hans")
    sandbox.create_group("高端铝业专班", members=[OFFICER, OFFICER2], group_id=GROUP)
    sandbox.add_bot_to_group(GROUP, by=OFFICER)


async def filed(loop: Loop, urgent: bool = False) -> str:
    """The member files through the use case; the group post goes out on the next turn."""
    urgency = Urgency.URGENT if urgent else Urgency.NORMAL
    project = loop.city.big_project if urgent else loop.city.small_project
    outcome = await loop.city.file(urgency=urgency, project_id=project)
    await loop.turn()
    return outcome.issue.code


async def test_two_officers_press_claim_at_once_and_one_wins(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    post = bot_messages(loop, GROUP)[-1]
    claim = button(post, "签收")
    first = loop.sandbox.press_button(GROUP, post.message_id, data=claim, user_id=OFFICER)
    second = loop.sandbox.press_button(GROUP, post.message_id, data=claim, user_id=OFFICER2)
    await loop.turn()
    answers = [loop.sandbox.get_callback_answer(q) for q in (first, second)]
    assert "已被其他同事签收" in str(answers[1])
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert view.issue.assignee_id == loop.city.officer
    assert bot_messages(loop, OFFICER), "the winner gets the private card"


async def test_an_officer_resolves_and_the_enterprise_confirms(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    await press(loop, OFFICER, "办结答复", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, "已协调供电公司，今日送电")
    await loop.turn()
    await press(loop, OFFICER, "发送", user_id=OFFICER)
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert view.issue.state is IssueState.ANSWERED
    assert "今日送电" in last_text(loop, MEMBER)
    await press(loop, MEMBER, "确认已解决")
    await press(loop, MEMBER, "★★★★★")
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert view.issue.state is IssueState.CLOSED and view.issue.rating == 5


async def test_a_leader_gets_the_direct_report_and_instructs(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop, urgent=True)
    card = bot_messages(loop, LEADER)[-1]
    assert code in (card.text or "")
    await press(loop, LEADER, "批示", user_id=LEADER)
    loop.sandbox.send_text(LEADER, "请专班今天内协调解决")
    await loop.turn()
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert view.events[-1].kind == "instructed"
    assert any("请专班今天内协调解决" in (m.text or "") for m in bot_messages(loop, GROUP))

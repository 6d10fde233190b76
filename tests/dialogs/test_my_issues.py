"""/my: the member follows an issue, adds information, confirms, rejects, rates."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.model import IssueState
from bot.domain.people import ChannelIdentity
from bot.services import teamwork
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.services.city import City


async def filed_and_claimed(city: City) -> str:
    """An issue of the city's member that an officer has signed for."""
    code = (await city.file()).issue.code
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.later(hours=1))
    return code


async def test_the_member_sees_the_issue_and_its_timeline(dialogs: Dialogs, city: City) -> None:
    code = await filed_and_claimed(city)
    chat = Chat(dialogs, "5001", "王经理", city.later(hours=1))
    await chat.command("my")
    assert chat.last().text == "办理中的问题（1 个）："
    await chat.press(f"{code} · 已签收")
    detail = chat.last().text
    assert detail.startswith(f"{code} · 已签收") and "提交问题" in detail and "专班签收" in detail
    labels = [b.label for row in chat.last().buttons for b in row]
    assert labels == ["补充材料", "撤回"]


async def test_an_answer_is_confirmed_and_rated(dialogs: Dialogs, city: City) -> None:
    code = await filed_and_claimed(city)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    chat = Chat(dialogs, "5001", "王经理", city.later(hours=1))
    await chat.command("my")
    await chat.press(f"{code} · 已答复")
    await chat.press("确认已解决")
    assert chat.last().text.startswith("感谢确认")
    await chat.press("★★★★★")
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.CLOSED and view.issue.rating == 5
    assert chat.taps == 4


async def test_an_unsolved_answer_goes_back_to_work(dialogs: Dialogs, city: City) -> None:
    code = await filed_and_claimed(city)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    chat = Chat(dialogs, "5001", "王经理", city.later(hours=1))
    await chat.command("my")
    await chat.press(f"{code} · 已答复")
    await chat.press("未解决")
    await chat.say("还是没有电")
    assert chat.last().text == f"已反馈，{code} 将重新办理。"
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.IN_PROGRESS


async def test_information_asked_for_resumes_the_work(dialogs: Dialogs, city: City) -> None:
    code = await filed_and_claimed(city)
    await teamwork.ask_info(city.new_uow(), city.ctx, city.officer, code, "请提供负荷表", city.now)
    chat = Chat(dialogs, "5001", "王经理", city.later(hours=1))
    await chat.command("my")
    await chat.press(f"{code} · 待补充材料")
    await chat.press("补充材料")
    await chat.say("负荷表：最大负荷 8000 千瓦")
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.IN_PROGRESS
    assert view.events[-1].kind == "info_supplied"


async def test_another_enterprise_cannot_act_on_the_issue(dialogs: Dialogs, city: City) -> None:
    code = await filed_and_claimed(city)
    async with city.new_uow() as uow:
        await uow.people.add_identity(city.other_member, ChannelIdentity("telegram", "6001"))
        await uow.commit()
    outsider = Chat(dialogs, "6001", "陈经理", city.now)
    for action in ("c", "v", "s"):
        answer = await outsider.press_payload(f"m:{action}:{code}:5")
        assert (answer.toast, answer.alert) == ("未找到该问题。", True), action
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.ACKNOWLEDGED

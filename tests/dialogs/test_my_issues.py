"""/my: the member follows an issue, adds information, confirms, rejects, rates."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.model import Attachment, IssueState
from bot.domain.people import ChannelIdentity
from bot.services import follow_up, teamwork
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
    assert chat.last().text == "您的问题（1 个）："
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
    await chat.send_file(Attachment("photo", "photo-load", size=1000))
    await chat.send_file(Attachment("document", "doc-load", "负荷表.xlsx", size=2000))
    assert "附件：2 个" in chat.last().text, "several messages, as when filing"
    await chat.press("发送")
    assert chat.last().text == f"已补充到 {code}。"
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.IN_PROGRESS
    assert view.events[-1].kind == "info_supplied"
    assert [a.file_ref for a in view.issue.attachments] == ["photo-load", "doc-load"]


async def test_another_enterprise_cannot_act_on_the_issue(dialogs: Dialogs, city: City) -> None:
    code = await filed_and_claimed(city)
    async with city.new_uow() as uow:
        await uow.people.add_identity(city.other_member, ChannelIdentity("telegram", "6001"))
        await uow.commit()
    outsider = Chat(dialogs, "6001", "陈经理", city.now)
    for payload in (f"i:cf:{code}", f"i:m:{code}", f"i:st:{code}:5", f"i:ai:{code}"):
        answer = await outsider.press_payload(payload)
        assert (answer.toast, answer.alert) == ("未找到该问题。", True), payload
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.ACKNOWLEDGED


async def test_a_closed_issue_can_be_rated_and_reopened_from_my(
    dialogs: Dialogs, city: City
) -> None:
    code = await filed_and_claimed(city)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.later(hours=1))
    chat = Chat(dialogs, "5001", "王经理", city.later(days=3))
    await chat.command("my")
    await chat.press(f"{code} · 已办结")
    labels = [b.label for row in chat.last().buttons for b in row]
    assert labels == ["重新办理", "★", "★★", "★★★", "★★★★", "★★★★★"]
    await chat.press("重新办理")
    await chat.say("又停电了")
    assert chat.last().text == f"{code} 已重新办理。"
    view = await show_issue(city.new_uow(), city.member, code)
    assert view.issue.state is IssueState.IN_PROGRESS


async def test_the_enterprise_does_not_read_the_officials_notes(
    dialogs: Dialogs, city: City
) -> None:
    code = await filed_and_claimed(city)
    await teamwork.note(city.new_uow(), city.ctx, city.officer, code, "内部：待局长签字", city.now)
    chat = Chat(dialogs, "5001", "王经理", city.later(hours=1))
    await chat.press_payload(f"i:m:{code}")
    assert "办理进展" not in chat.last().text and "局长" not in chat.last().text

"""The enterprise's side as a new user walks it (a review's findings): a verdict button of an
earlier answer, /my's timeline, Edit on the summary, the information asked for typed as a
plain message, the project in the summary; a second message, old buttons, files, English."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Reply
from bot.domain.model import Attachment, IssueState
from bot.i18n.catalog import default_catalog
from bot.services import teamwork
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from bot.services.sweep import sweep
from scheduler.dispatcher import Dispatcher
from tests.dialogs.chat import Chat
from tests.dialogs.test_filing import one_project_member
from tests.dialogs.test_lifecycle_in_chat import labels
from tests.fakes import FakeMessenger
from tests.services.city import City

STALE = "这个按钮已失效，请重新操作。"
PHOTO = Attachment("photo", "photo-site", size=2048)
PDF = Attachment("document", "doc-letter", "供电答复函.pdf", "application/pdf", 4096)
MEMBER = "5001"
RESTART = "重新描述（清空已发送的内容）"


async def claimed(city: City, text: str = "电解铝项目用电报装迟迟没有批复") -> str:
    """An issue of the city's member that an officer has signed for."""
    code = (await city.file(text)).issue.code
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.later(minutes=30))
    return code


async def answered(city: City, messenger: FakeMessenger, code: str, text: str) -> Reply:
    """The officer resolves the issue; the message the enterprise then gets."""
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, text, city.later(hours=1))
    return await delivered(city, messenger)


async def delivered(city: City, messenger: FakeMessenger) -> Reply:
    """One dispatcher round at the city's time; the newest message to the enterprise."""
    dispatcher = Dispatcher(
        city.new_uow, city.ctx, default_catalog(), messenger, "test", lambda: city.now
    )
    await dispatcher.run_once()
    return messenger.to(MEMBER)[-1]


def payload(reply: Reply, label: str) -> str:
    """The payload of a message's button."""
    return next(b.payload for row in reply.buttons for b in row if b.label == label)


async def state_of(city: City, code: str) -> IssueState:
    """The issue's state now."""
    return (await show_issue(city.new_uow(), city.admin, code)).issue.state


async def test_a_verdict_button_of_an_earlier_answer_is_stale(
    dialogs: Dialogs, city: City
) -> None:
    code, messenger = await claimed(city), FakeMessenger()
    first = await answered(city, messenger, code, "已协调供电公司，本周送电")
    member = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await member.press_payload(payload(first, "未解决"))
    await member.say("还是没有电")
    assert member.last().text == f"已反馈，{code} 将重新办理。"
    second = await answered(city, messenger, code, "变电站已于今日送电")
    assert payload(second, "确认已解决") != payload(first, "确认已解决")
    member.now = city.later(minutes=5)
    for label in ("确认已解决", "未解决"):
        pressed = await member.press_payload(payload(first, label))
        assert (pressed.toast, pressed.replies) == (STALE, ()), label
        assert await state_of(city, code) is IssueState.ANSWERED
    await member.press_payload(payload(second, "确认已解决"))
    assert member.last().text == f"感谢确认！请为 {code} 的办理情况评分："
    await member.press("★★★★★")
    view = await show_issue(city.new_uow(), city.admin, code)
    assert (view.issue.state, view.issue.rating) == (IssueState.CLOSED, 5)


async def test_the_stars_of_an_earlier_closing_rate_nothing(dialogs: Dialogs, city: City) -> None:
    code, messenger = await claimed(city), FakeMessenger()
    first = await answered(city, messenger, code, "已送电")
    member = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await member.press_payload(payload(first, "确认已解决"))
    old_stars = member.find_button("★★★★★").payload
    await member.command("my")
    await member.press(f"{code} · 已办结")
    await member.press("重新办理")
    await member.say("又停电了")
    second = await answered(city, messenger, code, "已更换变压器")
    member.now = city.later(minutes=5)
    await member.press_payload(payload(second, "确认已解决"))
    pressed = await member.press_payload(old_stars)
    assert pressed.toast == STALE
    assert (await show_issue(city.new_uow(), city.admin, code)).issue.rating is None
    await member.press("★★★★")
    assert member.last().text == f"感谢您的评价（{code}）。"
    assert (await show_issue(city.new_uow(), city.admin, code)).issue.rating == 4


async def test_the_stars_asked_for_after_silence_rate_that_closing(
    dialogs: Dialogs, city: City
) -> None:
    code, messenger = await claimed(city), FakeMessenger()
    await answered(city, messenger, code, "已送电")
    await sweep(city.new_uow, city.ctx, city.later(days=8))  # the enterprise stayed silent
    request = await delivered(city, messenger)
    assert request.text == f"请为 {code} 的办理情况评分："
    member = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await member.press_payload(payload(request, "★★★"))
    assert member.last().text == f"感谢您的评价（{code}）。"
    assert (await show_issue(city.new_uow(), city.admin, code)).issue.rating == 3


@pytest.mark.parametrize(
    ("language_code", "heading", "filed"),
    [("zh-hans", "办理进程：", "提交问题"), ("en", "Progress:", "filed")],
)
async def test_an_issue_in_my_shows_its_timeline_once(
    dialogs: Dialogs, city: City, language_code: str, heading: str, filed: str
) -> None:
    code = await claimed(city)
    chat = Chat(dialogs, MEMBER, "王经理", city.later(hours=1), language_code=language_code)
    await chat.press_payload(f"i:m:{code}")
    text = chat.last().text
    assert text.count(heading) == 1 and "Timeline:" not in text
    assert text.count(f" {filed}") == 1, text


async def test_edit_keeps_the_description_and_files_and_changes_the_rest(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, MEMBER, "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("变电站迟迟不能送电")
    await chat.send_file(PHOTO)
    await chat.send_file(PDF)
    await chat.press("完成")
    await chat.press("一般")
    assert "项目：铝箔扩建" in chat.last().text and "附件：2 个" in chat.last().text
    await chat.press("修改")
    assert chat.last().text.startswith("已保留您的描述（文字 1 条，附件 2 个）")
    assert labels(chat) == ["完成", RESTART, "更改项目", "更改紧急程度", "取消"]
    await chat.say("已经等了两个月")
    assert "文字 2 条，附件 2 个" in chat.last().text
    await chat.press("完成")  # nothing else changed: straight back to the summary
    summary = chat.last().text
    assert "变电站迟迟不能送电\n已经等了两个月" in summary and "附件：2 个" in summary
    await chat.press("修改")
    await chat.press("更改紧急程度")
    assert chat.last().text == "问题是否紧急？"
    await chat.press("紧急")
    assert "紧急程度：紧急" in chat.last().text and "附件：2 个" in chat.last().text
    await chat.press("修改")
    await chat.press("更改项目")
    await chat.press("高端铝材产业园")
    assert "项目：高端铝材产业园" in chat.last().text
    await chat.press("提交")
    issue = (await list_issues(city.new_uow(), city.admin, IssueQuery()))[0]
    assert issue.text == "变电站迟迟不能送电\n已经等了两个月"
    assert [a.file_ref for a in issue.attachments] == ["photo-site", "doc-letter"]
    assert (issue.project_id, issue.urgency.value) == (city.big_project, "urgent")


async def test_edit_starts_the_description_over_only_when_asked(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, MEMBER, "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.send_file(PHOTO, caption="厂区道路还没有修通")
    await chat.press("完成")
    await chat.press("一般")
    await chat.press("修改")
    await chat.press(RESTART)
    assert chat.last().text.startswith("请描述遇到的问题")
    await chat.say("变电站不能送电")
    assert "文字 1 条，附件 0 个" in chat.last().text
    await chat.press("完成")
    summary = chat.last().text
    assert "变电站不能送电" in summary and "道路" not in summary and "附件：0 个" in summary
    await chat.press("修改")
    await chat.press("取消")
    assert await list_issues(city.new_uow(), city.admin, IssueQuery()) == []


async def test_the_summary_names_the_project_even_when_it_was_not_asked(
    dialogs: Dialogs, city: City
) -> None:
    chat = await one_project_member(dialogs, city)
    await chat.command("new")
    await chat.say("铝箔二期的35千伏变电站迟迟不能送电")
    await chat.press("完成")
    await chat.press("一般")
    assert "项目：铝箔二期" in chat.last().text
    member = Chat(dialogs, MEMBER, "王经理", city.now)
    await member.command("new")
    await member.press("不涉及具体项目")
    await member.say("变电站不能送电")
    await member.press("完成")
    await member.press("一般")
    assert "项目：无项目" in member.last().text


async def test_typed_information_goes_to_the_issue_that_asked_for_it(
    dialogs: Dialogs, city: City
) -> None:
    code = await claimed(city)
    await teamwork.ask_info(
        city.new_uow(), city.ctx, city.officer, code, "请提供专家名单", city.now
    )
    chat = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await chat.say("专家名单是张工、李工、王工")
    offer = f"{code} 正在等待您补充材料。要将刚才发送的内容补充到该问题，还是作为新问题反映？"
    assert chat.last().text == offer
    assert labels(chat) == [f"补充到 {code}", "作为新问题反映", "否"]
    await chat.send_file(PDF)  # a second message joins the first
    assert chat.last().text == offer
    await chat.press(f"补充到 {code}")
    assert chat.last().text == f"已补充到 {code}。"
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.issue.state is IssueState.IN_PROGRESS
    supplied = view.events[-1]
    assert (supplied.kind, supplied.text) == ("info_supplied", "专家名单是张工、李工、王工")
    assert [a.file_ref for a in view.issue.attachments] == ["doc-letter"]
    again = await chat.press(f"补充到 {code}")  # the old button, once more
    assert again.toast == STALE
    assert len((await show_issue(city.new_uow(), city.admin, code)).events) == len(view.events)


async def test_several_waiting_issues_are_offered_newest_first(
    dialogs: Dialogs, city: City
) -> None:
    codes = [await claimed(city, f"第{n}个问题：用电报装没有批复") for n in range(4)]
    for code in codes:
        await teamwork.ask_info(
            city.new_uow(), city.ctx, city.officer, code, "请补充", city.later(minutes=1)
        )
    chat = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await chat.say("负荷表已经整理好了")
    assert chat.last().text.startswith("您有 4 个问题正在等待补充材料")
    newest = [f"补充到 {c}" for c in reversed(codes)][:3]
    assert labels(chat) == [*newest, "作为新问题反映", "否"]
    await chat.press("作为新问题反映")
    await chat.press("铝箔扩建")
    assert "文字 1 条，附件 0 个" in chat.last().text


async def test_an_issue_answered_meanwhile_keeps_the_offer_open(
    dialogs: Dialogs, city: City
) -> None:
    code = await claimed(city)
    await teamwork.ask_info(city.new_uow(), city.ctx, city.officer, code, "请提供图纸", city.now)
    chat = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await chat.say("图纸在附件里，另外还需要协调道路")
    await teamwork.supply_info(city.new_uow(), city.ctx, city.member, code, "图纸", city.now)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已处理", city.now)
    refused = await chat.press(f"补充到 {code}")
    assert refused.toast and refused.toast != STALE and not refused.replies
    await chat.press("作为新问题反映")
    await chat.press("铝箔扩建")
    assert "文字 1 条" in chat.last().text, "the words were kept for the new issue"


async def test_a_file_outside_a_dialog_is_offered_and_kept(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, MEMBER, "王经理", city.now)
    await chat.send_file(PHOTO)
    assert chat.last().text == "要将收到的文件作为新问题反映吗？"
    await chat.say("OK")  # says nothing: the offer stands as it was
    assert chat.last().text == "要将收到的文件作为新问题反映吗？"
    await chat.say("厂区道路还没有修通")
    assert chat.last().text == "要将这些内容作为新问题反映吗？"
    await chat.press("是，反映问题")
    await chat.press("铝箔扩建")
    assert "文字 1 条，附件 1 个" in chat.last().text
    await chat.press("完成")
    await chat.press("一般")
    assert "厂区道路还没有修通" in chat.last().text and "附件：1 个" in chat.last().text


async def test_the_offer_to_add_information_in_english(dialogs: Dialogs, city: City) -> None:
    code = await claimed(city)
    await teamwork.ask_info(city.new_uow(), city.ctx, city.officer, code, "请提供图纸", city.now)
    chat = Chat(dialogs, MEMBER, "Wang", city.later(minutes=5), language_code="en")
    await chat.say("The drawings will follow tomorrow morning")
    assert chat.last().text == (
        f"{code} is waiting for your information. Shall I add what you just sent to it, "
        "or file it as a new issue?"
    )
    assert labels(chat) == [f"Add to {code}", "File as a new issue", "No"]
    await chat.press("No")
    assert chat.last().text == "All right, nothing was filed."
    assert await state_of(city, code) is IssueState.WAITING_ENTERPRISE

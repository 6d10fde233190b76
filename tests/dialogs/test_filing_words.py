"""Words and files sent while the filing waits for a button join the description."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.model import Attachment
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from tests.dialogs.chat import Chat
from tests.services.city import City

PHOTO = Attachment("photo", "photo-site", size=2048)


async def at_urgency(dialogs: Dialogs, city: City) -> Chat:
    """The member filing about 铝箔扩建, described as 道路未通, asked how urgent it is."""
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("道路未通")
    await chat.press("完成")
    return chat


async def test_words_at_the_urgency_step_are_kept_and_the_step_asked_again(
    dialogs: Dialogs, city: City
) -> None:
    chat = await at_urgency(dialogs, city)
    answer = await chat.say("另外施工便道也被堵了")
    assert answer.replies[0].text == "已补充到问题描述（文字 2 条，附件 0 个）。"
    assert answer.replies[-1].text == "问题是否紧急？"
    await chat.send_file(PHOTO)
    await chat.press("一般")
    summary = chat.last().text
    assert "另外施工便道也被堵了" in summary and "附件：1 个" in summary
    await chat.press("提交")
    [issue] = await list_issues(city.new_uow(), city.admin, IssueQuery())
    view = await show_issue(city.new_uow(), city.admin, issue.code)
    assert view.issue.text == "道路未通\n另外施工便道也被堵了"
    assert [a.file_ref for a in view.issue.attachments] == ["photo-site"]


async def test_words_before_the_project_is_chosen_start_the_description(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    answer = await chat.say("园区变电站迟迟没有送电")
    assert answer.replies[0].text == "已补充到问题描述（文字 1 条，附件 0 个）。"
    assert answer.replies[-1].text == "这个问题涉及哪个项目？"
    await chat.press("铝箔扩建")
    assert chat.last().text.startswith("已收到（文字 1 条，附件 0 个）")


async def test_a_button_step_without_words_points_at_the_buttons(
    dialogs: Dialogs, city: City
) -> None:
    chat = await at_urgency(dialogs, city)
    assert (await chat.say("   ")).replies[-1].text == "请点击上方按钮继续，或点“取消”。"

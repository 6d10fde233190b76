"""What the review of the chat side found: groups, forged payloads, stuck and stale steps."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogs.engine import Dialogs
from bot.domain.people import ChannelIdentity
from bot.services import turns
from tests.dialogs.chat import Chat
from tests.services.city import City


async def test_my_issues_are_never_shown_in_a_group(dialogs: Dialogs, city: City) -> None:
    code = (await city.file()).issue.code
    chat = Chat(dialogs, "5001", "王经理", city.now, chat_id="-1009", kind="group")
    await chat.command("my")
    assert chat.last().text == "请在与机器人的私聊中进行此操作。"
    answer = await chat.press_payload(f"i:m:{code}")
    assert answer.replies == () and answer.toast == "请在与机器人的私聊中进行此操作。"


async def test_forged_filing_payloads_are_stale_not_faults(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    for payload in ("f:p", "f:p:²", "f:p:-1", "f:u", "f:tf"):
        answer = await chat.press_payload(payload)
        assert answer.toast == "这个按钮已失效，请重新操作。", payload
    await chat.press("铝箔扩建")
    assert chat.last().text.startswith("请描述遇到的问题")


async def test_free_text_from_an_official_is_answered_with_help(
    dialogs: Dialogs, city: City
) -> None:
    async with city.new_uow() as uow:
        await uow.people.add_identity(city.officer, ChannelIdentity("telegram", "8101"))
        await uow.commit()
    chat = Chat(dialogs, "8101", "赵专员", city.now)
    await chat.say("明天开会")
    assert chat.last().text.startswith("可用功能")


async def test_a_step_whose_issue_moved_on_is_closed(dialogs: Dialogs, city: City) -> None:
    code = (await city.file()).issue.code
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.press_payload(f"i:w:{code}")
    await chat.say("不需要了")
    assert chat.last().text == f"已撤回 {code}。"
    # An old button is refused when pressed, before anyone types a text for nothing.
    answer = await chat.press_payload(f"i:w:{code}")
    assert answer.toast == f"{code} 现为“已撤回”，不能再进行此操作。" and answer.replies == ()
    _, state = await turns.open_turn(city.new_uow(), "telegram", "5001", "5001")
    assert state is None


async def test_a_step_left_open_for_a_day_is_forgotten(dialogs: Dialogs, city: City) -> None:
    code = (await city.file()).issue.code
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.press_payload(f"i:w:{code}")
    chat.now += timedelta(hours=25)
    await chat.say("明天开会记得带材料")
    assert chat.last().text == "要将这段文字作为新问题反映吗？"

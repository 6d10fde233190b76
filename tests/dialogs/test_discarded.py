"""Another dialog taking the place of one that holds words or files not yet sent says so."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.model import Attachment
from bot.services import teamwork
from tests.dialogs.chat import Chat
from tests.dialogs.test_enterprise_paths import MEMBER, claimed
from tests.services.city import City

PHOTO = Attachment("photo", "photo-site", size=2048)
DISCARDED = "之前未发送的内容（文字 {parts} 条，附件 {files} 个）已放弃。"


async def test_a_new_filing_over_a_half_written_one_says_what_was_dropped(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, MEMBER, "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("道路未通")
    await chat.send_file(PHOTO)
    answer = await chat.command("new")
    assert answer.replies[0].text == DISCARDED.format(parts=1, files=1)
    assert answer.replies[-1].text == "这个问题涉及哪个项目？"


async def test_a_new_filing_over_an_unsent_draft_says_what_was_dropped(
    dialogs: Dialogs, city: City
) -> None:
    code = await claimed(city)
    await teamwork.ask_info(city.new_uow(), city.ctx, city.officer, code, "请提供图纸", city.now)
    chat = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await chat.command("my")
    await chat.press(f"{code} · 待补充材料")
    await chat.press("补充材料")
    await chat.send_file(PHOTO)
    await chat.send_file(PHOTO)
    answer = await chat.command("new")
    assert answer.replies[0].text == DISCARDED.format(parts=0, files=2)


async def test_nothing_is_said_when_nothing_was_written_sent_or_cancelled(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, MEMBER, "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    assert "已放弃" not in (await chat.command("new")).replies[0].text
    await chat.press("铝箔扩建")
    await chat.say("道路未通")
    assert [r.text for r in (await chat.command("cancel")).replies] == ["已取消。"]
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("供水不足")
    await chat.press("完成")
    await chat.press("一般")
    assert "已放弃" not in (await chat.press("提交")).replies[0].text

"""/my as the enterprise reads it (a review's findings): the officials' words to it (the
question asked, replies, the answer, why it was reopened or declined) with their files
counted, and a timeline that says how many earlier steps it leaves out."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.services import follow_up, teamwork
from tests.dialogs.chat import Chat
from tests.dialogs.test_enterprise_paths import MEMBER, PDF, PHOTO, claimed
from tests.dialogs.test_lifecycle_in_chat import labels
from tests.services.city import City


async def test_my_shows_the_officials_words_and_says_what_is_left_out(
    dialogs: Dialogs, city: City
) -> None:
    code = await claimed(city)
    for n in range(3):
        await teamwork.reply(
            city.new_uow(), city.ctx, city.officer, code, f"第{n}次答复", city.now
        )
    # Whether or not its message has gone out yet (quiet hours hold it), /my shows it.
    question = "请提供35千伏变电站的负荷表"
    await teamwork.ask_info(
        city.new_uow(), city.ctx, city.officer, code, question, city.now, attachments=(PDF,)
    )
    chat = Chat(dialogs, MEMBER, "王经理", city.later(minutes=5))
    await chat.press_payload(f"i:m:{code}")
    text = chat.last().text
    assert f"请求补充材料（附件 1 个）：{question}" in text
    assert "专班答复：第2次答复" in text and labels(chat)[0] == "补充材料"
    # Seven steps of eight: nothing is left out yet.
    assert "提交问题" in text and "仅显示" not in text
    await teamwork.supply_info(city.new_uow(), city.ctx, city.member, code, "负荷表", city.now)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await chat.press_payload(f"i:m:{code}")
    text = chat.last().text
    assert "（仅显示最近 8 条，共 9 条）" in text and "提交问题" not in text
    assert text.rstrip().endswith("答复办理结果：已送电")


async def test_my_shows_the_answer_and_why_it_was_reopened_in_english(
    dialogs: Dialogs, city: City
) -> None:
    code = await claimed(city)
    answer = "Power is on"
    await teamwork.resolve(
        city.new_uow(), city.ctx, city.officer, code, answer, city.now, attachments=(PHOTO, PDF)
    )
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    await follow_up.reopen(
        city.new_uow(), city.ctx, city.party_office, code, "The line failed again", city.now
    )
    chat = Chat(dialogs, MEMBER, "Wang", city.later(minutes=5), language_code="en")
    await chat.press_payload(f"i:m:{code}")
    text = chat.last().text
    assert "resolution sent (2 files): Power is on" in text
    assert text.rstrip().endswith("reopened: The line failed again")
    desk = (await city.file("请问这个怎么办", project_id=None)).issue.code  # at the desk
    await teamwork.reject_issue(
        city.new_uow(), city.ctx, city.party_office, desk, "Not a city matter", city.now
    )
    await chat.press_payload(f"i:m:{desk}")
    assert chat.last().text.rstrip().endswith("declined as out of scope: Not a city matter")

"""Two languages on one issue: an English-writing enterprise, a Chinese officer (§10, §11).

A person's language is their /lang choice, else the language of their own free text, else
their Telegram client's language code, else Chinese; names and codes typed while registering
do not count. An issue keeps the language its problem was written in, and officials reading it
in another language see a note of the original's language.
"""

from __future__ import annotations

from bot.domain.people import Person
from bot.services import sessions, teamwork
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, last_text, press
from tests.telegram.test_officer_flow import OFFICER, filed, officials

GULF = 9101  # Oliver, who writes English on a phone set to Chinese
GROUP = int(ALU_GROUP)
CODE = "ZB-2026-000001"
PROBLEM = "Our aluminium rolling mill still has no power connection"
NAME = "Gulf Aluminium Binzhou Ltd."
HELP_EN, HELP_ZH = "What you can do:\n/new report a new issue", "可用功能：\n/new 反映新问题"


async def person_of(loop: Loop, user_id: int) -> Person:
    """The person the bot knows behind a Telegram account."""
    person = await sessions.identify(loop.city.new_uow(), "telegram", str(user_id))
    assert person is not None
    return person


async def say(loop: Loop, user_id: int, text: str) -> str:
    """The user writes in their private chat; the bot's newest answer there."""
    loop.sandbox.send_text(user_id, text)
    await loop.turn()
    return last_text(loop, user_id)


async def register_writing_english(loop: Loop) -> None:
    """Oliver registers (served in Chinese: names and codes say nothing), then writes English."""
    loop.sandbox.create_user(user_id=GULF, first_name="Oliver", language_code="zh-hans")
    assert await say(loop, GULF, "/start") == "欢迎使用企业直报！请输入企业全称："
    assert await say(loop, GULF, NAME) == "请输入统一社会信用代码（18位）："
    assert await say(loop, GULF, "913716000000000000") == "请输入联系人姓名："
    assert (
        await say(loop, GULF, "Oliver Grant")
        == "请点击下方按钮，共享您的手机号码（发送 /cancel 可取消注册）。"
    )
    loop.sandbox.share_contact(GULF, "+8613800000000")
    await loop.turn()
    assert last_text(loop, GULF) == f"注册成功：{NAME}。发送 /new 即可反映问题。"
    offer = await say(loop, GULF, "Our factory still has no power connection")
    assert offer == "Shall I file this as a new issue?"
    assert button(bot_messages(loop, GULF)[-1], "Yes, file it").startswith("o:1:")
    await press(loop, GULF, "No", user_id=GULF)
    assert last_text(loop, GULF) == "All right, nothing was filed."
    assert (await person_of(loop, GULF)).detected_language == "en"


async def test_an_english_enterprise_and_a_chinese_officer_handle_one_issue(loop: Loop) -> None:
    await officials(loop)
    await register_writing_english(loop)
    # Filing in English: a new enterprise has no project, so the task force is asked.
    assert await say(loop, GULF, "/new") == (
        "Describe the problem: in one or several messages, with photos or files if useful. "
        'Press "Done" when you have finished.'
    )
    assert await say(loop, GULF, PROBLEM) == (
        'Received (1 text(s), 0 file(s)). Add more, or press "Done" when you have finished.'
    )
    await press(loop, GULF, "Done", user_id=GULF)
    assert last_text(loop, GULF) == (
        "From your description, these task forces may be responsible. Please choose:"
    )
    await press(loop, GULF, "High-end aluminium", user_id=GULF)
    assert last_text(loop, GULF) == "Is it urgent?"
    await press(loop, GULF, "Normal", user_id=GULF)
    summary = (
        f"Please check:\n{PROBLEM}\nFiles: 0\nProject: none\nCategory: Power, water and gas\n"
    )
    assert last_text(loop, GULF).startswith(summary)
    await press(loop, GULF, "Submit", user_id=GULF)
    assert last_text(loop, GULF) == (
        f"Filed as {CODE}. Next deadline: Nov 24, 17:30. Send /my at any time to follow it."
    )

    # The task force's group reads Chinese, with the enterprise's English and a note of it.
    post = bot_messages(loop, GROUP)[-1]
    lines = (post.text or "").split("\n")
    assert lines[:3] == [f"【一般】{CODE}", f"企业：{NAME}", "项目：不涉及具体项目"]
    assert lines[-2:] == [f"问题：{PROBLEM}", "（企业原文为英文）"]
    assert button(post, "签收") == f"i:c:{CODE}"
    await press(loop, GROUP, "签收", user_id=OFFICER)
    card = bot_messages(loop, OFFICER)[-1]
    assert (card.text or "").startswith(f"{CODE} · 已签收 · 一般\n企业：{NAME}\n")
    assert (card.text or "").endswith(f"\n问题：{PROBLEM}\n（企业原文为英文）")
    assert button(card, "答复企业") == f"i:y:{CODE}"

    # The officer replies in Chinese; the enterprise reads it in an English frame.
    await press(loop, OFFICER, "答复企业", user_id=OFFICER)
    assert last_text(loop, OFFICER).startswith(f"请输入给企业的答复（{CODE}）")
    draft = await say(loop, OFFICER, "已联系供电公司，本周内送电")
    assert draft.startswith(f"将发送给企业的答复（{CODE}）：\n已联系供电公司，本周内送电")
    await press(loop, OFFICER, "发送", user_id=OFFICER)
    assert last_text(loop, OFFICER) == f"已答复企业（{CODE}）。"
    assert last_text(loop, GULF) == f"[Reply] {CODE}: 已联系供电公司，本周内送电"

    # Resolve → text → Send; the enterprise confirms and rates with English buttons.
    await press(loop, OFFICER, "办结答复", user_id=OFFICER)
    confirm = await say(loop, OFFICER, "供电公司已于今日送电")
    assert confirm.startswith(f"将发送给企业的办理结果（{CODE}）：\n供电公司已于今日送电")
    await press(loop, OFFICER, "发送", user_id=OFFICER)
    assert last_text(loop, OFFICER) == f"办理结果已发送给企业（{CODE}），等待企业确认。"
    answer = bot_messages(loop, GULF)[-1]
    assert answer.text == f"[Answer] {CODE}: 供电公司已于今日送电\nIs the problem solved?"
    assert button(answer, "Solved") == f"i:cf:{CODE}:1"  # about the first answer
    await press(loop, GULF, "Solved", user_id=GULF)
    assert last_text(loop, GULF) == f"Thank you! Please rate how {CODE} was handled:"
    await press(loop, GULF, "★★★★★", user_id=GULF)
    assert last_text(loop, GULF) == f"Thank you for your rating ({CODE})."
    assert last_text(loop, OFFICER) == f"【企业确认已解决】{CODE}"


async def test_an_explicit_choice_outweighs_the_language_of_the_words(loop: Loop) -> None:
    await register_writing_english(loop)
    assert await say(loop, GULF, "/lang") == "Choose your language:"
    await press(loop, GULF, "中文", user_id=GULF)
    assert last_text(loop, GULF) == "已切换为中文。"
    assert await say(loop, GULF, "The road to the plant is still closed") == (
        "要将这段文字作为新问题反映吗？"
    )
    assert (await say(loop, GULF, "/help")).startswith(HELP_ZH)
    person = await person_of(loop, GULF)
    assert (person.language, person.detected_language) == ("zh", "en")


async def test_chinese_words_outweigh_an_english_phone(loop: Loop) -> None:
    loop.sandbox.create_user(user_id=MEMBER, first_name="Wang", language_code="en")
    loop.sandbox.create_group("高端铝业专班", members=[MEMBER], group_id=GROUP)
    assert (await say(loop, MEMBER, "/help")).startswith(HELP_EN)
    assert await say(loop, MEMBER, "变电站迟迟不能送电") == "要将这段文字作为新问题反映吗？"
    await press(loop, MEMBER, "否")
    assert last_text(loop, MEMBER) == "好的，未提交。"
    assert (await say(loop, MEMBER, "/help")).startswith(HELP_ZH)
    # Notices follow the words too, though the phone still says English.
    city = loop.city
    issue = (await city.file()).issue
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, issue.code, city.now)
    await teamwork.reply(city.new_uow(), city.ctx, city.officer, issue.code, "明天送电", city.now)
    await loop.turn()
    assert last_text(loop, MEMBER) == f"【答复】{issue.code}：明天送电"


async def test_english_chatter_in_the_group_leaves_an_officer_chinese(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    post = bot_messages(loop, GROUP)[-1]
    # A reply to the bot's post reaches the bot even with Telegram's privacy mode on.
    loop.sandbox.send_text(OFFICER, "OK, I will check it today", GROUP, reply_to=post.message_id)
    await loop.turn()
    await press(loop, GROUP, "签收", user_id=OFFICER)
    assert last_text(loop, OFFICER).startswith(f"{code} · 已签收 · 一般")

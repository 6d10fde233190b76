"""/start: an enterprise registers step by step; invites bring officials in."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.people import OPERATOR, Role
from bot.services import sessions, turns
from bot.services.invites import create_invite
from tests.dialogs.chat import Chat
from tests.services.city import City


def newcomer(dialogs: Dialogs, city: City, user_id: str = "9001") -> Chat:
    """Someone the bot has never seen, writing in Chinese."""
    return Chat(dialogs, user_id, "林女士", city.now)


async def test_an_enterprise_registers_in_a_few_answers(dialogs: Dialogs, city: City) -> None:
    chat = newcomer(dialogs, city)
    await chat.command("start")
    assert chat.last().text.startswith("欢迎使用企业直报")
    await chat.say("滨州新材料科技有限公司")
    await chat.say("91350100M000100Y44")  # a wrong check character
    assert "校验位不正确" in chat.last().text
    await chat.say("91370000MA3C5XXX1A")
    assert "校验位" in chat.last().text or "有效字符" in chat.last().text
    await chat.say("913716000000000000")
    await chat.say("林芳")
    assert chat.last().ask_contact == "共享手机号码"
    await chat.say("1380000")
    assert "不是有效的手机号码" in chat.last().text and "按钮" in chat.last().text
    assert chat.last().ask_contact == "共享手机号码"
    await chat.share_contact("+8613800000000")
    assert chat.last().text.startswith("注册成功：滨州新材料科技有限公司")
    assert chat.last().remove_keyboard
    person = await sessions.identify(city.new_uow(), "telegram", "9001")
    assert person is not None and Role.MEMBER in person.roles and person.enterprise_admin
    assert person.phone == "+8613800000000"
    assert (await turns.open_turn(city.new_uow(), "telegram", "9001", "9001"))[1] is None


async def test_a_registered_credit_code_is_refused_politely(dialogs: Dialogs, city: City) -> None:
    chat = newcomer(dialogs, city)
    await chat.command("start")
    await chat.say("另一家公司")
    await chat.say("91350100M000100Y43")
    # Refused at the code itself, with how to join, and the step stays for a corrected code.
    assert "已由“滨州宏达铝业有限公司”注册" in chat.last().text
    assert "/invite" in chat.last().text
    await chat.say("913716000000000000")
    assert chat.last().text == "请输入联系人姓名："
    assert await sessions.identify(city.new_uow(), "telegram", "9001") is None


async def test_start_in_a_group_asks_for_a_private_chat(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "9001", "林女士", city.now, chat_id="-1009", kind="group")
    await chat.command("start")
    assert chat.last().text == "请在与机器人的私聊中进行此操作。"


async def test_an_official_joins_through_an_invite_link(dialogs: Dialogs, city: City) -> None:
    issued = await create_invite(city.new_uow(), city.ctx, OPERATOR, Role.OFFICER, city.now, "alu")
    chat = Chat(dialogs, "9100", "郑专员", city.now, language_code="en")
    await chat.command("start", issued.code)
    assert chat.last().text == (
        "Welcome, 郑专员: you have joined the task force High-end aluminium as task-force officer."
    )
    again = Chat(dialogs, "9101", "冒名者", city.now, language_code="en")
    await again.command("start", issued.code)
    assert again.last().text == (
        "This invite has been used already: each works once. "
        "Please ask whoever invited you for a new one."
    )
    await chat.command("start", issued.code)  # the link opened once more by who joined
    assert chat.last().text.startswith("You joined with this invite already")


async def test_a_known_person_is_welcomed_back(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("start")
    assert chat.last().text.startswith("王经理，欢迎回来")


async def test_a_typed_phone_is_taken_beside_the_contact_button(
    dialogs: Dialogs, city: City
) -> None:
    chat = newcomer(dialogs, city)
    await chat.command("start")
    for answer in ("滨州新材料科技有限公司", "913716000000000000", "林芳"):
        await chat.say(answer)
    assert chat.last().ask_contact == "共享手机号码"
    await chat.say("+86 138-0000-0000")
    assert chat.last().text.startswith("注册成功：滨州新材料科技有限公司")
    person = await sessions.identify(city.new_uow(), "telegram", "9001")
    assert person is not None and person.phone == "+8613800000000"

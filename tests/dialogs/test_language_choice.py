"""Which language each person is served in, message by message (§11)."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.services.sessions import identify
from tests.dialogs.chat import Chat
from tests.services.city import City


def enterprise(dialogs: Dialogs, city: City, language_code: str = "zh-hans") -> Chat:
    """The city's registered enterprise member (Telegram account 5001)."""
    return Chat(dialogs, "5001", "王经理", city.now, language_code=language_code)


async def remembered(city: City, telegram_id: str) -> tuple[str | None, str | None]:
    """The person's chosen and remembered languages."""
    person = await identify(city.new_uow(), "telegram", telegram_id)
    assert person is not None
    return person.language, person.detected_language


async def test_english_words_to_a_chinese_client_get_english_from_then_on(
    dialogs: Dialogs, city: City
) -> None:
    chat = enterprise(dialogs, city)
    await chat.command("help")
    assert chat.last().text.startswith("可用功能")
    await chat.say("Our factory still has no power connection")
    assert chat.last().text.startswith("Shall I file this as a new issue?")
    await chat.command("help")  # a command says nothing of its own: the remembered language
    assert chat.last().text.startswith("What you can do")
    assert await remembered(city, "5001") == (None, "en")


async def test_chinese_words_to_an_english_client_get_chinese(
    dialogs: Dialogs, city: City
) -> None:
    chat = enterprise(dialogs, city, language_code="en")
    await chat.command("help")
    assert chat.last().text.startswith("What you can do")
    await chat.say("变电站还没有送电")
    assert chat.last().text.startswith("要将这段文字作为新问题反映吗")


async def test_an_explicit_choice_wins_over_the_words(dialogs: Dialogs, city: City) -> None:
    chat = enterprise(dialogs, city)
    await chat.command("lang")
    await chat.press("中文")
    await chat.say("Our factory still has no power connection")
    assert chat.last().text.startswith("要将这段文字作为新问题反映吗")
    assert await remembered(city, "5001") == ("zh", "en")


async def test_codes_digits_and_names_asked_for_say_nothing(dialogs: Dialogs, city: City) -> None:
    chat = enterprise(dialogs, city, language_code="en")
    await chat.say("ZB-2026-000001")
    await chat.say("13800000000 👍")
    assert await remembered(city, "5001") == (None, None)
    newcomer = Chat(dialogs, "9001", "Anna", city.now, language_code="en")
    await newcomer.command("start")
    await newcomer.say("滨州新材料科技有限公司")  # the enterprise's Chinese name, typed by Anna
    assert newcomer.last().text.startswith("What is its unified social credit code")


async def test_a_word_or_two_say_nothing(dialogs: Dialogs, city: City) -> None:
    chat = enterprise(dialogs, city)
    for nothing in ("OK", "no", "thanks", "asdkjh", "好的"):
        await chat.say(nothing)
    assert await remembered(city, "5001") == (None, None)
    await chat.say("thank you very much")
    assert await remembered(city, "5001") == (None, "en")

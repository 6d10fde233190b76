"""/start with an invite made for one official: it links this chat to them (§14)."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.people import OPERATOR
from bot.services import sessions
from bot.services.invites import invite_person
from tests.dialogs.chat import Chat
from tests.services.city import City


async def code_for(city: City, person_id: int) -> str:
    """A fresh invite for the person, as `zhibao invite create --person` makes one."""
    return (await invite_person(city.new_uow(), city.ctx, OPERATOR, person_id, city.now)).code


async def test_the_lead_opens_their_invite_and_is_welcomed_by_their_name(
    dialogs: Dialogs, city: City
) -> None:
    code = await code_for(city, city.lead)
    chat = Chat(dialogs, "9200", "Sun on Telegram", city.now, language_code="en")
    await chat.command("start", code)
    assert chat.last().text == (
        "Welcome, 孙组长: you have joined the task force High-end aluminium as task-force lead."
    )
    me = await sessions.identify(city.new_uow(), "telegram", "9200")
    assert me is not None and me.id == city.lead
    await chat.command("start")
    assert chat.last().text.startswith("Welcome back, 孙组长")


async def test_someone_elses_chat_is_refused_and_the_invite_stays_usable(
    dialogs: Dialogs, city: City
) -> None:
    code = await code_for(city, city.lead)
    member = Chat(dialogs, "5001", "王经理", city.now)
    await member.command("start", code)
    assert member.last().text == (
        "此账号已属于王经理，而该邀请是给孙组长的，未作任何更改。请孙组长用自己的账号打开邀请。"
    )
    lead = Chat(dialogs, "9200", "孙", city.now)
    await lead.command("start", code)
    assert lead.last().text.startswith("孙组长，您已加入")


async def test_a_second_invite_after_joining_is_refused(dialogs: Dialogs, city: City) -> None:
    first, second = await code_for(city, city.leader), await code_for(city, city.leader)
    await Chat(dialogs, "9201", "李", city.now).command("start", first)
    other = Chat(dialogs, "9202", "李的新号", city.now, language_code="en")
    await other.command("start", second)
    assert other.last().text == (
        "李副市长 has joined already, so this invite cannot be used. If you are 李副市长 on a "
        "new account, ask the administrator for help."
    )
    assert await sessions.identify(city.new_uow(), "telegram", "9202") is None

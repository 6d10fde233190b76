"""Every command of every role answers in Telegram, and only where it belongs."""

from __future__ import annotations

from bot.domain.people import ChannelIdentity
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, last_text
from tests.telegram.test_officer_flow import LEADER, OFFICER, filed, officials

ADMIN = 8901


async def command(loop: Loop, user: int, text: str, chat: int | None = None) -> str:
    """Send a command and return the bot's newest answer in that chat."""
    loop.sandbox.send_text(user, text, chat_id=chat)
    await loop.turn()
    return last_text(loop, chat or user)


async def test_officers_see_their_lists(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    assert (await command(loop, OFFICER, "/inbox")) == "您目前没有待办的问题，也没有待审批的申请。"
    team = await command(loop, OFFICER, "/team")
    assert team.startswith("本专班办理中的问题（1 个）")
    assert (await command(loop, OFFICER, "/overdue")) == "目前没有超期问题。"
    assert code


async def test_leaders_get_the_overview_and_members_do_not(loop: Loop) -> None:
    await officials(loop)
    await filed(loop)
    overview = await command(loop, LEADER, "/overview")
    assert "高端铝业：办理中 1，超期 0" in overview
    assert await command(loop, MEMBER, "/overview") == "此操作仅限政府工作人员。"


async def test_settings_language_and_help_answer_everyone(loop: Loop) -> None:
    await officials(loop)
    for user in (MEMBER, OFFICER, LEADER):
        assert (await command(loop, user, "/settings")) != ""
        assert (await command(loop, user, "/lang")) == "请选择语言："
        assert "/lang" in await command(loop, user, "/help")


async def test_the_admin_invites_in_chat(loop: Loop) -> None:
    await officials(loop)
    async with loop.city.new_uow() as uow:
        await uow.people.add_identity(loop.city.admin, ChannelIdentity("telegram", str(ADMIN)))
        await uow.commit()
    loop.sandbox.create_user(user_id=ADMIN, first_name="管理员", language_code="zh-hans")
    assert (await command(loop, ADMIN, "/invite")) == "请选择被邀请人的身份："


async def test_private_commands_in_the_group_are_answered_in_private_or_refused(
    loop: Loop,
) -> None:
    await officials(loop)
    loop.sandbox.send_text(OFFICER, "/start", chat_id=int(ALU_GROUP))
    await loop.turn()
    assert last_text(loop, int(ALU_GROUP)) == "请在与机器人的私聊中进行此操作。"


async def test_a_group_the_bot_joins_is_told_its_id(loop: Loop) -> None:
    loop.sandbox.create_user(user_id=OFFICER, first_name="赵专员", language_code="zh-hans")
    loop.sandbox.create_group("新专班", members=[OFFICER], group_id=-1005555)
    loop.sandbox.add_bot_to_group(-1005555, by=OFFICER)
    await loop.turn()
    assert "-1005555" in last_text(loop, -1005555)

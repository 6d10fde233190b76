"""General commands, menus and Cancel through python-telegram-bot and the sandbox: an old
Cancel leaves the dialog now open alone, menus close, /help fits the role, invites link."""

from __future__ import annotations

from bot.domain.model import IssueState
from bot.domain.people import ChannelIdentity
from bot.services.queries import show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_commands import ADMIN, command
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, last_text, press
from tests.telegram.test_officer_flow import GROUP, LEADER, OFFICER, filed, officials
from tests.telegram.test_paths import LEAD, STALE, more_officials
from tests.telegram.test_views import labels, newest

NEWCOMER = 8700


async def with_admin(loop: Loop) -> None:
    """The city's admin with a Telegram account."""
    async with loop.city.new_uow() as uow:
        await uow.people.add_identity(loop.city.admin, ChannelIdentity("telegram", str(ADMIN)))
        await uow.commit()
    loop.sandbox.create_user(user_id=ADMIN, first_name="管理员", language_code="zh-hans")


async def test_an_old_cancel_does_not_cancel_the_request_now_drafted(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    await press(loop, OFFICER, "答复企业", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, "第一段答复草稿")
    await loop.turn()
    old = bot_messages(loop, OFFICER)[-1]
    assert labels(old) == ["发送", "取消"]
    await press(loop, OFFICER, "请求补充", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, "请提供变电站图纸")
    await loop.turn()
    query = loop.sandbox.press_button(
        OFFICER, old.message_id, data=button(old, "取消"), user_id=OFFICER
    )
    await loop.turn()
    answer = loop.sandbox.get_callback_answer(query)
    assert answer is not None and answer.get("text") == STALE
    preview = last_text(loop, OFFICER)
    assert preview.startswith("将请企业补充的材料") and "请提供变电站图纸" in preview
    assert newest(loop, OFFICER, old.message_id).text == old.text, "the old preview stays"
    await press(loop, OFFICER, "发送", user_id=OFFICER)
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert view.issue.state is IssueState.WAITING_ENTERPRISE
    assert "请提供变电站图纸" in last_text(loop, MEMBER)


async def test_help_lists_what_the_role_may_use(loop: Loop) -> None:
    await officials(loop)
    officer = (await command(loop, OFFICER, "/help")).splitlines()
    assert "/inbox 我的待办和待审批的申请" in officer and "/team 本专班办理中的问题" in officer
    assert not [line for line in officer if line.startswith(("/overview", "/invite", "/new"))]
    leader = await command(loop, LEADER, "/help")
    assert "/overview" in leader and "/invite" not in leader and "/inbox" in leader
    # A leader has no task force's group: work reaches them in private only.
    assert leader.endswith("需要您处理的事项会私信推送给您。") and "工作群" not in leader
    assert officer[-1] == "待办事项会通过工作群和私信推送给您。"
    member = await command(loop, MEMBER, "/help")
    assert member.startswith("可用功能：\n/new 反映新问题") and "/overdue" not in member


async def test_the_settings_menu_closes(loop: Loop) -> None:
    await officials(loop)
    await command(loop, OFFICER, "/settings")
    menu = bot_messages(loop, OFFICER)[-1]
    assert labels(menu)[-1] == "关闭"
    await press(loop, OFFICER, "关闭", user_id=OFFICER)
    closed = newest(loop, OFFICER, menu.message_id)
    assert closed.text == "已关闭。" and labels(closed) == []


async def test_an_invite_links_to_the_bot_and_joining_names_the_task_force(loop: Loop) -> None:
    await officials(loop)
    await with_admin(loop)
    assert (await command(loop, ADMIN, "/invite")) == "请选择被邀请人的身份："
    await press(loop, ADMIN, "专班成员", user_id=ADMIN)
    await press(loop, ADMIN, "高端铝业", user_id=ADMIN)
    text = last_text(loop, ADMIN)
    assert text.startswith("邀请已生成（专班成员，高端铝业）")
    code = next(line for line in text.splitlines() if line.startswith("/start ")).split()[1]
    assert f"https://t.me/{loop.bot.username}?start={code}" in text.splitlines()
    loop.sandbox.create_user(user_id=NEWCOMER, first_name="冯专员", language_code="zh-hans")
    joined = await command(loop, NEWCOMER, f"/start {code}")
    assert joined == "冯专员，您已加入高端铝业专班，身份：专班成员。"


async def test_a_lead_of_one_task_force_invites_in_one_tap(loop: Loop) -> None:
    await officials(loop)
    await more_officials(loop)
    invite = await command(loop, LEAD, "/invite")
    assert invite.startswith("邀请已生成（专班成员，高端铝业）")
    assert f"https://t.me/{loop.bot.username}?start=" in invite

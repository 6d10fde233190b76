"""/invite in chat (admins, leads, enterprise admins) and /settings for notifications."""

from __future__ import annotations

from datetime import time

from bot.dialogs.engine import Dialogs
from bot.domain.people import Role
from bot.services import sessions
from tests.dialogs.chat import Chat
from tests.dialogs.officials import with_accounts
from tests.services.city import City


def invite_code(chat: Chat) -> str:
    """The code in the bot's newest answer ("/start <code>")."""
    for line in chat.last().text.splitlines():
        if line.startswith("/start "):
            return line.removeprefix("/start ")
    raise AssertionError(chat.last().text)


async def test_the_admin_invites_an_officer_who_joins(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    admin = officials.private("admin")
    await admin.command("invite")
    labels = [b.label for row in admin.last().buttons for b in row]
    assert labels == ["专班成员", "专班负责人", "分管领导", "主要领导", "办公室值班", "关闭"]
    await admin.press("专班成员")
    assert admin.last().text == "请选择专班成员所在的专班："
    await admin.press("高端铝业")
    assert admin.last().text.startswith("邀请已生成（专班成员，高端铝业）")
    assert admin.taps == 3
    newcomer = Chat(dialogs, "7500", "冯专员", city.now)
    await newcomer.command("start", invite_code(admin))
    assert newcomer.last().text == "冯专员，您已加入高端铝业专班，身份：专班成员。"
    person = await sessions.identify(city.new_uow(), "telegram", "7500")
    assert person is not None and person.id is not None
    actor = await sessions.actor_of(city.new_uow(), person.id)
    alu = next(t for t in await sessions.task_forces(city.new_uow()) if t.code == "alu")
    assert actor is not None and actor.member_of == {alu.id}


async def test_leaders_and_principals_need_no_task_force(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    admin = officials.private("admin")
    await admin.command("invite")
    await admin.press("主要领导")
    assert admin.last().text.startswith("邀请已生成（主要领导）")
    await admin.command("invite")
    await admin.press("分管领导")
    await admin.press("暂不指定专班")
    leader_code = invite_code(admin)
    newcomer = Chat(dialogs, "8500", "郑副市长", city.now)
    await newcomer.command("start", leader_code)
    person = await sessions.identify(city.new_uow(), "telegram", "8500")
    assert person is not None and person.roles == {Role.LEADER}


async def test_a_lead_invites_officers_to_their_own_task_force(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    lead = officials.private("lead")
    await lead.command("invite")
    # One role and one task force: no menu of one button to tap.
    assert lead.last().text.startswith("邀请已生成（专班成员，高端铝业）") and lead.taps == 1
    energy = next(t.id for t in await sessions.task_forces(city.new_uow()) if t.code == "energy")
    forged = await lead.press_payload(f"v:officer:{energy}")
    assert (forged.toast, forged.alert) == ("您无权发出此类邀请。", True)


async def test_an_enterprise_admin_invites_a_colleague(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    member = officials.member()
    await member.command("invite")
    assert member.last().text.startswith("邀请已生成（企业用户）") and member.taps == 1
    colleague = Chat(dialogs, "5002", "王助理", city.now)
    await colleague.command("start", invite_code(member))
    assert colleague.last().text.startswith("王助理，您已加入企业“滨州宏达铝业有限公司”")
    person = await sessions.identify(city.new_uow(), "telegram", "5002")
    assert person is not None and person.enterprise_id == city.enterprise


async def test_invites_are_refused_politely(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    officer = officials.private("officer")
    await officer.command("invite")
    assert officer.last().text == "您无权发出此类邀请。"
    assert (await officer.press_payload("v:principal")).toast == "您无权发出此类邀请。"
    in_group = officials.in_group("admin")
    await in_group.command("invite")
    assert in_group.last().text == "请在与机器人的私聊中进行此操作。"
    admin = officials.private("admin")
    assert (await admin.press_payload("v:emperor")).toast == "这个按钮已失效，请重新操作。"
    stranger = Chat(dialogs, "9999", "路人", city.now)
    await stranger.command("invite")
    assert stranger.last().text == "您无权发出此类邀请。"


async def test_settings_change_quiet_hours_and_mute(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    chat = officials.private("officer")
    await chat.command("settings")
    assert chat.last().text.splitlines()[1:] == ["免打扰时段：默认（22:00–07:30）", "静音：未静音"]
    answer = await chat.press("21:00–08:00")
    assert answer.toast == "已保存" and "免打扰时段：21:00–08:00" in chat.last().text
    await chat.press("静音1周")
    assert "静音：至 11月30日 10:00" in chat.last().text
    person = await sessions.identify(city.new_uow(), "telegram", "7001")
    assert person is not None
    assert (person.quiet_start, person.quiet_end) == (time(21), time(8))
    assert person.muted_until is not None
    await chat.press("不设免打扰")
    await chat.press("取消静音")
    assert chat.last().text.splitlines()[1:] == ["免打扰时段：不设免打扰", "静音：未静音"]
    assert (await chat.press_payload("s:q:9")).toast == "这个按钮已失效，请重新操作。"
    group = officials.in_group("officer")
    await group.command("settings")
    assert group.last().text == "请在与机器人的私聊中进行此操作。"

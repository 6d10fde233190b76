"""General commands, menus and Cancel: a Cancel leaves only the dialog that drew it, every menu
can be closed, /help lists what the person's roles may use, and joining says where."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer
from bot.dialogs.payloads import Cancel, decode
from bot.dialogs.turn import DialogDeps, stamp_of
from bot.domain.access import DialogState
from bot.domain.model import IssueState
from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.i18n.catalog import default_catalog
from bot.services import sessions, turns
from bot.services.directory import NewOfficial, add_official
from bot.services.invites import create_invite
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import with_accounts
from tests.dialogs.test_officer_card import signed
from tests.services.city import City

STALE = "这个按钮已失效，请重新操作。"


async def state_of(city: City, user: str) -> DialogState | None:
    """The dialog open in the person's private chat."""
    _, state = await turns.open_turn(city.new_uow(), "telegram", user, user)
    return state


def cancels(answer: Answer) -> list[Cancel]:
    """The Cancel and Close buttons of an answer, decoded."""
    found = [decode(b.payload) for r in answer.replies for row in r.buttons for b in row]
    return [payload for payload in found if isinstance(payload, Cancel)]


async def test_an_old_cancel_leaves_the_dialog_now_open_alone(
    dialogs: Dialogs, city: City
) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("答复企业")
    old = await private.say("第一段答复草稿")
    (send,), (cancel,) = old.replies[-1].buttons
    old_send, old_cancel = send.payload, cancel.payload
    await private.press("请求补充")
    await private.say("请提供变电站图纸")
    asking = await state_of(city, "7001")
    assert asking is not None and asking.name == "draft.a"
    pressed = await private.press_payload(old_cancel)
    assert (pressed.toast, pressed.alert, pressed.replies) == (STALE, True, ())
    assert await state_of(city, "7001") == asking, "the question's draft is kept"
    pressed = await private.press_payload(old_send)
    assert pressed.toast == STALE, "the reply draft's Send does not send the question"
    assert (await show_issue(city.new_uow(), OPERATOR, code)).issue.state is not (
        IssueState.WAITING_ENTERPRISE
    )
    await private.press("发送")
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.WAITING_ENTERPRISE
    assert view.events[-1].text == "请提供变电站图纸"


async def test_a_cancel_leaves_its_own_dialog_and_then_is_spent(
    dialogs: Dialogs, city: City
) -> None:
    _, private, _ = await signed(dialogs, city)
    await private.press("答复企业")
    await private.say("草稿")
    answer = await private.press("取消")
    assert answer.replies[0].text == "已取消。" and answer.replies[0].edit_message_id == "1"
    assert await state_of(city, "7001") is None
    again = await private.press_payload(private.find_button("取消").payload)
    assert again.toast == STALE and again.replies == ()


async def test_typed_cancel_leaves_whatever_dialog_is_open(dialogs: Dialogs, city: City) -> None:
    _, private, _ = await signed(dialogs, city)
    await private.press("请求补充")
    await private.command("cancel")
    assert private.last().text == "已取消。" and await state_of(city, "7001") is None
    await private.command("cancel")
    assert private.last().text == "当前没有进行中的操作。"


async def test_every_prompt_carries_the_cancel_of_its_own_dialog(
    dialogs: Dialogs, city: City
) -> None:
    _, private, _ = await signed(dialogs, city)
    stamps = []
    for step in ("答复企业", "第一段", "请求补充", "请提供图纸", "申请延期", "进展备注"):
        if step in ("第一段", "请提供图纸"):
            answer = await private.say(step)
        else:
            answer = await private.press(step)
        state = await state_of(city, "7001")
        assert state is not None and stamp_of(state) is not None
        assert [c.stamp for c in cancels(answer)] == [stamp_of(state)], step
        stamps.append(stamp_of(state))
    # A reply's two prompts are one dialog; each action after it is a new one.
    assert stamps[0] == stamps[1] and stamps[2] == stamps[3]
    assert len({stamps[0], stamps[2], stamps[4], stamps[5]}) == 4


async def test_the_date_prompt_cancels_the_extension_after_a_day_was_chosen(
    dialogs: Dialogs, city: City
) -> None:
    _, private, _ = await signed(dialogs, city)
    dates = await private.press("申请延期")
    (date_cancel,) = cancels(dates)
    day = dates.replies[-1].buttons[0][0]
    await private.press(day.label)
    reason = await state_of(city, "7001")
    assert reason is not None and reason.name == "text.et"
    answer = await private.press_payload(date_cancel.encode())
    assert answer.replies[0].text == "已取消。" and await state_of(city, "7001") is None


async def test_registration_prompts_carry_their_cancel(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "6100", "林芳", city.now)
    answers = [await chat.command("start"), await chat.say("滨州新材料科技有限公司")]
    state = await state_of(city, "6100")
    assert state is not None
    assert [c.stamp for a in answers for c in cancels(a)] == [stamp_of(state)] * 2


class Beside(Chat):
    """A chat where a menu is used beside an open dialog: the menu's last word ("Closed")
    has no Cancel, but the dialog's own prompt above keeps its way out."""

    async def _no_trap(self, answer: Answer) -> None:
        return None


async def test_menus_close_without_touching_an_open_dialog(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    member = Beside(dialogs, "5001", "王经理", city.now)
    await member.command("new")
    filing = await state_of(city, "5001")
    assert filing is not None
    for command in ("settings", "lang"):
        answer = await member.command(command)
        assert [c.stamp for c in cancels(answer)] == [0]
        closed = await member.press("关闭")
        assert closed.replies[0].text == "已关闭。" and closed.replies[0].buttons == ()
        assert closed.replies[0].edit_message_id == "1"
        assert await state_of(city, "5001") == filing
    admin = officials.private("admin")
    await admin.command("invite")
    await admin.press("专班成员")
    assert admin.last().text == "请选择专班成员所在的专班："
    assert admin.last().buttons[-1][0].label == "关闭"
    assert (await admin.press("关闭")).replies[0].text == "已关闭。"


async def test_the_work_group_offer_can_be_closed_by_officials(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    admin = Chat(dialogs, "9001", "管理员", city.now, chat_id="-1007777", kind="group")
    offer = await admin._send(bot_added=True)
    assert [b.label for b in offer.replies[0].buttons[-1]] == ["关闭"]
    stranger = Chat(dialogs, "9999", "路人", city.now, chat_id="-1007777", kind="group")
    stranger.answers.append(offer)
    refused = await stranger.press("关闭")
    assert refused.toast == "此操作仅限政府工作人员。" and refused.replies == ()
    assert (await admin.press("关闭")).replies[0].text == "已关闭。"
    assert officials


async def test_a_lead_of_one_task_force_gets_the_invite_at_once(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    lead = officials.private("lead")
    await lead.command("invite")
    assert lead.last().text.startswith("邀请已生成（专班成员，高端铝业）") and lead.taps == 1
    # A lead of two task forces chooses one.
    async with city.new_uow() as uow:
        energy = next(t for t in await uow.task_forces.all() if t.code == "energy")
        energy.lead_id = city.lead
        await uow.task_forces.save(energy)
        await uow.commit()
    await lead.command("invite")
    labels = [b.label for row in lead.last().buttons for b in row]
    assert lead.last().text == "请选择专班成员所在的专班：" and labels[-1] == "关闭"
    assert {"高端铝业", "新能源新材料"} <= set(labels)


HELP = {
    "member": ["/new", "/my", "/invite", "/settings", "/lang", "/cancel"],
    "officer": ["/inbox", "/team", "/overdue", "/settings", "/lang", "/cancel"],
    "lead": ["/inbox", "/team", "/overdue", "/invite", "/settings", "/lang", "/cancel"],
    "leader": ["/inbox", "/team", "/overdue", "/overview", "/settings", "/lang", "/cancel"],
    "principal": ["/inbox", "/overdue", "/overview", "/settings", "/lang", "/cancel"],
    "party_office": ["/inbox", "/overdue", "/overview", "/settings", "/lang", "/cancel"],
    "admin": ["/overdue", "/overview", "/invite", "/settings", "/lang", "/cancel"],
}
# What a command answers someone it is not for.
REFUSALS = ("只有市领导和办公室", "您无权发出此类邀请", "您不属于任何专班", "仅限政府工作人员")


async def test_help_lists_exactly_what_each_role_may_use(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    for who, expected in HELP.items():
        chat = officials.member() if who == "member" else officials.private(who)
        await chat.command("help")
        listed = [line.split()[0] for line in chat.last().text.splitlines() if line[0] == "/"]
        assert listed == expected, who
        for command in ("inbox", "team", "overdue", "overview", "invite"):
            await chat.command(command)
            refused = any(words in chat.last().text for words in REFUSALS)
            assert not (refused and f"/{command}" in listed), (who, command)


async def test_help_adds_up_the_roles_a_person_holds(dialogs: Dialogs, city: City) -> None:
    both = await add_official(
        city.new_uow(), OPERATOR, NewOfficial("吴主任", frozenset({Role.OFFICE, Role.ADMIN}))
    )
    assert both.id is not None
    async with city.new_uow() as uow:
        await uow.people.add_identity(both.id, ChannelIdentity("telegram", "9300"))
        await uow.commit()
    chat = Chat(dialogs, "9300", "吴主任", city.now)
    await chat.command("help")
    listed = [line.split()[0] for line in chat.last().text.splitlines() if line[0] == "/"]
    assert listed == [
        "/inbox",
        "/overdue",
        "/overview",
        "/invite",
        "/settings",
        "/lang",
        "/cancel",
    ]
    newcomer = Chat(dialogs, "9301", "路人", city.now)
    await newcomer.command("help")
    assert newcomer.last().text.startswith("您好！这里是企业直报通道")


async def test_joining_says_which_task_force_or_enterprise(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    issued = await create_invite(city.new_uow(), city.ctx, OPERATOR, Role.OFFICER, city.now, "alu")
    officer = Chat(dialogs, "7600", "冯专员", city.now)
    await officer.command("start", issued.code)
    assert officer.last().text == "冯专员，您已加入高端铝业专班，身份：专班成员。"
    member = officials.member()
    await member.command("invite")
    code = member.last().text.split("/start ")[1].split()[0]
    colleague = Chat(dialogs, "5003", "Mike", city.now, language_code="en")
    await colleague.command("start", code)
    assert colleague.last().text == (
        "Welcome, Mike: you have joined the enterprise 滨州宏达铝业有限公司; "
        "send /new to report an issue."
    )
    person = await sessions.identify(city.new_uow(), "telegram", "5003")
    assert person is not None and person.enterprise_id == city.enterprise


async def test_the_invite_gives_the_link_when_the_bot_is_known(city: City) -> None:
    known = Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog(), telegram_bot="zb_bot"))
    officials = await with_accounts(known, city)
    member = officials.member()
    await member.command("invite")
    text = member.last().text
    code = text.split("/start ")[1].split()[0]
    assert f"https://t.me/zb_bot?start={code}" in text.splitlines()
    unknown = Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog()))
    plain = Chat(unknown, "5001", "王经理", city.now)
    await plain.command("invite")
    assert "https://" not in plain.last().text and "/start " in plain.last().text

"""What those who decide a request see (a review's findings): the request in /inbox of the
lead, the leader and the office standing in, a card that names what is asked and why, the
approver named for every extension, and the group post that keeps who signed."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts
from bot.dialogs.cards import render_group_post
from bot.dialogs.engine import Dialogs
from bot.domain.model import IssueState
from bot.domain.people import OPERATOR
from bot.i18n.catalog import default_catalog
from bot.services import follow_up, teamwork
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import Officials, claimed, with_accounts
from tests.services.city import City


def labels(chat: Chat) -> list[str]:
    """The labels of the newest reply's buttons."""
    return [b.label for row in chat.last().buttons for b in row]


async def at_energy(officials: Officials) -> str:
    """An issue 吴专员 signed for in energy, a task force with neither lead nor leader."""
    city = officials.city
    code = (await city.file()).issue.code
    await teamwork.transfer(city.new_uow(), city.ctx, city.lead, code, "energy", "光伏", city.now)
    await teamwork.claim(city.new_uow(), city.ctx, city.energy_officer, code, city.now)
    return code


async def ask_extension(chat: Chat, code: str, reason: str) -> str:
    """The officer asks for the first day offered; the confirmation they read."""
    await chat.press_payload(f"i:e:{code}")
    await chat.press(labels(chat)[0])
    await chat.say(reason)
    return chat.last().text


async def test_the_office_decides_both_extensions_of_a_task_force_without_lead_or_leader(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await at_energy(officials)
    wu = officials.private("energy_officer")
    first = await ask_extension(wu, code, "等待电网改造")
    assert first.endswith("等待市委、市政府办公室（本专班暂无负责人）审批。")
    await follow_up.decide_request(
        city.new_uow(), city.ctx, city.party_office, code, True, city.now
    )
    second = await ask_extension(wu, code, "设备延期到货")
    assert second.endswith("等待市委、市政府办公室（本专班暂无分管市领导）审批。"), second
    office = officials.private("party_office")
    await office.command("inbox")
    assert f"{code} · 待您审批：延期申请" in labels(office)
    await office.press(f"{code} · 待您审批：延期申请")
    card = office.last().text
    assert "待审批：延期申请（吴专员 申请）" in card and "理由：设备延期到货" in card
    assert "申请延期至：2026年" in card
    await office.press("批准")
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.pending is None and view.issue.extensions_granted == 2


async def test_the_lead_reads_the_transfer_asked_for_on_the_card(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    reason = "属于光伏并网问题"
    await teamwork.transfer(
        city.new_uow(), city.ctx, city.officer, code, "energy", reason, city.now
    )
    lead = officials.private("lead")
    await lead.command("inbox")
    assert labels(lead)[0] == f"{code} · 待您审批：转派申请"
    await lead.press(f"{code} · 待您审批：转派申请")
    card = lead.last().text
    assert "待审批：转派申请（赵专员 申请）\n转派至：新能源新材料\n理由：属于光伏并网问题" in card
    assert {"批准", "不批准"} <= set(labels(lead))
    officer = officials.private("officer2")
    await officer.command("inbox")
    assert officer.last().text == "您目前没有待办的问题，也没有待审批的申请。", (
        "only who decides is asked"
    )


async def test_the_card_names_the_extension_asked_for_in_english(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    await follow_up.request_extension(
        city.new_uow(), city.ctx, city.officer, code, city.later(days=28).date(), "grid", city.now
    )
    lead = Chat(dialogs, "7003", "孙组长", city.now, language_code="en")
    await lead.command("lang")
    await lead.press("English")
    await lead.command("inbox")
    assert labels(lead)[0] == f"{code} · for you to decide: extension"
    await lead.press(labels(lead)[0])
    card = lead.last().text
    assert "Waiting for approval: extension (asked by 赵专员)" in card
    assert "Asked for: " in card and "Reason: grid" in card


async def test_the_leader_finds_a_second_extension_in_the_inbox(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    chat = officials.private("officer")
    first = await ask_extension(chat, code, "等待电网改造")
    assert first.endswith("等待专班负责人审批。")
    await follow_up.decide_request(city.new_uow(), city.ctx, city.lead, code, True, city.now)
    second = await ask_extension(chat, code, "设备延期到货")
    assert second.endswith("等待分管市领导审批。")
    lead, leader = officials.private("lead"), officials.private("leader")
    await lead.command("inbox")
    assert lead.last().text == "您目前没有待办的问题，也没有待审批的申请。", (
        "the leader decides a second one"
    )
    await leader.command("inbox")
    assert labels(leader) == [f"{code} · 待您审批：延期申请"]


async def test_the_group_post_keeps_who_signed_after_the_answer(city: City) -> None:
    code = (await city.file()).issue.code
    await teamwork.claim(city.new_uow(), city.ctx, city.officer2, code, city.now)
    words = Texts(default_catalog(), "zh", city.ctx.calendar)

    async def post() -> str:
        view = await show_issue(city.new_uow(), OPERATOR, code)
        return render_group_post(words, view, view.issue.task_force_id, city.now)[0]

    assert (await post()).endswith("已由 钱专员 签收")
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer2, code, "已送电", city.now)
    assert (await post()).endswith("已由 钱专员 签收\n当前状态：已答复")
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.CLOSED
    assert (await post()).endswith("已由 钱专员 签收\n当前状态：已办结")


async def test_a_transfer_asked_in_a_task_force_without_lead_names_the_office(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await at_energy(officials)
    await teamwork.note(city.new_uow(), city.ctx, city.energy_officer, code, "已联系", city.now)
    wu = officials.private("energy_officer")
    await wu.press_payload(f"i:t:{code}")
    await wu.press("高端化工")
    await wu.say("属于化工园区")
    # Nobody could sign for it there: refused, nothing asked.
    assert wu.last().text.startswith("高端化工专班还没有成员，无人能签收。")
    assert (await show_issue(city.new_uow(), OPERATOR, code)).issue.pending is None
    await wu.command("cancel")
    await wu.press_payload(f"i:t:{code}")
    await wu.press("高端铝业")
    await wu.say("属于铝业园区")
    assert (
        wu.last().text
        == f"已提交转派申请（{code}），等待市委、市政府办公室（本专班暂无负责人）审批。"
    )
    office = officials.private("party_office")
    await office.command("inbox")
    assert f"{code} · 待您审批：转派申请" in labels(office)

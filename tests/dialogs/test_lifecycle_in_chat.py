"""Actions that had no caller in chat, and what officials' lists and details show (issue 12).

Assign (the lead names who signs), co-handling (协办), reopening by the office, /team after a
transfer, details whose timeline is cut, and the welcome of a group the bot is added to.
"""

from __future__ import annotations

from dataclasses import replace

from bot.dialogs.engine import Dialogs
from bot.domain.model import IssueState
from bot.domain.people import OPERATOR
from bot.services import follow_up, sessions, teamwork
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import ACCOUNTS, claimed, with_accounts
from tests.services.city import ALU_GROUP, City


def labels(chat: Chat) -> list[str]:
    """The labels of the newest reply's buttons."""
    return [b.label for row in chat.last().buttons for b in row]


async def test_the_lead_names_who_signs(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    lead = officials.private("lead")
    await lead.press_payload(f"i:v:{code}")
    assert "指派签收人" in labels(lead)
    await lead.press("指派签收人")
    assert lead.last().text == f"请选择签收人（{code}）："
    assert labels(lead) == ["孙组长", "赵专员", "钱专员", "关闭"]
    await lead.press("钱专员")
    assert lead.last().text == f"已指定 钱专员 签收 {code}。"
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert (view.issue.state, view.issue.assignee_id) == (IssueState.ASSIGNED, city.officer2)
    # Only the named officer (or the lead) may now claim it.
    zhao = officials.private("officer")
    assert (await zhao.press_payload(f"i:c:{code}")).toast == "该问题已指定由其他同事办理。"
    qian = officials.private("officer2")
    await qian.press_payload(f"i:c:{code}")
    assert qian.last().text.startswith(f"{code} · 已签收")


async def test_a_lead_asks_another_task_force_to_help(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    lead = officials.private("lead")
    await lead.press_payload(f"i:v:{code}")
    await lead.press("协办")
    assert lead.last().text == f"请选择协办专班（{code}）："
    assert "高端铝业" not in labels(lead)
    await lead.press("新能源新材料")
    assert lead.last().text == f"已请新能源新材料协办 {code}。"
    helper = officials.private("energy_officer")
    await helper.press_payload(f"i:v:{code}")
    assert "协办专班：新能源新材料" in helper.last().text
    assert labels(helper) == ["进展备注", "详情"]
    await helper.press("进展备注")
    await helper.say("光伏并网方案已出")
    assert helper.last().text == f"已记录办理进展（{code}）。"
    await lead.press_payload(f"i:h:{code}")
    assert "新能源新材料" not in labels(lead), "a helper is asked once"


async def test_the_office_reopens_a_closed_issue(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    office = officials.private("party_office")
    await office.press_payload(f"i:v:{code}")
    assert labels(office) == ["重新办理", "详情"]
    await office.press("重新办理")
    await office.say("企业来电反映再次停电")
    assert office.last().text == f"{code} 已重新办理。"
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.IN_PROGRESS


async def test_team_stops_listing_what_was_transferred_away(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    await teamwork.transfer(city.new_uow(), city.ctx, city.lead, code, "energy", "光伏", city.now)
    chat = officials.private("officer")
    await chat.command("team")
    assert chat.last().text == "本专班目前没有办理中的问题。"
    energy = officials.private("energy_officer")
    await energy.command("team")
    assert code in labels(energy)[0]


async def test_details_say_when_the_timeline_is_cut(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    for n in range(12):
        await teamwork.note(city.new_uow(), city.ctx, city.officer, code, f"进展{n}", city.now)
    chat = officials.private("officer")
    await chat.press_payload(f"i:d:{code}")
    text = chat.last().text
    assert "（仅显示最近 10 条，共 15 条）" in text
    assert "办理进展（赵专员）：进展11" in text and "进展1\n" not in text


async def test_a_group_the_bot_joins_is_linked_in_chat(dialogs: Dialogs, city: City) -> None:
    await with_accounts(dialogs, city)
    user, name = ACCOUNTS["lead"]
    # The lead of energy (a task force without a group) adds the bot to a new group.
    energy = next(t for t in await sessions.task_forces(city.new_uow()) if t.code == "energy")
    async with city.new_uow() as uow:
        energy.lead_id = city.lead
        await uow.task_forces.save(replace(energy))
        await uow.commit()
    group = Chat(dialogs, user, name, city.now, chat_id="-1005555", kind="group")
    answer = await group._send(bot_added=True)
    assert answer.replies[0].text == "您好，我是企业直报机器人。请选择本群是哪个专班的工作群："
    assert labels(group) == ["设为新能源新材料工作群", "关闭"]
    await group.press("设为新能源新材料工作群")
    assert (
        group.last().text
        == "本群已设为新能源新材料专班的工作群（孙组长 设置），新问题会发到这里。"
    )
    teams = {t.code: t for t in await sessions.task_forces(city.new_uow())}
    assert teams["energy"].group_on("telegram") == "-1005555"
    # Added again (or to the alu group, linked already): it says whose group it is.
    again = await group._send(bot_added=True)
    assert again.replies[0].text.startswith("您好，本群是新能源新材料专班的工作群")
    alu = Chat(dialogs, user, name, city.now, chat_id=ALU_GROUP, kind="group")
    answer = await alu._send(bot_added=True)
    assert "zhibao.toml" not in answer.replies[0].text
    # An officer who may link nothing is told how an administrator links it.
    officer_user, officer_name = ACCOUNTS["officer"]
    other = Chat(dialogs, officer_user, officer_name, city.now, chat_id="-1006666", kind="group")
    answer = await other._send(bot_added=True)
    assert "zhibao taskforce group" in answer.replies[0].text
    assert (await other.press_payload(f"l:{teams['chem'].id}")).toast
    after = {t.code: t for t in await sessions.task_forces(city.new_uow())}
    assert after["chem"].group_on("telegram") is None

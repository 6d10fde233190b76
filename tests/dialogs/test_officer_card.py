"""The officer's private card: reply, ask, note, resolve in three steps, extend and transfer."""

from __future__ import annotations

from bot.dialogs.cards import render_request
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Reply
from bot.domain.model import ClockName, IssueState
from bot.domain.people import OPERATOR
from bot.i18n.catalog import default_catalog
from bot.services import teamwork, turns
from bot.services.queries import IssueView, show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import Officials, hand_over, post_to_group, with_accounts
from tests.services.city import City


async def signed(dialogs: Dialogs, city: City) -> tuple[Officials, Chat, str]:
    """赵专员 claims a new issue from the group post; the card waits in the private chat."""
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    group = officials.in_group("officer")
    await post_to_group(city, group, code)
    answer = await group.press("签收")
    private = officials.private("officer")
    hand_over(answer, private)
    return officials, private, code


async def view_of(city: City, code: str) -> IssueView:
    """The issue as the operator sees it."""
    return await show_issue(city.new_uow(), OPERATOR, code)


async def test_reply_ask_and_note(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("答复企业")
    assert private.last().text == f"请输入给企业的答复（{code}）："
    await private.say("已协调供电公司，本周内现场勘查")
    assert private.last().text == f"已答复企业（{code}）。"
    await private.press("进展备注")
    await private.say("供电公司已排期")
    assert private.last().text == f"已记录办理进展（{code}）。"
    await private.press("请求补充")
    await private.say("请提供用电负荷表")
    view = await view_of(city, code)
    assert view.issue.state is IssueState.WAITING_ENTERPRISE
    kinds = [e.kind for e in view.events][-3:]
    assert kinds == ["replied", "noted", "info_requested"]
    assert view.events[-3].text == "已协调供电公司，本周内现场勘查"


async def test_resolve_in_three_steps(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("办结答复")
    await private.say("已送电，请确认")
    assert "已送电，请确认" in private.last().text
    await private.press("确认发送")
    assert private.last().text == f"办理结果已发送给企业（{code}），等待企业确认。"
    assert private.last().edit_message_id == "1"
    assert private.taps + private.typed <= 3
    view = await view_of(city, code)
    assert view.issue.state is IssueState.ANSWERED and view.events[-1].text == "已送电，请确认"
    # The confirmation button cannot send the resolution twice.
    assert (await private.press_payload(f"k:ok:{code}")).toast == "这个按钮已失效，请重新操作。"


async def test_cancelling_a_resolution_sends_nothing(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("办结答复")
    await private.say("已送电")
    await private.say("再补一句")
    assert private.last().text == "请点击上方按钮继续，或发送 /cancel 取消。"
    await private.press("取消")
    assert private.last().text == "已取消。"
    assert (await view_of(city, code)).issue.state is IssueState.ACKNOWLEDGED


async def test_an_extension_is_requested_and_approved(dialogs: Dialogs, city: City) -> None:
    officials, private, code = await signed(dialogs, city)
    await private.press("申请延期")
    assert "当前时限为 2026-12-14" in private.last().text
    await private.say("下周")
    assert private.last().text.startswith("日期格式不正确")
    await private.say("2026-12-30")
    await private.say("需等待电网改造")
    assert private.last().text == f"已提交延期申请（{code}，延期至 2026-12-30），等待审批。"
    lead = officials.private("lead")
    view = await view_of(city, code)
    text, buttons = render_request(
        default_catalog(), "zh", view, target=None, tz=city.ctx.calendar.tz
    )
    assert "申请延期至：2026-12-30" in text and "需等待电网改造" in text
    lead.answers.append(Answer((Reply("7003", text, buttons),)))
    answer = await lead.press("批准")
    assert answer.replies[0].text == (
        f"✅ 孙组长 已批准 {code} 延期，新的办结时限：12月30日 17:30。"
    )
    assert answer.replies[0].edit_message_id == "1" and lead.taps == 1
    view = await view_of(city, code)
    due = view.issue.clocks[ClockName.RESOLVE].due_at.astimezone(city.ctx.calendar.tz)
    assert due.date().isoformat() == "2026-12-30" and view.issue.pending is None
    # Deciding twice is refused politely.
    assert (await lead.press("批准")).toast == "没有待审批的申请。"


async def test_a_bad_extension_date_is_refused(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("申请延期")
    await private.say("2026-12-26")  # a Saturday
    await private.say("需等待电网改造")
    assert private.last().text == "新时限须为工作日。"
    assert (await view_of(city, code)).issue.pending is None


async def test_an_officer_asks_for_a_transfer_and_the_lead_denies_or_approves(
    dialogs: Dialogs, city: City
) -> None:
    officials, private, code = await signed(dialogs, city)
    await private.press("进展备注")
    await private.say("初步核实，涉及光伏组件")
    await private.press("转派")
    assert private.last().text == f"请选择要转派的专班（{code}）："
    assert "高端铝业" not in [b.label for row in private.last().buttons for b in row]
    await private.press("新能源新材料")
    await private.say("问题属于光伏组件产线")
    assert private.last().text == f"已提交转派申请（{code}），等待专班负责人审批。"
    lead = officials.private("lead")
    answer = await lead.press_payload(f"a:n:{code}")
    assert answer.replies[0].text == f"❌ 孙组长 未批准 {code} 的申请。"
    await private.press("转派")
    await private.press("新能源新材料")
    await private.say("确属光伏组件产线")
    answer = await lead.press_payload(f"a:y:{code}")
    assert answer.replies[0].text == f"✅ 孙组长 已批准 {code} 转派至新能源新材料。"
    view = await view_of(city, code)
    assert view.issue.state is IssueState.ASSIGNED and view.task_force_code == "energy"


async def test_a_lead_transfers_at_once(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    lead = officials.private("lead")
    await lead.press_payload(f"k:v:{code}")
    await lead.press("转派")
    await lead.press("新能源新材料")
    await lead.say("光伏项目")
    assert lead.last().text == f"已转派（{code}）。"
    assert (await view_of(city, code)).task_force_code == "energy"


async def test_card_buttons_are_checked_on_every_press(dialogs: Dialogs, city: City) -> None:
    officials, _, code = await signed(dialogs, city)
    member = officials.member()
    answer = await member.press_payload(f"k:y:{code}")
    assert (answer.toast, answer.alert) == ("此操作仅限政府工作人员。", True)
    colleague = officials.private("officer2")
    answer = await colleague.press_payload(f"k:s:{code}")
    assert (answer.toast, answer.alert) == ("您无权进行此操作。", True)
    outsider = officials.private("energy_officer")
    assert (await outsider.press_payload(f"k:n:{code}")).toast == "未找到该问题。"
    stale = "这个按钮已失效，请重新操作。"
    officer = officials.private("officer")
    await teamwork.note(city.new_uow(), city.ctx, city.officer, code, "已联系", city.now)
    for forged in (f"k:tf:{code}:nosuch", f"k:q:{code}", "k:y", f"k:ok:{code}", "k:y:x:y:z"):
        assert (await officer.press_payload(forged)).toast == stale, forged
    # Nobody was left in a dialog step by a refused press.
    _, state = await turns.open_turn(city.new_uow(), "telegram", "5001", "5001")
    assert state is None
    assert (await view_of(city, code)).issue.state is IssueState.IN_PROGRESS


async def test_a_reply_refused_for_its_length_can_be_typed_again(
    dialogs: Dialogs, city: City
) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("答复企业")
    await private.say("长" * 10_001)
    assert private.last().text == "内容过长，请精简后再发送。"
    _, state = await turns.open_turn(city.new_uow(), "telegram", "7001", "7001")
    assert state is not None, "the step stays open for another try"
    await private.say("已协调供电公司")
    assert private.last().text == f"已答复企业（{code}）。"
    _, state = await turns.open_turn(city.new_uow(), "telegram", "7001", "7001")
    assert state is None

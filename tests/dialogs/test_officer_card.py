"""The officer's private card: reply, ask, note, resolve in three steps, extend and transfer."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts
from bot.dialogs.cards import render_request
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Reply
from bot.domain.model import Attachment, ClockName, IssueState
from bot.domain.people import OPERATOR
from bot.i18n.catalog import default_catalog
from bot.services import sessions, teamwork, turns
from bot.services.queries import IssueView, show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import Officials, hand_over, post_to_group, with_accounts
from tests.services.city import City

STALE = "这个按钮已失效，请重新操作。"


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


async def request_card(city: City, chat: Chat, code: str, who: str) -> None:
    """Put the approval card in the approver's chat, as the notice would."""
    view = await view_of(city, code)
    person = getattr(city, who)
    actor = await sessions.actor_of(city.new_uow(), person)
    assert actor is not None
    text, buttons = render_request(Texts(default_catalog(), "zh", city.ctx.calendar), view, actor)
    chat.answers.append(Answer((Reply(chat.user_id, text, buttons),)))


async def test_reply_ask_and_note(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("答复企业")
    assert private.last().text.startswith(f"请输入给企业的答复（{code}）")
    await private.say("已协调供电公司，本周内现场勘查")
    await private.press("发送")
    assert private.last().text == f"已答复企业（{code}）。"
    await private.press("进展备注")
    await private.say("供电公司已排期")
    assert private.last().text == f"已记录办理进展（{code}）。"
    await private.press("请求补充")
    await private.say("请提供用电负荷表")
    await private.press("发送")
    view = await view_of(city, code)
    assert view.issue.state is IssueState.WAITING_ENTERPRISE
    kinds = [e.kind for e in view.events][-3:]
    assert kinds == ["replied", "noted", "info_requested"]
    assert view.events[-3].text == "已协调供电公司，本周内现场勘查"


async def test_a_reply_takes_several_messages_and_files(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("答复企业")
    await private.say("已现场勘查")
    scan = Attachment("document", "doc-1", "勘查记录.pdf", "application/pdf", 1024)
    await private.send_file(scan)
    draft = private.last().text
    assert "已现场勘查" in draft and "附件：1 个" in draft
    await private.press("发送")
    view = await view_of(city, code)
    assert view.events[-1].kind == "replied"
    assert view.events[-1].data["files"] == [
        {
            "kind": "document",
            "file_ref": "doc-1",
            "name": "勘查记录.pdf",
            "mime_type": "application/pdf",
            "size": 1024,
        }
    ]
    # The Send of a draft already sent is out of date.
    assert (await private.press_payload(f"i:sd:{code}")).toast == STALE


async def test_files_without_words_ask_for_a_few_words(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("办结答复")
    await private.send_file(Attachment("photo", "photo-9"))
    await private.press("发送")
    assert private.last().text.startswith(f"请先写一句说明（{code}）")
    await private.say("已送电，见照片")
    await private.press("发送")
    assert (await view_of(city, code)).issue.state is IssueState.ANSWERED


async def test_resolve_in_three_steps(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("办结答复")
    await private.say("已送电，请确认")
    assert "已送电，请确认" in private.last().text
    await private.press("发送")
    assert private.last().text == f"办理结果已发送给企业（{code}），等待企业确认。"
    assert private.taps + private.typed <= 3
    view = await view_of(city, code)
    assert view.issue.state is IssueState.ANSWERED and view.events[-1].text == "已送电，请确认"
    # The Send button cannot send the resolution twice.
    assert (await private.press_payload(f"i:sd:{code}")).toast == STALE


async def test_cancelling_a_resolution_sends_nothing(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("办结答复")
    await private.say("已送电")
    await private.press("取消")
    assert private.last().text == "已取消。"
    assert (await view_of(city, code)).issue.state is IssueState.ACKNOWLEDGED
    await private.say("再补一句")  # no dialog now: an official's free text shows the help
    assert private.last().text.startswith("可用功能")


async def test_an_extension_date_is_chosen_and_approved(dialogs: Dialogs, city: City) -> None:
    officials, private, code = await signed(dialogs, city)
    await private.press("申请延期")
    prompt = private.last().text
    assert "当前时限为 2026年12月14日" in prompt and "最晚可延至 2027年1月4日" in prompt
    days = [b.label for row in private.last().buttons for b in row]
    assert days[:3] == ["2026年12月15日", "2026年12月16日", "2026年12月17日"]
    assert days[-1] == "取消"
    await private.press("2026年12月28日")
    assert private.last().text == f"请说明延期至 2026年12月28日 的理由（{code}）："
    await private.say("需等待电网改造")
    assert private.last().text == (
        f"已提交延期申请（{code}，延期至 2026年12月28日），等待专班负责人审批。"
    )
    lead = officials.private("lead")
    await request_card(city, lead, code, "lead")
    assert "申请人：赵专员" in lead.last().text
    answer = await lead.press("批准")
    assert answer.replies[0].text == f"已批准 {code} 的延期申请。"
    view = await view_of(city, code)
    due = view.issue.clocks[ClockName.RESOLVE].due_at.astimezone(city.ctx.calendar.tz)
    assert due.date().isoformat() == "2026-12-28" and view.issue.pending is None
    # Deciding twice is refused politely.
    assert (await lead.press("批准")).toast == "没有待审批的申请。"


async def test_a_bad_extension_date_is_refused_at_the_date(dialogs: Dialogs, city: City) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("申请延期")
    await private.say("下周")
    assert private.last().text.startswith("没有看懂这个日期")
    assert private.find_button("2026年12月15日"), "the dates stay on offer"
    await private.say("2026-12-26")  # a Saturday
    assert private.last().text == "2026年12月26日 不是工作日。请另选日期。"
    await private.say("2026-12-11")  # before the current deadline
    assert private.last().text.startswith("2026年12月11日 不晚于当前时限 2026年12月14日")
    await private.say("2027-03-01")  # beyond the cap
    assert "最晚可延至 2027年1月4日" in private.last().text
    assert private.find_button("取消"), "every refusal keeps a way out"
    await private.say("12月30日")
    assert private.last().text.startswith("请说明延期至 2026年12月30日 的理由")
    assert (await view_of(city, code)).issue.pending is None


async def test_an_officer_asks_for_a_transfer_and_the_lead_denies_or_approves(
    dialogs: Dialogs, city: City
) -> None:
    officials, private, code = await signed(dialogs, city)
    await private.press("进展备注")
    await private.say("初步核实，涉及光伏组件")
    # Now in progress, the card (shown anew) offers the transfer, which a signed one does not.
    await private.press_payload(f"i:v:{code}")
    await private.press("转派")
    assert private.last().text == f"请选择要转派的专班（{code}）："
    assert "高端铝业" not in [b.label for row in private.last().buttons for b in row]
    await private.press("新能源新材料")
    await private.say("问题属于光伏组件产线")
    assert private.last().text == f"已提交转派申请（{code}），等待专班负责人审批。"
    lead = officials.private("lead")
    await request_card(city, lead, code, "lead")
    await lead.press("不批准")
    assert lead.last().text == f"请说明不批准的理由（{code}），申请人会看到："
    assert lead.find_button("取消"), "declining can be left"
    await lead.say("请先与新能源专班沟通")
    assert lead.last().text == f"已驳回 {code} 的申请。"
    denied = [e for e in (await view_of(city, code)).events if e.kind == "request_denied"]
    assert [e.text for e in denied] == ["请先与新能源专班沟通"]
    await private.press("转派")
    await private.press("新能源新材料")
    await private.say("确属光伏组件产线")
    await request_card(city, lead, code, "lead")
    answer = await lead.press("批准")
    assert answer.replies[0].text == f"已批准 {code} 的转派申请。"
    view = await view_of(city, code)
    assert view.issue.state is IssueState.ASSIGNED and view.task_force_code == "energy"


async def test_a_lead_transfers_at_once(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    lead = officials.private("lead")
    await lead.press_payload(f"i:v:{code}")
    await lead.press("转派")
    await lead.press("新能源新材料")
    await lead.say("光伏项目")
    assert lead.last().text == f"已转派（{code}）。"
    assert (await view_of(city, code)).task_force_code == "energy"


async def test_card_buttons_are_checked_on_every_press(dialogs: Dialogs, city: City) -> None:
    officials, _, code = await signed(dialogs, city)
    member = officials.member()
    answer = await member.press_payload(f"i:y:{code}")
    assert (answer.toast, answer.alert) == ("您无权进行此操作。", True)
    colleague = officials.private("officer2")
    answer = await colleague.press_payload(f"i:rs:{code}")
    assert (answer.toast, answer.alert) == ("您无权进行此操作。", True)
    outsider = officials.private("energy_officer")
    assert (await outsider.press_payload(f"i:n:{code}")).toast == "未找到该问题。"
    officer = officials.private("officer")
    await teamwork.note(city.new_uow(), city.ctx, city.officer, code, "已联系", city.now)
    for forged in (f"i:tt:{code}:999999", f"i:q:{code}", "i:y", f"i:sd:{code}", "i:y:x:y:z"):
        assert (await officer.press_payload(forged)).toast == STALE, forged
    # Nobody was left in a dialog step by a refused press.
    for chat in ("5001", "7002", "7101"):
        _, state = await turns.open_turn(city.new_uow(), "telegram", chat, chat)
        assert state is None
    assert (await view_of(city, code)).issue.state is IssueState.IN_PROGRESS


async def test_a_reply_refused_for_its_length_can_be_sent_again(
    dialogs: Dialogs, city: City
) -> None:
    _, private, code = await signed(dialogs, city)
    await private.press("答复企业")
    await private.say("长" * 10_001)
    await private.press("发送")
    assert private.answers[-1].toast == "内容过长，请精简后再发送。"
    _, state = await turns.open_turn(city.new_uow(), "telegram", "7001", "7001")
    assert state is not None, "the draft stays open"
    await private.press("取消")
    await private.press_payload(f"i:y:{code}")
    await private.say("已协调供电公司")
    await private.press("发送")
    assert private.last().text == f"已答复企业（{code}）。"
    _, state = await turns.open_turn(city.new_uow(), "telegram", "7001", "7001")
    assert state is None

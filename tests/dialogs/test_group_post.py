"""The task force's group post: claim in one tap, details in private, return with a reason."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts, mask_phones
from bot.dialogs.cards import render_group_post
from bot.dialogs.engine import Dialogs
from bot.domain.model import IssueState
from bot.domain.people import OPERATOR
from bot.i18n.catalog import default_catalog
from bot.services.queries import show_issue
from tests.dialogs.officials import post_to_group, with_accounts
from tests.services.city import City


async def test_an_officer_claims_in_one_tap_and_gets_the_card(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    group = officials.in_group("officer")
    await post_to_group(city, group, code)
    answer = await group.press("签收")
    assert group.taps == 1
    assert answer.toast == "签收成功" and not answer.alert
    # The post itself is shown anew through the outbox, like every card of the issue.
    (card,) = answer.replies
    assert card.chat_id == "7001" and card.edit_message_id is None
    assert card.text.startswith(f"{code} · 已签收 · 一般")
    assert "经办人：赵专员" in card.text
    labels = [b.label for row in card.buttons for b in row]
    assert labels == ["答复企业", "请求补充", "进展备注", "办结答复", "申请延期", "详情"]
    assert [(v.kind, v.person_id) for v in card.views] == [("card", city.officer)]
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.ACKNOWLEDGED and view.issue.assignee_id == city.officer


async def test_the_second_claim_is_told_politely(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    first, second = officials.in_group("officer"), officials.in_group("officer2")
    for chat in (first, second):
        await post_to_group(city, chat, code)
    await first.press("签收")
    answer = await second.press("签收")
    assert (answer.toast, answer.alert, answer.replies) == ("该问题已被其他同事签收。", True, ())
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.assignee_id == city.officer


async def test_outsiders_cannot_claim(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    other_team = officials.in_group("energy_officer")
    await post_to_group(city, other_team, code)
    answer = await other_team.press("签收")
    assert (answer.toast, answer.alert) == ("未找到该问题。", True)
    member = officials.member()
    answer = await member.press_payload(f"i:c:{code}")
    assert (answer.toast, answer.alert) == ("此操作仅限政府工作人员。", True)
    stranger = await other_team.press_payload("i:c:ZB-2099-999999")
    assert stranger.toast == "未找到该问题。"
    for forged in ("i:c", "i:zz:" + code, "i:c:" + code + ":x", "i::", "t:c:" + code):
        assert (await officials.in_group("officer").press_payload(forged)).toast == (
            "这个按钮已失效，请重新操作。"
        ), forged
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.ASSIGNED


async def test_details_go_to_the_presser_in_private(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file("配电房位置需调整，联系人电话 13812345678")).issue.code
    group = officials.in_group("officer2")
    await post_to_group(city, group, code)
    assert "138****5678" in group.last().text and "13812345678" not in group.last().text
    answer = await group.press("详情")
    assert answer.toast == "已私信发送给您。"
    (details,) = answer.replies
    assert details.chat_id == "7002"
    assert "13812345678" in details.text and "办理进程：" in details.text
    assert "派单至高端铝业" in details.text
    outsider = officials.in_group("energy_officer")
    assert (await outsider.press_payload(f"i:d:{code}")).toast == "未找到该问题。"


async def test_return_asks_for_a_reason_in_private(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    group = officials.in_group("officer")
    await post_to_group(city, group, code)
    answer = await group.press("退单")
    (question,) = answer.replies
    assert question.chat_id == "7001" and question.text.startswith("请说明退单原因")
    assert [b.label for row in question.buttons for b in row] == ["取消"]
    private = officials.private("officer")
    answer = await private.say("这是化工项目，不属于铝业专班")
    (mine,) = answer.replies
    assert mine.text == f"已退单：{code} 已退回办公室重新分派。"
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.RETURNED
    assert view.events[-1].text == "这是化工项目，不属于铝业专班"


async def test_the_post_shows_deadlines_in_shanghai_time(city: City) -> None:
    code = (await city.file()).issue.code
    view = await show_issue(city.new_uow(), OPERATOR, code)
    words = Texts(default_catalog(), "en", city.ctx.calendar)
    text, buttons = render_group_post(words, view, view.issue.task_force_id, city.now)
    # Filed Monday 10:00 in Shanghai: one working day to sign ends Tuesday's close of business.
    assert "Sign by Nov 24, 17:30" in text
    # §11: the officer reads the enterprise's own words, with a note of their language.
    assert text.endswith(
        "Problem: 电解铝项目用电报装迟迟没有批复\n(the enterprise wrote in Chinese)"
    )
    assert text.startswith(f"[Normal] {code}") and "Project: 铝箔扩建" in text
    assert [b.payload for b in buttons[0]] == [f"i:c:{code}", f"i:d:{code}", f"i:r:{code}"]
    assert all(len(b.payload.encode()) <= 64 for b in buttons[0])


def test_phone_numbers_are_masked() -> None:
    assert mask_phones("电话13812345678或+86 139-1234-5678") == "电话138****5678或139****5678"
    assert mask_phones("座机0543-3181234，投资500000000元") == "座机0543-********，投资500000000元"

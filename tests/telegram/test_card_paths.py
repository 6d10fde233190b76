"""What issue cards say and offer, through python-telegram-bot and the sandbox (a new user's
review): a nominee who never signed, one card per private claim, Details with buttons, an
instruction given before the claim, the desk, and the task force that passed an issue on."""

from __future__ import annotations

from bot.domain.model import IssueState, Urgency
from bot.domain.people import OPERATOR
from bot.services import follow_up, teamwork
from bot.services.queries import show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_desk import OFFICE, office_official, unrouted
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, last_text, press
from tests.telegram.test_groupless import chemicals
from tests.telegram.test_officer_flow import GROUP, LEADER, OFFICER, OFFICER2, officials
from tests.telegram.test_paths import (
    forge_press,
    lead_names_the_second_officer,
    more_officials,
)
from tests.telegram.test_views import labels, newest


async def test_a_nominee_who_never_signed_is_not_shown_as_signer(loop: Loop) -> None:
    await officials(loop)
    await more_officials(loop)
    loop.sandbox.send_text(OFFICER2, "/lang")
    await loop.turn()
    await press(loop, OFFICER2, "English", user_id=OFFICER2)
    city = loop.city
    code = await lead_names_the_second_officer(loop)
    card = bot_messages(loop, OFFICER2)[-1]
    assert (card.text or "").startswith(f"[Yours to claim] {code}")
    await follow_up.withdraw(city.new_uow(), city.ctx, city.member, code, None, city.now)
    await loop.turn()
    text = newest(loop, OFFICER2, card.message_id).text or ""
    assert text.startswith(f"{code} · withdrawn") and "Named to claim it: 钱专员" in text
    assert "Sign: stopped (withdrawn by the enterprise)" in text
    assert ": done" not in text and "Claimed by" not in text and "Handled by" not in text
    post = next(m for m in bot_messages(loop, GROUP) if code in (m.text or ""))
    assert "签收：已停止（企业已撤回）" in (newest(loop, GROUP, post.message_id).text or "")


async def test_a_private_claim_shows_the_pressed_bundle_anew(loop: Loop) -> None:
    await chemicals(loop)
    city = loop.city
    first = (await city.file("蒸汽管网未接通", project_id=None, task_force_code="chem")).issue
    second = (await city.file("危化品仓库验收", project_id=None, task_force_code="chem")).issue
    await loop.turn()
    bundle = bot_messages(loop, 8502)[-1]
    assert (bundle.text or "").startswith("【2 条新消息】")
    before = len(bot_messages(loop, 8502))
    await press(loop, 8502, "#1 签收", user_id=8502)
    assert len(bot_messages(loop, 8502)) == before, "the pressed card, no second one"
    shown = newest(loop, 8502, bundle.message_id)
    text = shown.text or ""
    assert f"#1 {first.code} · 已签收" in text and f"#2 【新问题】{second.code}" in text
    assert "#1 答复企业" in labels(shown) and "#2 签收" in labels(shown)


async def test_details_from_the_group_come_with_buttons_and_follow_the_issue(
    loop: Loop,
) -> None:
    await officials(loop)
    code = (await loop.city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "详情", user_id=OFFICER2)
    details = bot_messages(loop, OFFICER2)[-1]
    assert "办理进程：" in (details.text or "") and labels(details)[0] == "签收"
    await press(loop, GROUP, "签收", user_id=OFFICER)
    details = newest(loop, OFFICER2, details.message_id)
    assert "签收" not in labels(details) and "详情" in labels(details)
    assert f"{code} · 已签收" in (details.text or "")


async def test_an_instruction_before_the_claim_reaches_whoever_claims(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    code = (await city.file(urgency=Urgency.URGENT, project_id=city.big_project)).issue.code
    await loop.turn()
    await press(loop, LEADER, "批示", user_id=LEADER)
    loop.sandbox.send_text(LEADER, "请今天内协调供电")
    await loop.turn()
    post = next(m for m in bot_messages(loop, GROUP) if "签收" in labels(m))
    assert "领导批示（李副市长，" in (newest(loop, GROUP, post.message_id).text or "")
    await press(loop, GROUP, "签收", user_id=OFFICER)
    card = next(m for m in bot_messages(loop, OFFICER) if "答复企业" in labels(m))
    text = card.text or ""
    assert "领导批示（李副市长，" in text and "）：请今天内协调供电" in text
    leader = bot_messages(loop, LEADER)[0]
    assert (leader.text or "").startswith(f"【直报】{code}")


async def test_the_desk_dispatches_with_a_note_and_declines_a_returned_issue(
    loop: Loop,
) -> None:
    await officials(loop)
    await office_official(loop, loop.city.now)
    city = loop.city
    code = await unrouted(loop, "请问这个怎么办")
    card = bot_messages(loop, OFFICE)[-1]
    assert labels(card) == ["派至专班", "不予受理", "详情"]
    await teamwork.dispatch(
        city.new_uow(), city.ctx, OPERATOR, code, "alu", city.now, "先找供电公司"
    )
    await loop.turn()
    assert "办公室派单说明：先找供电公司" in last_text(loop, GROUP)
    assert (newest(loop, OFFICE, card.message_id).text or "").startswith(f"{code} · 已派单")
    await press(loop, GROUP, "退单", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, "不属于铝业")
    await loop.turn()
    card = bot_messages(loop, OFFICE)[-1]
    assert (card.text or "").startswith(f"【待分派】{code} · 已退回")
    await press(loop, OFFICE, "不予受理", user_id=OFFICE)
    loop.sandbox.send_text(OFFICE, "属于个人事务")
    await loop.turn()
    assert last_text(loop, MEMBER) == f"【不予受理】{code}：属于个人事务"
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.state is IssueState.REJECTED


async def test_a_former_handler_is_out_of_the_issue_after_a_transfer(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "签收", user_id=OFFICER)
    card = next(m for m in bot_messages(loop, OFFICER) if "进展备注" in labels(m))
    await teamwork.reply(city.new_uow(), city.ctx, city.officer, code, "已受理", city.now)
    await teamwork.transfer(
        city.new_uow(), city.ctx, city.officer, code, "energy", "光伏", city.now
    )
    await follow_up.decide_request(city.new_uow(), city.ctx, city.lead, code, True, city.now)
    await loop.turn()
    shown = newest(loop, OFFICER, card.message_id)
    assert shown.text == f"{code} 已不在您的职责范围内（现由新能源新材料办理）。"
    assert labels(shown) == []
    query = forge_press(loop, OFFICER, card.message_id, f"i:n:{code}", OFFICER)
    await loop.turn()
    assert loop.sandbox.get_callback_answer(query) == {
        "text": "您无权进行此操作。",
        "show_alert": True,
    }
    loop.sandbox.send_text(MEMBER, "/my")
    await loop.turn()
    await press(loop, MEMBER, labels(bot_messages(loop, MEMBER)[-1])[0])
    assert "派单至高端铝业" in last_text(loop, MEMBER)
    assert "转派至新能源新材料" in last_text(loop, MEMBER)

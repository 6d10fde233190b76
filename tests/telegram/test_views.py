"""Cards already sent follow their issue (issue 12, points 6 and 9).

A claim, a transfer or the end of an issue shows on the group post, the officers' and the
leaders' cards; a bundled post keeps every issue actionable after one is acted on.
"""

from __future__ import annotations

from typing import Any

from bot.domain.model import Urgency
from bot.services import follow_up, teamwork
from sandbox.telegram.records import StoredMessage
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import bot_messages, press
from tests.telegram.test_officer_flow import GROUP, LEADER, OFFICER, OFFICER2, officials


def labels(message: StoredMessage) -> list[str]:
    """The labels of a message's inline buttons, row after row."""
    markup: dict[str, Any] = message.reply_markup or {}
    return [key["text"] for row in markup.get("inline_keyboard", []) for key in row]


def newest(loop: Loop, chat: int, message_id: int) -> StoredMessage:
    """A message of the chat as it stands now (edits applied)."""
    return next(m for m in bot_messages(loop, chat) if m.message_id == message_id)


async def test_a_claim_shows_on_the_group_post(loop: Loop) -> None:
    await officials(loop)
    code = (await loop.city.file()).issue.code
    await loop.turn()
    post = bot_messages(loop, GROUP)[-1]
    assert labels(post) == ["签收", "详情", "退单"]
    await press(loop, GROUP, "签收", user_id=OFFICER)
    post = newest(loop, GROUP, post.message_id)
    assert "已由 赵专员 签收" in (post.text or "") and labels(post) == ["详情"]
    assert post.text and post.text.startswith(f"【一般】{code}")


async def test_a_bundle_keeps_every_issue_actionable(loop: Loop) -> None:
    await officials(loop)
    first = (await loop.city.file("道路未通")).issue.code
    second = (await loop.city.file("供水不足")).issue.code
    await loop.turn()
    [post] = bot_messages(loop, GROUP)[-1:]
    assert (post.text or "").startswith("【2 条新消息】")
    assert labels(post) == ["#1 签收", "#1 详情", "#1 退单", "#2 签收", "#2 详情", "#2 退单"]
    await press(loop, GROUP, "#1 签收", user_id=OFFICER)
    post = newest(loop, GROUP, post.message_id)
    text = post.text or ""
    assert f"#1 【一般】{first}" in text and f"#2 【一般】{second}" in text
    assert "已由 赵专员 签收" in text
    assert labels(post) == ["#1 详情", "#2 签收", "#2 详情", "#2 退单"]
    await press(loop, GROUP, "#2 签收", user_id=OFFICER2)
    post = newest(loop, GROUP, post.message_id)
    assert labels(post) == ["#1 详情", "#2 详情"]
    assert "已由 钱专员 签收" in (post.text or "")


async def test_a_transfer_leaves_no_claim_on_the_old_group(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    post = bot_messages(loop, GROUP)[-1]
    await teamwork.transfer(city.new_uow(), city.ctx, city.lead, code, "energy", "光伏", city.now)
    await loop.turn()
    post = newest(loop, GROUP, post.message_id)
    assert "已转至新能源新材料办理" in (post.text or "") and labels(post) == []


async def test_the_leaders_card_follows_the_issue_to_its_end(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    outcome = await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    code = outcome.issue.code
    await loop.turn()
    card = bot_messages(loop, LEADER)[-1]
    assert labels(card) == ["批示", "督办", "详情"]
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.now)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    await loop.turn()
    card = newest(loop, LEADER, card.message_id)
    assert (card.text or "").startswith(f"【直报】{code} · 已办结 · 紧急")
    assert labels(card) == ["详情"], "nobody instructs on a closed issue"


async def test_the_officers_card_ends_with_its_issue(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "签收", user_id=OFFICER)
    card = next(m for m in bot_messages(loop, OFFICER) if "答复企业" in labels(m))
    await follow_up.withdraw(city.new_uow(), city.ctx, city.member, code, None, city.now)
    await loop.turn()
    card = newest(loop, OFFICER, card.message_id)
    assert (card.text or "").startswith(f"{code} · 已撤回") and labels(card) == ["详情"]

"""The enterprise's side through python-telegram-bot and the sandbox (a review's findings):
an old Solved after a newer answer, typing the information asked for, Edit on the summary,
and /my's timeline."""

from __future__ import annotations

from bot.domain.model import IssueState
from bot.services import teamwork
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, last_text, press
from tests.telegram.test_officer_flow import GROUP, OFFICER, filed, officials
from tests.telegram.test_views import labels

STALE = "这个按钮已失效，请重新操作。"


async def resolved(loop: Loop, code: str, text: str) -> None:
    """The officer sends the resolution (办结答复, the words, 发送)."""
    await press(loop, OFFICER, "办结答复", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, text)
    await loop.turn()
    await press(loop, OFFICER, "发送", user_id=OFFICER)


async def test_an_old_solved_after_a_newer_answer_is_stale(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    await resolved(loop, code, "已协调供电公司，本周送电")
    first = bot_messages(loop, MEMBER)[-1]
    await press(loop, MEMBER, "未解决")
    loop.sandbox.send_text(MEMBER, "还是没有电")
    await loop.turn()
    assert last_text(loop, MEMBER) == f"已反馈，{code} 将重新办理。"
    await loop.turn()
    await press(loop, OFFICER, "打开", user_id=OFFICER)
    await resolved(loop, code, "变电站已于今日送电")
    assert "变电站已于今日送电" in last_text(loop, MEMBER)
    for label in ("确认已解决", "未解决"):
        data = button(first, label)
        query = loop.sandbox.press_button(MEMBER, first.message_id, data=data, user_id=MEMBER)
        await loop.turn()
        assert loop.sandbox.get_callback_answer(query) == {"text": STALE, "show_alert": True}
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert view.issue.state is IssueState.ANSWERED
    await press(loop, MEMBER, "确认已解决")
    await press(loop, MEMBER, "★★★★★")
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert (view.issue.state, view.issue.rating) == (IssueState.CLOSED, 5)


async def test_the_information_typed_as_a_message_reaches_the_officer(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    city = loop.city
    await teamwork.ask_info(
        city.new_uow(), city.ctx, city.officer, code, "请提供专家名单", city.now
    )
    await loop.turn()
    assert last_text(loop, MEMBER).startswith(f"【请补充材料】{code}")
    loop.sandbox.send_text(MEMBER, "专家名单是张工、李工、王工")
    await loop.turn()
    offer = bot_messages(loop, MEMBER)[-1]
    assert (offer.text or "").startswith(f"{code} 正在等待您补充材料")
    assert labels(offer) == [f"补充到 {code}", "作为新问题反映", "否"]
    await press(loop, MEMBER, f"补充到 {code}")
    assert last_text(loop, MEMBER) == f"已补充到 {code}。"
    assert "专家名单是张工、李工、王工" in last_text(loop, OFFICER)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.issue.state is IssueState.IN_PROGRESS


async def test_edit_keeps_the_photo_and_the_pdf(loop: Loop) -> None:
    await officials(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    await press(loop, MEMBER, "铝箔扩建")
    loop.sandbox.send_text(MEMBER, "变电站迟迟不能送电")
    loop.sandbox.send_photo(MEMBER, b"\x89PNG-site")
    loop.sandbox.send_document(MEMBER, b"%PDF-letter", "供电答复函.pdf", "application/pdf")
    await loop.turn()
    await press(loop, MEMBER, "完成")
    await press(loop, MEMBER, "一般")
    assert "项目：铝箔扩建" in last_text(loop, MEMBER)
    await press(loop, MEMBER, "修改")
    assert last_text(loop, MEMBER).startswith("已保留您的描述（文字 1 条，附件 2 个）")
    await press(loop, MEMBER, "完成")
    summary = last_text(loop, MEMBER)
    assert "附件：2 个" in summary and "变电站迟迟不能送电" in summary
    await press(loop, MEMBER, "提交")
    assert last_text(loop, MEMBER).startswith("已受理，编号 ZB-2026-000001")
    issue = (await list_issues(loop.city.new_uow(), loop.city.admin, IssueQuery()))[0]
    assert [a.kind for a in issue.attachments] == ["photo", "document"]


async def test_my_shows_the_timeline_once(loop: Loop) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    loop.sandbox.send_text(MEMBER, "/my")
    await loop.turn()
    await press(loop, MEMBER, f"{code} · 已签收")
    text = last_text(loop, MEMBER)
    assert text.count("办理进程：") == 1 and text.count("专班签收") == 1

"""An enterprise in Telegram: registration, filing with photos, restarts and crashes (§10, §13)."""

from __future__ import annotations

from typing import Any

from bot.domain.model import IssueState
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues
from sandbox.telegram.records import StoredMessage
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop

MEMBER = 5001  # 王经理 of the test city, known to the bot by this Telegram id


def bot_messages(loop: Loop, chat_id: int) -> list[StoredMessage]:
    """What the bot has said in a chat, oldest first."""
    return [
        m for m in loop.sandbox.list_sent_messages(chat_id) if not getattr(m, "deleted", False)
    ]


def last_text(loop: Loop, chat_id: int) -> str:
    """The bot's newest message in the chat."""
    return bot_messages(loop, chat_id)[-1].text or ""


def button(message: StoredMessage, label: str) -> str:
    """The callback data of a button on a message."""
    markup: dict[str, Any] = message.reply_markup or {}
    for row in markup.get("inline_keyboard", []):
        for key in row:
            if key["text"] == label:
                return str(key["callback_data"])
    raise AssertionError(f"no button {label!r} on {message.text!r}")


async def press(loop: Loop, chat_id: int, label: str, user_id: int = MEMBER) -> None:
    """Press the newest button with this label in the chat, and let the bot answer."""
    for message in reversed(bot_messages(loop, chat_id)):
        try:
            data = button(message, label)
        except AssertionError:
            continue
        loop.sandbox.press_button(chat_id, message.message_id, data=data, user_id=user_id)
        await loop.turn()
        return
    raise AssertionError(f"no button {label!r} in chat {chat_id}")


def people(loop: Loop) -> None:
    """The member and the alu task force's group, as Telegram knows them."""
    loop.sandbox.create_user(user_id=MEMBER, first_name="王经理", language_code="zh-hans")
    loop.sandbox.create_group("高端铝业专班", members=[MEMBER], group_id=int(ALU_GROUP))
    loop.sandbox.add_bot_to_group(int(ALU_GROUP), by=MEMBER)


async def test_a_member_files_an_issue_and_the_task_force_group_gets_it(loop: Loop) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    assert last_text(loop, MEMBER) == "这个问题涉及哪个项目？"
    await press(loop, MEMBER, "铝箔扩建")
    loop.sandbox.send_text(MEMBER, "变电站迟迟不能送电")
    loop.sandbox.send_photo(MEMBER, b"\x89PNG-site-photo", caption="现场照片")
    await loop.turn()
    assert "文字 2 条，附件 1 个" in last_text(loop, MEMBER)
    await press(loop, MEMBER, "完成")
    await press(loop, MEMBER, "一般")
    await press(loop, MEMBER, "提交")
    assert last_text(loop, MEMBER).startswith("已受理，编号 ZB-2026-000001")
    post = bot_messages(loop, int(ALU_GROUP))[-1]
    assert (post.text or "").startswith("【一般】ZB-2026-000001\n企业：滨州宏达铝业有限公司")
    assert button(post, "签收").startswith("i:c:")
    found = await list_issues(loop.city.new_uow(), loop.city.admin, IssueQuery())
    assert found[0].state is IssueState.ASSIGNED and len(found[0].attachments) == 1


async def test_a_restart_in_the_middle_of_filing_resumes(loop: Loop) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    await press(loop, MEMBER, "铝箔扩建")
    loop.sandbox.send_text(MEMBER, "道路还没有修通")
    await loop.turn()
    loop.restart()
    loop.sandbox.send_text(MEMBER, "影响设备进场")
    await loop.turn()
    assert "文字 2 条" in last_text(loop, MEMBER)


async def test_an_update_fetched_but_not_handled_is_handled_once_after_a_crash(
    loop: Loop,
) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/help")
    fetched = await loop.bot.get_updates(timeout=0)
    await loop.runtime.ingest(
        [u.to_dict() for u in fetched]
    )  # stored, then the process dies before handling it
    await loop.bot.get_updates(offset=fetched[-1].update_id + 1, timeout=0)  # confirmed
    assert bot_messages(loop, MEMBER) == []
    restarted = loop.restart()
    await restarted.poll_once(0)
    await restarted.poll_once(0)
    replies = bot_messages(loop, MEMBER)
    assert len(replies) == 1 and (replies[0].text or "").startswith("可用功能")


async def test_a_stale_button_gets_a_polite_answer_and_changes_nothing(loop: Loop) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    menu = bot_messages(loop, MEMBER)[-1]
    loop.sandbox.send_text(MEMBER, "/cancel")
    await loop.turn()
    data = button(menu, "铝箔扩建")
    query_id = loop.sandbox.press_button(MEMBER, menu.message_id, data=data, user_id=MEMBER)
    await loop.turn()
    answer = loop.sandbox.get_callback_answer(query_id)
    assert answer is not None and "按钮已失效" in str(answer)
    assert await list_issues(loop.city.new_uow(), loop.city.admin, IssueQuery()) == []


async def test_a_5000_character_message_is_refused_politely(loop: Loop) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    await press(loop, MEMBER, "铝箔扩建")
    loop.sandbox.send_text(MEMBER, "长" * 4096)
    await loop.turn()
    assert "文字 1 条" in last_text(loop, MEMBER)


async def test_a_summary_longer_than_telegram_allows_is_sent_in_parts(loop: Loop) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    await press(loop, MEMBER, "铝箔扩建")
    for part in ("甲" * 3000, "乙" * 3000):
        loop.sandbox.send_text(MEMBER, part)
    await loop.turn()
    await press(loop, MEMBER, "完成")
    await press(loop, MEMBER, "其他")  # 甲 and 乙 say nothing of the category
    await press(loop, MEMBER, "一般")
    summary = bot_messages(loop, MEMBER)[-2:]
    assert all(len(m.text or "") <= 4096 for m in summary)
    assert summary[0].reply_markup is None and button(summary[1], "提交")
    await press(loop, MEMBER, "提交")
    assert last_text(loop, MEMBER).startswith("已受理")

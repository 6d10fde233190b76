"""Users, groups and bots through the control methods, and the updates they produce."""

from __future__ import annotations

import pytest

from sandbox.telegram import ControlError, Sandbox
from sandbox.telegram.records import UserRecord

SECOND_TOKEN = "777000:SECOND-bot"


async def test_adding_the_bot_to_a_group_sends_both_updates(sandbox: Sandbox) -> None:
    owner = sandbox.create_user(first_name="王", username="wang")
    group = sandbox.create_group("园区企业服务群", [owner.id])
    assert str(group.id).startswith("-100")
    sandbox.add_bot_to_group(group.id, by=owner.id)
    member_update, message_update = sandbox.list_pending_updates()
    change = member_update["my_chat_member"]
    assert (change["old_chat_member"]["status"], change["new_chat_member"]["status"]) == (
        "left",
        "member",
    )
    assert change["chat"] == {"id": group.id, "type": "supergroup", "title": "园区企业服务群"}
    assert change["from"]["id"] == owner.id
    joined = message_update["message"]
    assert [u["id"] for u in joined["new_chat_members"]] == [sandbox.get_bot().id]
    assert joined["from"]["id"] == owner.id


async def test_group_commands_may_name_the_bot(sandbox: Sandbox) -> None:
    owner = sandbox.create_user()
    group = sandbox.create_group("群", [owner.id])
    sandbox.add_bot_to_group(group.id, by=owner.id)
    username = sandbox.get_bot().user.username
    sandbox.send_text(owner.id, f"/report@{username} 停电", chat_id=group.id)
    message = sandbox.list_pending_updates()[-1]["message"]
    assert message["chat"]["id"] == group.id
    expected = len(f"/report@{username}")
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": expected}]
    reply = await sandbox.call("sendMessage", {"chat_id": group.id, "text": "收到"})
    assert reply["chat"]["type"] == "supergroup"


async def test_new_members_are_announced(sandbox: Sandbox) -> None:
    owner, newcomer = sandbox.create_user(), sandbox.create_user(first_name="新")
    group = sandbox.create_group("群", [owner.id])
    sandbox.add_bot_to_group(group.id, by=owner.id)
    sandbox.add_members(group.id, [newcomer.id], by=owner.id)
    joined = sandbox.list_pending_updates()[-1]["message"]
    assert [u["first_name"] for u in joined["new_chat_members"]] == ["新"]


async def test_contact_sharing_carries_the_users_own_id(
    sandbox: Sandbox, user: UserRecord
) -> None:
    sandbox.share_contact(user.id, "+8613800138000")
    contact = sandbox.list_pending_updates()[-1]["message"]["contact"]
    assert contact == {
        "phone_number": "+8613800138000",
        "first_name": "Li",
        "last_name": "Wei",
        "user_id": user.id,
    }


async def test_history_holds_both_sides(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.send_text(user.id, "你好")
    await sandbox.call("sendMessage", {"chat_id": user.id, "text": "您好"})
    history = sandbox.read_history(user.id)
    assert [(m.message_id, m.outgoing, m.text) for m in history] == [
        (1, False, "你好"),
        (2, True, "您好"),
    ]


async def test_pressing_a_missing_button_is_refused(sandbox: Sandbox, user: UserRecord) -> None:
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    sent = await sandbox.call(
        "sendMessage", {"chat_id": user.id, "text": "?", "reply_markup": markup}
    )
    with pytest.raises(ControlError):
        sandbox.press_button(user.id, sent["message_id"], data="b")
    with pytest.raises(ControlError):
        sandbox.press_button(user.id, sent["message_id"] + 1, data="a")
    query = sandbox.press_button(user.id, sent["message_id"], data="a")
    update = sandbox.list_pending_updates()[-1]["callback_query"]
    assert (update["id"], update["data"], update["message"]["message_id"]) == (
        query,
        "a",
        sent["message_id"],
    )


async def test_several_bots_keep_separate_state() -> None:
    sandbox = Sandbox(["123456:SANDBOX-token", SECOND_TOKEN])
    user = sandbox.create_user()
    sandbox.send_text(user.id, "to the second", token=SECOND_TOKEN)
    assert sandbox.list_pending_updates() == []
    assert len(sandbox.list_pending_updates(SECOND_TOKEN)) == 1
    me = await sandbox.call("getMe", token=SECOND_TOKEN)
    assert me["id"] == 777000


async def test_reset_forgets_everything(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.send_text(user.id, "hi")
    await sandbox.reset()
    assert sandbox.users.keys() == {sandbox.get_bot().id}
    assert sandbox.list_pending_updates() == []
    assert sandbox.create_user().id == user.id


async def test_blocking_and_returning_are_announced(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.block_bot(user.id)
    sandbox.send_text(user.id, "/start")
    blocked, unblocked, message = sandbox.list_pending_updates()
    assert blocked["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    assert unblocked["my_chat_member"]["new_chat_member"]["status"] == "member"
    assert message["message"]["text"] == "/start"
    assert await sandbox.call("sendMessage", {"chat_id": user.id, "text": "欢迎回来"})

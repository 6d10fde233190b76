"""Limits Telegram states only in prose, and the refusals that follow from the state of chats."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.telegram import ApiError, Sandbox
from sandbox.telegram.records import UserRecord
from tests.sandbox.conftest import FrozenClock


def keyboard(**button: Any) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": "Go", **button}]]}


async def refused(sandbox: Sandbox, method: str, params: dict[str, Any]) -> str:
    with pytest.raises(ApiError) as caught:
        await sandbox.call(method, params)
    return caught.value.description


async def test_text_length_counts_after_trimming(sandbox: Sandbox, user: UserRecord) -> None:
    send = {"chat_id": user.id}
    assert await sandbox.call("sendMessage", {**send, "text": "字" * 4096})
    assert await sandbox.call("sendMessage", {**send, "text": "  " + "a" * 4096 + "\n"})
    too_long = await refused(sandbox, "sendMessage", {**send, "text": "a" * 4097})
    assert too_long == "Bad Request: message is too long"
    blank = await refused(sandbox, "sendMessage", {**send, "text": " \n "})
    assert blank == "Bad Request: message text is empty"
    only_tags = await refused(
        sandbox, "sendMessage", {**send, "text": "<b></b>", "parse_mode": "HTML"}
    )
    assert only_tags == "Bad Request: message text is empty"


async def test_caption_is_at_most_1024(sandbox: Sandbox, user: UserRecord) -> None:
    photo = sandbox.send_photo(user.id, b"jpeg").photo
    assert photo is not None
    send = {"chat_id": user.id, "photo": photo[0]["file_id"]}
    assert await sandbox.call("sendPhoto", {**send, "caption": "c" * 1024})
    error = await refused(sandbox, "sendPhoto", {**send, "caption": "c" * 1025})
    assert error == "Bad Request: message caption is too long"


async def test_callback_data_is_1_to_64_bytes(sandbox: Sandbox, user: UserRecord) -> None:
    send = {"chat_id": user.id, "text": "pick"}
    assert await sandbox.call(
        "sendMessage", {**send, "reply_markup": keyboard(callback_data="d" * 64)}
    )
    for data in ("d" * 65, "数" * 22, ""):
        error = await refused(
            sandbox, "sendMessage", {**send, "reply_markup": keyboard(callback_data=data)}
        )
        assert error == "Bad Request: BUTTON_DATA_INVALID"


async def test_inline_buttons_need_text_and_one_action(sandbox: Sandbox, user: UserRecord) -> None:
    send = {"chat_id": user.id, "text": "pick"}
    empty = {"inline_keyboard": [[{"text": " ", "callback_data": "x"}]]}
    assert await refused(sandbox, "sendMessage", {**send, "reply_markup": empty}) == (
        "Bad Request: BUTTON_TEXT_INVALID"
    )
    error = await refused(sandbox, "sendMessage", {**send, "reply_markup": keyboard()})
    assert error == (
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the"
        " inline keyboard"
    )


async def test_callback_answer_text_is_at_most_200(sandbox: Sandbox, user: UserRecord) -> None:
    sent = await sandbox.call(
        "sendMessage",
        {"chat_id": user.id, "text": "?", "reply_markup": keyboard(callback_data="a")},
    )
    query = sandbox.press_button(user.id, sent["message_id"], data="a")
    error = await refused(
        sandbox, "answerCallbackQuery", {"callback_query_id": query, "text": "t" * 201}
    )
    assert error == "Bad Request: MESSAGE_TOO_LONG"
    assert await sandbox.call(
        "answerCallbackQuery", {"callback_query_id": query, "text": "t" * 200}
    )


async def test_callback_answer_expires_after_15_minutes(clock: FrozenClock) -> None:
    sandbox = Sandbox(clock=clock)
    user = sandbox.create_user()
    sent = await sandbox.call(
        "sendMessage",
        {"chat_id": user.id, "text": "?", "reply_markup": keyboard(callback_data="a")},
    )
    query = sandbox.press_button(user.id, sent["message_id"], text="Go")
    clock.advance(15 * 60 + 1)
    error = await refused(sandbox, "answerCallbackQuery", {"callback_query_id": query})
    assert error == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )


@pytest.mark.parametrize(
    ("command", "description", "error"),
    [
        ("Start", "Begin", "Bad Request: BOT_COMMAND_INVALID"),
        ("start-now", "Begin", "Bad Request: BOT_COMMAND_INVALID"),
        ("c" * 33, "Begin", "Bad Request: BOT_COMMAND_INVALID"),
        ("start", " ", "Bad Request: command description must be non-empty"),
        ("start", "d" * 257, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"),
    ],
)
async def test_command_rules(sandbox: Sandbox, command: str, description: str, error: str) -> None:
    commands = [{"command": command, "description": description}]
    assert await refused(sandbox, "setMyCommands", {"commands": commands}) == error


async def test_at_most_100_commands(sandbox: Sandbox) -> None:
    commands = [{"command": f"c{n}", "description": "d" * 256} for n in range(101)]
    assert await refused(sandbox, "setMyCommands", {"commands": commands}) == (
        "Bad Request: BOT_COMMANDS_TOO_MUCH"
    )
    assert await sandbox.call("setMyCommands", {"commands": commands[:100]})
    assert len(await sandbox.call("getMyCommands")) == 100


async def test_chats_the_bot_may_not_write_to(sandbox: Sandbox) -> None:
    stranger = sandbox.create_user(started=False)
    assert await refused(sandbox, "sendMessage", {"chat_id": 5, "text": "x"}) == (
        "Bad Request: chat not found"
    )
    assert await refused(sandbox, "sendMessage", {"chat_id": stranger.id, "text": "x"}) == (
        "Forbidden: bot can't initiate conversation with a user"
    )
    sandbox.send_text(stranger.id, "/start")
    sandbox.block_bot(stranger.id)
    assert await refused(sandbox, "sendMessage", {"chat_id": stranger.id, "text": "x"}) == (
        "Forbidden: bot was blocked by the user"
    )
    group = sandbox.create_group("Park office", [stranger.id])
    assert await refused(sandbox, "sendMessage", {"chat_id": group.id, "text": "x"}) == (
        "Forbidden: bot is not a member of the supergroup chat"
    )


async def test_parse_mode_and_chat_action_values(sandbox: Sandbox, user: UserRecord) -> None:
    send = {"chat_id": user.id, "text": "x"}
    assert await refused(sandbox, "sendMessage", {**send, "parse_mode": "BBCode"}) == (
        "Bad Request: unsupported parse_mode"
    )
    assert await refused(sandbox, "sendChatAction", {"chat_id": user.id, "action": "dancing"}) == (
        "Bad Request: wrong parameter action in request"
    )
    assert await sandbox.call("sendChatAction", {"chat_id": user.id, "action": "typing"})
    assert sandbox.list_chat_actions(user.id) == ["typing"]

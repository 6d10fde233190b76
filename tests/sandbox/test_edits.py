"""Editing and deleting: Telegram's refusals for missing, foreign and unchanged messages."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.telegram import ApiError, Sandbox
from sandbox.telegram.records import UserRecord

MARKUP = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)


async def refused(sandbox: Sandbox, method: str, params: dict[str, Any]) -> str:
    with pytest.raises(ApiError) as caught:
        await sandbox.call(method, params)
    return caught.value.description


async def sent(sandbox: Sandbox, user: UserRecord) -> dict[str, Any]:
    params = {"chat_id": user.id, "text": "<b>Report</b>", "parse_mode": "HTML"}
    result: dict[str, Any] = await sandbox.call("sendMessage", {**params, "reply_markup": MARKUP})
    return result


async def test_edit_applies_and_is_visible(sandbox: Sandbox, user: UserRecord) -> None:
    message = await sent(sandbox, user)
    where = {"chat_id": user.id, "message_id": message["message_id"]}
    edited = await sandbox.call("editMessageText", {**where, "text": "Filed"})
    assert edited["text"] == "Filed" and "edit_date" in edited
    assert "reply_markup" not in edited, "an edit without reply_markup drops the keyboard"
    [stored] = sandbox.list_sent_messages(user.id)
    assert (stored.text, stored.reply_markup, stored.edit_date) == (
        "Filed",
        None,
        edited["edit_date"],
    )


async def test_unchanged_edit_is_refused(sandbox: Sandbox, user: UserRecord) -> None:
    message = await sent(sandbox, user)
    where = {"chat_id": user.id, "message_id": message["message_id"]}
    same = {**where, "text": "<b>Report</b>", "parse_mode": "HTML", "reply_markup": MARKUP}
    assert await refused(sandbox, "editMessageText", same) == NOT_MODIFIED
    assert (
        await refused(sandbox, "editMessageReplyMarkup", {**where, "reply_markup": MARKUP})
        == NOT_MODIFIED
    )
    assert await sandbox.call("editMessageText", {**same, "parse_mode": None})


async def test_edits_of_missing_or_foreign_messages(sandbox: Sandbox, user: UserRecord) -> None:
    own = sandbox.send_text(user.id, "hello bot")
    text = {"chat_id": user.id, "text": "changed"}
    assert await refused(sandbox, "editMessageText", {**text, "message_id": 99}) == (
        "Bad Request: message to edit not found"
    )
    assert await refused(sandbox, "editMessageText", {**text, "message_id": own.message_id}) == (
        "Bad Request: message can't be edited"
    )
    assert await refused(sandbox, "editMessageText", text) == (
        "Bad Request: message identifier is not specified"
    )


async def test_delete_marks_the_message(sandbox: Sandbox, user: UserRecord) -> None:
    message = await sent(sandbox, user)
    where = {"chat_id": user.id, "message_id": message["message_id"]}
    assert await sandbox.call("deleteMessage", where) is True
    assert sandbox.list_sent_messages(user.id)[0].deleted
    assert (
        await refused(sandbox, "deleteMessage", where)
        == "Bad Request: message to delete not found"
    )
    assert await refused(sandbox, "editMessageText", {**where, "text": "x"}) == (
        "Bad Request: message to edit not found"
    )


async def test_replies_need_an_existing_message(sandbox: Sandbox, user: UserRecord) -> None:
    asked = sandbox.send_text(user.id, "where is my case?")
    reply = {
        "chat_id": user.id,
        "text": "here",
        "reply_parameters": {"message_id": asked.message_id},
    }
    answer = await sandbox.call("sendMessage", reply)
    assert answer["reply_to_message"]["text"] == "where is my case?"
    missing = {**reply, "reply_parameters": {"message_id": 404}}
    assert (
        await refused(sandbox, "sendMessage", missing)
        == "Bad Request: message to be replied not found"
    )
    lenient = {
        **reply,
        "reply_parameters": {"message_id": 404, "allow_sending_without_reply": True},
    }
    assert "reply_to_message" not in await sandbox.call("sendMessage", lenient)

"""Telegram updates as neutral Incoming events: commands, contacts, files, buttons, the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Bot, Update

from handlers.telegram.translate import to_incoming
from sandbox.telegram import DEFAULT_TOKEN

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
USER = {
    "id": 5001,
    "is_bot": False,
    "first_name": "王",
    "last_name": "经理",
    "language_code": "zh-hans",
}
PRIVATE = {"id": 5001, "type": "private", "first_name": "王"}
GROUP = {"id": -1001234, "type": "supergroup", "title": "高端铝业专班"}


def update(**fields: Any) -> Update:
    """An update as Telegram would send it."""
    return Update.de_json({"update_id": 1, **fields}, Bot(DEFAULT_TOKEN))


def message(chat: dict[str, Any] = PRIVATE, **fields: Any) -> dict[str, Any]:
    """A message from the test user."""
    return {"message_id": 7, "date": 1795652400, "chat": chat, "from": USER, **fields}


def test_a_command_with_its_argument() -> None:
    event = to_incoming(update(message=message(text="/start abc123")), "zhibao_bot", NOW)
    assert event is not None
    assert (event.command, event.argument, event.chat_kind) == ("start", "abc123", "private")
    assert (event.user_name, event.language_code, event.message_id) == ("王 经理", "zh-hans", "7")


def test_commands_for_another_bot_in_a_group_are_ignored() -> None:
    other = update(message=message(GROUP, text="/help@other_bot"))
    mine = update(message=message(GROUP, text="/inbox@Zhibao_Bot"))
    assert to_incoming(other, "zhibao_bot", NOW) is None
    event = to_incoming(mine, "zhibao_bot", NOW)
    assert event is not None and (event.command, event.chat_kind) == ("inbox", "group")


@pytest.mark.parametrize(("owner", "own"), [(5001, True), (6001, False)])
def test_a_shared_contact_says_whose_number_it_is(owner: int, own: bool) -> None:
    contact = {"phone_number": "+8613800000000", "first_name": "王", "user_id": owner}
    event = to_incoming(update(message=message(contact=contact)), "zhibao_bot", NOW)
    assert event is not None
    assert (event.contact_phone, event.contact_is_own) == ("+8613800000000", own)


def test_a_photo_takes_its_largest_size_and_keeps_the_caption() -> None:
    sizes = [
        {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90, "file_size": 900},
        {
            "file_id": "large",
            "file_unique_id": "l",
            "width": 900,
            "height": 900,
            "file_size": 90000,
        },
    ]
    event = to_incoming(update(message=message(photo=sizes, caption="现场")), "zhibao_bot", NOW)
    assert event is not None and event.text == "现场"
    assert [(a.kind, a.file_ref, a.size) for a in event.attachments] == [("photo", "large", 90000)]


def test_a_document_keeps_its_name_and_type() -> None:
    document = {
        "file_id": "doc",
        "file_unique_id": "d",
        "file_name": "负荷表.xlsx",
        "mime_type": "application/vnd.ms-excel",
        "file_size": 4096,
    }
    event = to_incoming(update(message=message(document=document)), "zhibao_bot", NOW)
    assert event is not None and event.text is None
    attachment = event.attachments[0]
    assert (attachment.name, attachment.mime_type) == ("负荷表.xlsx", "application/vnd.ms-excel")


def test_voice_and_stickers_are_marked_unsupported() -> None:
    voice = {"file_id": "v", "file_unique_id": "v", "duration": 3}
    event = to_incoming(update(message=message(voice=voice)), "zhibao_bot", NOW)
    assert event is not None and event.unsupported


def test_a_button_press_carries_its_payload_and_message() -> None:
    query = {
        "id": "q1",
        "from": USER,
        "chat_instance": "c",
        "data": "f:done",
        "message": {**message(), "from": {"id": 1, "is_bot": True, "first_name": "Z"}},
    }
    event = to_incoming(update(callback_query=query), "zhibao_bot", NOW)
    assert event is not None
    assert (event.button, event.button_message_id, event.user_id) == ("f:done", "7", "5001")


def test_the_bot_added_to_a_group_is_noticed() -> None:
    member = {
        "chat": GROUP,
        "from": USER,
        "date": 1795652400,
        "old_chat_member": {
            "status": "left",
            "user": {"id": 1, "is_bot": True, "first_name": "Z"},
        },
        "new_chat_member": {
            "status": "member",
            "user": {"id": 1, "is_bot": True, "first_name": "Z"},
        },
    }
    event = to_incoming(update(my_chat_member=member), "zhibao_bot", NOW)
    assert event is not None and event.bot_added and event.chat_id == "-1001234"

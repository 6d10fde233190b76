"""Telegram updates as neutral Incoming events: commands, contacts, files, buttons, the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Bot, Update

from handlers.telegram.translate import inbox_key, to_incoming
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
    assert (event.user_name, event.language_code, event.message_id) == ("王经理", "zh-hans", "7")


@pytest.mark.parametrize(
    ("first", "last", "name"),
    [
        ("钱", "工", "钱工"),
        ("欧阳", "晓明", "欧阳晓明"),
        ("阿依古丽", "买买提·艾力", "阿依古丽买买提·艾力"),
        ("钱", None, "钱"),
        ("John", "Smith", "John Smith"),
        ("王", "Smith", "王 Smith"),
        ("钱工", "(ZB)", "钱工 (ZB)"),
        ("たろう", "山田", "たろう 山田"),
        ("김", "민수", "김 민수"),
    ],
)
def test_a_chinese_first_and_last_name_join_without_a_space(
    first: str, last: str | None, name: str
) -> None:
    user = {**USER, "first_name": first, "last_name": last}
    sent = update(message={**message(text="你好"), "from": user})
    event = to_incoming(sent, "zhibao_bot", NOW)
    assert event is not None and event.user_name == name
    member = {**chat_member("member"), "from": user}
    added = to_incoming(update(my_chat_member=member), "zhibao_bot", NOW)
    assert added is not None and added.user_name == name


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


def chat_member(status: str, date: int = 1795652400) -> dict[str, Any]:
    """The bot's membership of the test group changing to `status`."""
    bot = {"id": 1, "is_bot": True, "first_name": "Z"}
    return {
        "chat": GROUP,
        "from": USER,
        "date": date,
        "old_chat_member": {"status": "left", "user": bot},
        "new_chat_member": {"status": status, "user": bot},
    }


def test_the_bot_added_to_a_group_is_noticed() -> None:
    member = chat_member("member")
    event = to_incoming(update(my_chat_member=member), "zhibao_bot", NOW)
    assert event is not None and event.bot_added and event.chat_id == "-1001234"


def test_a_message_is_known_by_chat_message_id_and_date_never_by_update_id() -> None:
    key = inbox_key({"update_id": 1, "message": message(text="/help")})
    assert key == "m:5001:7:1795652400"
    # Telegram delivering the same message again, under any update number: the same key.
    assert inbox_key({"update_id": 9, "message": message(text="/help")}) == key
    # Update ids and message ids start again after a restart; the moment does not.
    later = message(text="/new", date=1795652461)
    assert inbox_key({"update_id": 1, "message": later}) == "m:5001:7:1795652461"
    group = inbox_key({"update_id": 1, "message": message(GROUP, text="/help")})
    assert group == "m:-1001234:7:1795652400"


def test_a_press_is_known_by_its_query_id() -> None:
    query = {"id": "4412", "from": USER, "chat_instance": "c", "data": "f:done"}
    assert inbox_key({"update_id": 3, "callback_query": query}) == "c:4412"
    assert inbox_key({"update_id": 1, "callback_query": query}) == "c:4412"
    other = inbox_key({"update_id": 3, "callback_query": {**query, "id": "4413"}})
    assert other == "c:4413"


def test_a_membership_change_is_known_by_chat_user_moment_and_status() -> None:
    added = inbox_key({"update_id": 5, "my_chat_member": chat_member("member")})
    assert added == "j:-1001234:5001:1795652400:member"
    removed = inbox_key({"update_id": 6, "my_chat_member": chat_member("left")})
    assert removed == "j:-1001234:5001:1795652400:left"
    again = inbox_key({"update_id": 1, "my_chat_member": chat_member("member", 1795652500)})
    assert again == "j:-1001234:5001:1795652500:member"


def test_other_updates_are_known_by_their_content() -> None:
    edited = {"update_id": 8, "edited_message": message(text="改了")}
    key = inbox_key(edited)
    assert key.startswith("u:") and len(key) == 42
    assert inbox_key({**edited, "update_id": 1}) == key, "the update id is not content"
    assert inbox_key({"update_id": 8, "edited_message": message(text="又改了")}) != key
    reordered = {"edited_message": dict(reversed(list(message(text="改了").items())))}
    assert inbox_key({"update_id": 2, **reordered}) == key, "field order is not content"


def test_every_key_fits_the_inbox_column() -> None:
    longest_chat = {"id": -1009999999999, "type": "supergroup", "title": "群"}
    big = message(longest_chat, text="x", message_id=2**31 - 1, date=2**32)
    assert len(inbox_key({"update_id": 2**31, "message": big})) <= 128
    query = {"id": "9" * 64, "from": USER, "chat_instance": "c", "data": "x"}
    assert len(inbox_key({"update_id": 1, "callback_query": query})) <= 128

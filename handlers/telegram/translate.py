"""A Telegram update as the dialogs' neutral Incoming event (or None when it is not for us)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from telegram import Message, Update, User

from bot.dialogs.events import ChatKind, Incoming
from bot.domain.model import Attachment

CHANNEL = "telegram"
# Han characters, and the middle dot of transcribed names (阿依古丽·买买提).
_HAN_NAME = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
    r"(?:[\u00b7\u30fb][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)*"
)


def inbox_key(update: Mapping[str, Any]) -> str:
    """What identifies an update across deliveries: the message it carries, never its number.

    Update ids start again at 1 (the sandbox on every start, Telegram after a quiet week), so
    a message is known by chat, message id and date, a button press by Telegram's own query
    id, and anything else by its content.
    """
    message = update.get("message")
    if isinstance(message, Mapping):
        chat = message.get("chat") or {}
        return f"m:{chat.get('id')}:{message.get('message_id')}:{message.get('date')}"
    query = update.get("callback_query")
    if isinstance(query, Mapping) and query.get("id"):
        return f"c:{query['id']}"
    member = update.get("my_chat_member")
    if isinstance(member, Mapping):
        chat, user = member.get("chat") or {}, member.get("from") or {}
        status = (member.get("new_chat_member") or {}).get("status")
        return f"j:{chat.get('id')}:{user.get('id')}:{member.get('date')}:{status}"
    content = {k: v for k, v in update.items() if k != "update_id"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "u:" + hashlib.sha256(canonical.encode()).hexdigest()[:40]


def to_incoming(update: Update, bot_username: str, now: datetime) -> Incoming | None:
    """The neutral event for an update; None for kinds the bot does not act on."""
    query = update.callback_query
    if query is not None:
        message = query.message
        if not isinstance(message, Message) or query.data is None:
            return None
        return replace(
            _base(message, query.from_user, now),
            button=query.data,
            button_message_id=str(message.message_id),
        )
    if update.my_chat_member is not None:
        return _bot_added(update, now)
    message = update.message
    if message is None or message.from_user is None:
        return None
    base = replace(_base(message, message.from_user, now), attachments=_attachments(message))
    if message.contact is not None:
        own = message.contact.user_id == message.from_user.id
        return replace(base, contact_phone=message.contact.phone_number, contact_is_own=own)
    if message.text and message.text.startswith("/"):
        command, _, argument = message.text[1:].partition(" ")
        name, _, addressee = command.partition("@")
        if addressee and addressee.lower() != bot_username.lower():
            return None  # a command for another bot in the same group
        return replace(base, command=name.lower(), argument=argument.strip())
    text = message.text or message.caption
    if text is None and not base.attachments:
        return replace(base, unsupported=True)
    return replace(base, text=text)


def _bot_added(update: Update, now: datetime) -> Incoming | None:
    member = update.my_chat_member
    assert member is not None
    added = member.new_chat_member.status in ("member", "administrator")
    if not added or member.chat.type == "private":
        return None
    return Incoming(
        channel=CHANNEL,
        chat_id=str(member.chat.id),
        chat_kind="group",
        user_id=str(member.from_user.id),
        user_name=_name_of(member.from_user),
        at=now,
        language_code=member.from_user.language_code,
        bot_added=True,
    )


def _base(message: Message, user: User, now: datetime) -> Incoming:
    return Incoming(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        chat_kind=_kind(message.chat.type),
        user_id=str(user.id),
        user_name=_name_of(user),
        at=now,
        message_id=str(message.message_id),
        language_code=user.language_code,
    )


def _name_of(user: User) -> str:
    """The user's name as written: a Chinese first and last name join without a space."""
    first, last = user.first_name.strip(), (user.last_name or "").strip()
    if last and _HAN_NAME.fullmatch(first) and _HAN_NAME.fullmatch(last):
        return first + last
    return user.full_name


def _kind(chat_type: str) -> ChatKind:
    return "private" if chat_type == "private" else "group"


def _attachments(message: Message) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    if message.photo:
        largest = message.photo[-1]
        found.append(Attachment("photo", largest.file_id, size=largest.file_size))
    if message.document is not None:
        doc = message.document
        found.append(
            Attachment("document", doc.file_id, doc.file_name, doc.mime_type, doc.file_size)
        )
    return tuple(found)

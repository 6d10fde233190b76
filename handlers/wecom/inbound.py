"""A decrypted WeCom callback as flat fields, and as the dialogs' neutral Incoming event.

WeCom's callbacks are flat XML (接收消息与事件: 消息格式, 事件格式): one `<xml>` root whose
children each carry one value. A self-built app receives text, image, voice, video, location
and link messages, and events such as template_card_event (a card's button pressed) and
subscribe. Callbacks carry the sender's user id but no display name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import NoReturn
from xml.parsers import expat

from bot.dialogs.events import Incoming
from bot.domain.model import Attachment

CHANNEL = "wecom"
ROOT = "xml"
CARD_EVENT = "template_card_event"
_COMMAND = re.compile(r"/(\w+)(?:\s+(.*))?", re.DOTALL)


def parse_xml(text: str) -> dict[str, str]:
    """The root's children as tag → text; ValueError on anything but flat, plain XML.

    A document type (and so any entity declaration) is refused outright: a callback never has
    one, and refusing it shuts out entity expansion and external references. Elements nested
    deeper than the root's children (a card event's SelectedItems) are skipped.
    """
    fields: dict[str, str] = {}
    parts: list[str] = []
    path: list[str] = []

    def start(tag: str, attributes: object) -> None:
        if not path and tag != ROOT:
            raise ValueError(f"the root element is <{tag}>, not <{ROOT}>")
        if len(path) == 1:
            if tag in fields:
                raise ValueError(f"<{tag}> appears twice")
            parts.clear()
        path.append(tag)

    def end(tag: str) -> None:
        path.pop()
        if len(path) == 1:
            fields[tag] = "".join(parts)

    def characters(data: str) -> None:
        if len(path) == 2:
            parts.append(data)

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_entity
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise ValueError(f"not well-formed XML: {expat.errors.messages[error.code]}") from error
    return fields


def outer_encrypt(body: bytes) -> tuple[str, str]:
    """The POST body's Encrypt value and its ToUserName ("" when absent); ValueError if garbage."""
    try:
        text = body.decode()
    except UnicodeDecodeError as error:
        raise ValueError("the body is not UTF-8") from error
    fields = parse_xml(text)
    encrypt = fields.get("Encrypt", "").strip()
    if not encrypt:
        raise ValueError("the body has no Encrypt")
    return encrypt, fields.get("ToUserName", "").strip()


def inbox_key(fields: Mapping[str, str]) -> str:
    """What identifies a callback across WeCom's retries: the MsgId, or an event's own values."""
    msg_id = fields.get("MsgId", "").strip()
    if msg_id:
        return f"m:{msg_id}"
    values = (
        fields.get(name, "").strip()
        for name in ("FromUserName", "CreateTime", "Event", "EventKey", "TaskId")
    )
    return "e:" + ":".join(values)


def chat_of(fields: Mapping[str, str]) -> str | None:
    """The lane a callback belongs to: the sender's private chat with the app."""
    return fields.get("FromUserName", "").strip() or None


def card_click(fields: Mapping[str, str]) -> tuple[str, str, str] | None:
    """(task_id, user_id, response_code) of a card's button pressed, else None."""
    if not _is_event(fields, CARD_EVENT):
        return None
    task_id = fields.get("TaskId", "").strip()
    user_id = fields.get("FromUserName", "").strip()
    code = fields.get("ResponseCode", "").strip()
    if not (task_id and user_id and code):
        return None
    return task_id, user_id, code


def to_incoming(fields: Mapping[str, str], now: datetime) -> Incoming | None:
    """The neutral event for a callback; None for kinds the bot does not act on."""
    user_id = chat_of(fields)
    if user_id is None:
        return None
    base = Incoming(
        channel=CHANNEL,
        chat_id=user_id,
        chat_kind="private",
        user_id=user_id,
        user_name=user_id,
        at=now,
        message_id=fields.get("MsgId", "").strip() or None,
    )
    kind = fields.get("MsgType", "").strip()
    if kind == "event":
        return _event(fields, base)
    if kind == "text":
        return _text(fields.get("Content", ""), base)
    if kind in ("image", "file"):
        return _attachment(fields, kind, base)
    # voice, video, location, link and kinds yet to come: the domain keeps only photos and
    # documents as evidence, so the person is told the bot cannot take them.
    return replace(base, unsupported=True) if kind else None


def _text(content: str, base: Incoming) -> Incoming:
    match = _COMMAND.fullmatch(content.strip())
    if match is None:
        return replace(base, text=content)
    return replace(base, command=match[1].lower(), argument=(match[2] or "").strip())


def _attachment(fields: Mapping[str, str], kind: str, base: Incoming) -> Incoming:
    media_id = fields.get("MediaId", "").strip()
    if not media_id:
        return replace(base, unsupported=True)
    # Marked as WeCom's: another channel's messenger must fetch it, not send the id.
    media_id = f"{CHANNEL}:{media_id}"
    if kind == "image":
        return replace(base, attachments=(Attachment("photo", media_id),))
    # The documented message formats have no file message; one that comes is a document.
    name = fields.get("FileName", "").strip() or fields.get("Title", "").strip() or None
    return replace(base, attachments=(Attachment("document", media_id, name),))


def _event(fields: Mapping[str, str], base: Incoming) -> Incoming | None:
    if _is_event(fields, CARD_EVENT):
        key = fields.get("EventKey", "")
        if not key:
            return None
        task_id = fields.get("TaskId", "").strip() or None
        return replace(base, button=key, button_message_id=task_id)
    if _is_event(fields, "subscribe"):
        return replace(base, command="start")
    return None


def _is_event(fields: Mapping[str, str], name: str) -> bool:
    return fields.get("MsgType", "").strip() == "event" and fields.get("Event", "").strip() == name


def _refuse_doctype(*_: object) -> NoReturn:
    raise ValueError("a document type declaration is not allowed")


def _refuse_entity(*_: object) -> NoReturn:
    raise ValueError("an entity declaration or reference is not allowed")

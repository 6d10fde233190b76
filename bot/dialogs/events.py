"""What a channel adapter hands the dialogs, and what the dialogs hand back (Errbot-style)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.domain.model import Attachment

ChatKind = Literal["private", "group"]


@dataclass(frozen=True)
class Incoming:
    """One thing a person did in a chat, free of any chat SDK's types.

    Exactly one of text, command, button, contact or attachments carries the action; a
    message with a photo and a caption has both attachments and text.
    """

    channel: str
    chat_id: str
    chat_kind: ChatKind
    user_id: str
    user_name: str
    at: datetime
    message_id: str | None = None
    language_code: str | None = None
    text: str | None = None
    command: str | None = None
    argument: str = ""
    button: str | None = None
    button_message_id: str | None = None
    contact_phone: str | None = None
    contact_is_own: bool = False
    attachments: tuple[Attachment, ...] = ()
    bot_added: bool = False
    unsupported: bool = False
    # The dedupe key of the inbox entry this came from, marked handled when the turn closes.
    inbox_id: str | None = None


@dataclass(frozen=True)
class Button:
    """An inline button; `payload` is opaque (at most 64 bytes on Telegram)."""

    label: str
    payload: str


@dataclass(frozen=True)
class ViewTag:
    """A card of an issue that a message shows, so the message can be re-rendered later.

    `kind` says why the card was sent; the reader is the person or the task force's group.
    """

    issue_id: int
    kind: str
    person_id: int | None = None
    task_force_id: int | None = None


@dataclass(frozen=True)
class Reply:
    """One message to send, or to edit in place when `edit_message_id` is set.

    With `file` the message is that photo or document, `text` its caption. `views` names the
    issue cards the message shows, in order. An `edit_only` reply (a card shown anew) is never
    sent as a new message when its message cannot be edited.
    """

    chat_id: str
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    ask_contact: str | None = None
    remove_keyboard: bool = False
    edit_message_id: str | None = None
    file: Attachment | None = None
    views: tuple[ViewTag, ...] = ()
    edit_only: bool = False


@dataclass(frozen=True)
class Answer:
    """What the dialogs say back: messages, and a short toast for a pressed button."""

    replies: tuple[Reply, ...] = ()
    toast: str | None = None
    alert: bool = False

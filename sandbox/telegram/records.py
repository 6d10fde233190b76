"""What the emulator remembers: users, groups, messages and callback queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class UserRecord:
    """A Telegram account, human or bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """The User object."""
        user: dict[str, Any] = {
            "id": self.id,
            "is_bot": self.is_bot,
            "first_name": self.first_name,
        }
        for name in ("last_name", "username", "language_code"):
            value = getattr(self, name)
            if value is not None:
                user[name] = value
        return user

    def private_chat(self) -> dict[str, Any]:
        """The Chat object of this user's private chat (its id is the user's id)."""
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name is not None:
            chat["last_name"] = self.last_name
        if self.username is not None:
            chat["username"] = self.username
        return chat


@dataclass
class GroupRecord:
    """A supergroup; `members` holds user and bot ids."""

    id: int
    title: str
    members: set[int] = field(default_factory=set)

    def to_api(self) -> dict[str, Any]:
        """The Chat object."""
        return {"id": self.id, "type": "supergroup", "title": self.title}


@dataclass
class StoredMessage:
    """A message in a chat, as it stands now: edits applied, deletion marked."""

    message_id: int
    chat_id: int
    sender_id: int
    date: int
    outgoing: bool
    text: str | None = None
    source_text: str | None = None
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    document: dict[str, Any] | None = None
    contact: dict[str, Any] | None = None
    new_chat_members: list[int] | None = None
    reply_to: int | None = None
    edit_date: int | None = None
    deleted: bool = False

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        """The rows of the inline keyboard under the message, or no rows."""
        if self.reply_markup is None:
            return []
        rows = self.reply_markup.get("inline_keyboard")
        return rows if isinstance(rows, list) else []

    def to_control(self) -> dict[str, Any]:
        """A summary for the control API: what a tester wants to assert on."""
        summary: dict[str, Any] = {
            "message_id": self.message_id,
            "chat_id": self.chat_id,
            "from_id": self.sender_id,
            "outgoing": self.outgoing,
            "date": self.date,
            "deleted": self.deleted,
        }
        for name in ("text", "source_text", "parse_mode", "caption", "reply_markup", "photo"):
            if getattr(self, name) is not None:
                summary[name] = getattr(self, name)
        for name in ("document", "contact", "reply_to", "edit_date", "new_chat_members"):
            if getattr(self, name) is not None:
                summary[name] = getattr(self, name)
        if self.entities:
            summary["entities"] = self.entities
        return summary


@dataclass
class CallbackRecord:
    """A button press waiting for (or given) the bot's answerCallbackQuery."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created: float
    answer: dict[str, Any] | None = None


@dataclass
class ChatLog:
    """One chat's messages as one bot sees them, with ids counting up (from 1 by default)."""

    chat_id: int
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_id: int = 1

    def take_id(self) -> int:
        """Reserve the next message id."""
        message_id = self.next_id
        self.next_id += 1
        return message_id

"""The Telegram half of the channel driver: the Loop of tests/telegram over the Bot API sandbox.

People are Telegram users with numeric ids; the bot's answers are read from the sandbox, a
button is pressed on the bot's message that shows it (in the user's private chat first, then
in the groups the user is in), and button answers (toasts) are kept per presser.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from sandbox.telegram.records import CallbackRecord, StoredMessage
from tests.telegram.conftest import Loop

FIRST_USER = 8001


class TelegramSide:
    """The Loop's sandbox and runtime, seen as the people using them."""

    def __init__(self, loop: Loop) -> None:
        self.loop = loop
        self.sandbox = loop.sandbox
        self.ids: dict[str, int] = {}
        self.queries: dict[str, list[str]] = {}
        self._next = FIRST_USER

    def add(self, user: str, name: str, known_id: str | None = None) -> str:
        """A Telegram user for `user` (the id a person is known by, when given); their id."""
        user_id = int(known_id) if known_id is not None else self._next
        self._next = max(self._next, user_id) + 1
        self.sandbox.create_user(user_id=user_id, first_name=name, language_code="zh-hans")
        self.ids[user] = user_id
        return str(user_id)

    def group(self, chat_id: str, title: str, users: list[str]) -> None:
        """A group of these users, with the bot in it."""
        members = [self.ids[u] for u in users]
        self.sandbox.create_group(title, members=members, group_id=int(chat_id))
        self.sandbox.add_bot_to_group(int(chat_id), by=members[0])

    async def settle(self) -> None:
        """Fetch what people did and handle it (twice: a first poll may confirm only)."""
        await self.loop.runtime.poll_once(0)

    def send(self, user: str, text: str) -> None:
        """The user writes in their private chat with the bot."""
        self.sandbox.send_text(self.ids[user], text)

    def share_contact(self, user: str, phone: str) -> None:
        """The user shares their own phone with the contact button."""
        self.sandbox.share_contact(self.ids[user], phone)

    def messages(self, chat_id: int) -> list[StoredMessage]:
        """What the bot has said in a chat, oldest first (deleted ones left out)."""
        return [m for m in self.sandbox.list_sent_messages(chat_id) if not m.deleted]

    def texts(self, user: str) -> list[str]:
        """What the bot said in the user's private chat, as it shows now."""
        return [m.text or m.caption or "" for m in self.messages(self.ids[user])]

    def chat_texts(self, chat_id: str) -> list[str]:
        """What the bot said in a group."""
        return [m.text or m.caption or "" for m in self.messages(int(chat_id))]

    def toasts(self, user: str) -> list[str]:
        """The answers to the user's button presses, oldest first."""
        shown = (self.sandbox.get_callback_answer(q) for q in self.queries.get(user, []))
        return [str(a.get("text") or "") for a in shown if a]

    def press(self, user: str, label: str) -> None:
        """Press the newest button with this label the user can see."""
        user_id = self.ids[user]
        for chat_id in self._chats_of(user_id):
            for message in reversed(self.messages(chat_id)):
                for row in message.inline_keyboard:
                    for key in row:
                        if key.get("text") == label and "callback_data" in key:
                            query = self.sandbox.press_button(
                                chat_id,
                                message.message_id,
                                data=key["callback_data"],
                                user_id=user_id,
                            )
                            self.queries.setdefault(user, []).append(query)
                            return
        raise AssertionError(f"{user} sees no button {label!r}: {self.texts(user)}")

    def forge(self, user: str, data: str) -> None:
        """A button press carrying data the bot never put on the user's newest message."""
        user_id = self.ids[user]
        message = self.messages(user_id)[-1]
        bot = self.sandbox.get_bot()
        query = str(secrets.randbits(62))
        record = CallbackRecord(query, user_id, user_id, message.message_id, data, time.time())
        bot.callbacks[query] = record
        self.queries.setdefault(user, []).append(query)
        payload: dict[str, Any] = {
            "id": query,
            "from": self.sandbox.get_user(user_id).to_api(),
            "message": self.sandbox.render_message(bot, message),
            "chat_instance": str(user_id * 7919),
            "data": data,
        }
        bot.updates.push("callback_query", payload)

    def _chats_of(self, user_id: int) -> list[int]:
        groups = [g.id for g in self.sandbox.groups.values() if user_id in g.members]
        return [user_id, *groups]

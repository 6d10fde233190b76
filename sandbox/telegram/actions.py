"""What users do, turned into the updates Telegram would send the bot."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from typing import Any

from .bot_account import BotAccount
from .errors import ControlError
from .formatting import count_utf16
from .records import CallbackRecord, StoredMessage
from .world import World

COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")


def command_entities(text: str) -> list[dict[str, Any]]:
    """A bot_command entity for a leading /command (or /command@botname), as clients mark it."""
    match = COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": count_utf16(match.group(0))}]


def _find_button(message: StoredMessage, data: str | None, text: str | None) -> dict[str, Any]:
    for row in message.inline_keyboard:
        for button in row:
            if "callback_data" not in button:
                continue
            if data is not None and button["callback_data"] != data:
                continue
            if text is None or button["text"] == text:
                return dict(button)
    wanted = data if data is not None else text
    raise ControlError(f"message {message.message_id} has no callback button {wanted!r}")


class UserActions(World):
    """Control-API operations that act as a user: messages, joins and button presses."""

    def _audience(self, user_id: int, chat_id: int, token: str | None) -> list[BotAccount]:
        """The bots that see a user's message in a chat, the named (or first) bot first."""
        self.get_user(user_id)
        wanted = self.get_bot(token)
        if chat_id in self.groups:
            group = self.groups[chat_id]
            if user_id not in group.members:
                raise ControlError(f"user {user_id} is not in group {chat_id}")
            if wanted.id not in group.members:
                raise ControlError(f"bot {wanted.id} is not in group {chat_id}")
            others = [b for b in self.bots.values() if b.id in group.members and b is not wanted]
            return [wanted, *others]
        if chat_id != user_id:
            raise ControlError("a private chat's id is its user's id")
        return [wanted]

    def _post(
        self, user_id: int, chat_id: int | None, token: str | None, **content: Any
    ) -> StoredMessage:
        chat = user_id if chat_id is None else chat_id
        posted: list[StoredMessage] = []
        for bot in self._audience(user_id, chat, token):
            if chat == user_id:
                # Writing to a bot opens the chat, and undoes a block, as /start does.
                bot.started.add(user_id)
                if user_id in bot.blocked:
                    bot.blocked.discard(user_id)
                    self.announce_private_status(bot, user_id, "kicked", "member")
            message = StoredMessage(
                message_id=bot.open_log(chat).take_id(),
                chat_id=chat,
                sender_id=user_id,
                date=self.now(),
                outgoing=False,
                **content,
            )
            bot.store(message)
            bot.updates.push("message", self.render_message(bot, message))
            posted.append(message)
        return posted[0]

    def send_text(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        token: str | None = None,
        reply_to: int | None = None,
    ) -> StoredMessage:
        """The user writes text in their private chat with the bot, or in a group."""
        return self._post(
            user_id, chat_id, token, text=text, entities=command_entities(text), reply_to=reply_to
        )

    def share_contact(
        self, user_id: int, phone_number: str, token: str | None = None
    ) -> StoredMessage:
        """The user shares their own contact (as a request_contact button does)."""
        user = self.get_user(user_id)
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": user.first_name,
            "user_id": user.id,
        }
        if user.last_name is not None:
            contact["last_name"] = user.last_name
        return self._post(user_id, None, token, contact=contact)

    def send_photo(
        self,
        user_id: int,
        data: bytes,
        caption: str | None = None,
        chat_id: int | None = None,
        token: str | None = None,
    ) -> StoredMessage:
        """The user sends a photo; the bot receives two sizes, as Telegram sends several."""
        sizes = [s.to_photo_size() for s in self.files.add_photo(data)]
        return self._post(user_id, chat_id, token, photo=sizes, caption=caption)

    def send_document(
        self,
        user_id: int,
        data: bytes,
        file_name: str,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        token: str | None = None,
    ) -> StoredMessage:
        """The user sends a file; getFile and the download URL return these bytes."""
        document = self.files.add_document(data, file_name, mime_type).to_document()
        return self._post(user_id, chat_id, token, document=document, caption=caption)

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        user_id: int | None = None,
        token: str | None = None,
    ) -> str:
        """Press an inline callback button (by its data or its label); returns the query id."""
        if data is None and text is None:
            raise ControlError("name the button by its data or its text")
        bot = self.get_bot(token)
        message = bot.find_message(chat_id, message_id)
        if message is None or not message.outgoing:
            raise ControlError(f"the bot has no message {message_id} in chat {chat_id}")
        if user_id is None:
            if chat_id in self.groups:
                raise ControlError("in a group, say which user presses the button")
            user_id = chat_id
        presser = self.get_user(user_id)
        if chat_id in self.groups and user_id not in self.groups[chat_id].members:
            raise ControlError(f"user {user_id} is not in group {chat_id}")
        button = _find_button(message, data, text)
        query_id = str(secrets.randbits(62))
        bot.callbacks[query_id] = CallbackRecord(
            query_id, presser.id, chat_id, message_id, button["callback_data"], self.clock()
        )
        payload = {
            "id": query_id,
            "from": presser.to_api(),
            "message": self.render_message(bot, message),
            "chat_instance": str(-(abs(chat_id) * 7919 + bot.id)),
            "data": button["callback_data"],
        }
        bot.updates.push("callback_query", payload)
        return query_id

    def delete_for_both(self, chat_id: int, message_id: int, token: str | None = None) -> None:
        """The user deletes one of the bot's messages in their private chat for both sides;
        Telegram tells the bot nothing, and later edits of it find no message."""
        bot = self.get_bot(token)
        message = bot.find_message(chat_id, message_id)
        if chat_id in self.groups or message is None or not message.outgoing:
            raise ControlError(f"the bot has no message {message_id} in private chat {chat_id}")
        message.deleted = True

    def add_members(self, group_id: int, user_ids: Iterable[int], by: int | None = None) -> None:
        """Users join a group (added by `by`, or by themselves); bots there see the join."""
        group = self.get_group(group_id)
        joined = [self.get_user(u).id for u in user_ids]
        group.members.update(joined)
        actor = self.get_user(by).id if by is not None else joined[0]
        for bot in self.bots.values():
            if bot.id in group.members:
                self._announce_join(bot, group_id, actor, joined)

    def add_bot_to_group(
        self, group_id: int, by: int, token: str | None = None, *, announce: bool = True
    ) -> None:
        """A member adds the bot: it gets my_chat_member and a new_chat_members message.

        Without `announce` the bot is a member as if from before the sandbox started (a
        restarted playground's group): no update tells it so.
        """
        group = self.get_group(group_id)
        bot = self.get_bot(token)
        adder = self.get_user(by)
        if adder.id not in group.members or bot.id in group.members:
            raise ControlError("the adder must be in the group and the bot not yet")
        group.members.add(bot.id)
        if not announce:
            return
        bot_user = bot.user.to_api()
        change = {
            "chat": group.to_api(),
            "from": adder.to_api(),
            "date": self.now(),
            "old_chat_member": {"status": "left", "user": bot_user},
            "new_chat_member": {"status": "member", "user": bot_user},
        }
        bot.updates.push("my_chat_member", change)
        self._announce_join(bot, group_id, adder.id, [bot.id])

    def announce_private_status(self, bot: BotAccount, user_id: int, old: str, new: str) -> None:
        """Tell the bot its standing in a private chat changed (blocked, or unblocked)."""
        user = self.get_user(user_id)

        def member(status: str) -> dict[str, Any]:
            entry: dict[str, Any] = {"status": status, "user": bot.user.to_api()}
            if status == "kicked":
                entry["until_date"] = 0
            return entry

        change = {
            "chat": user.private_chat(),
            "from": user.to_api(),
            "date": self.now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        bot.updates.push("my_chat_member", change)

    def _announce_join(
        self, bot: BotAccount, group_id: int, actor: int, joined: list[int]
    ) -> None:
        message = StoredMessage(
            message_id=bot.open_log(group_id).take_id(),
            chat_id=group_id,
            sender_id=actor,
            date=self.now(),
            outgoing=False,
            new_chat_members=joined,
        )
        bot.store(message)
        bot.updates.push("message", self.render_message(bot, message))

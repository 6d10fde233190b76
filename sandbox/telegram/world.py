"""The emulator's state: bots, users, groups and files, and how they look as Bot API objects."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from .bot_account import BotAccount
from .errors import (
    BLOCKED,
    CANT_INITIATE,
    CHAT_NOT_FOUND,
    NOT_A_MEMBER,
    ApiError,
    ControlError,
    bad_request,
    forbidden,
)
from .faults import FaultPlan
from .files import FileStore
from .flood import FloodLimits
from .records import GroupRecord, StoredMessage, UserRecord
from .schema import Schema, load_schema
from .stats import CallStats

DEFAULT_TOKEN = "123456:SANDBOX-token"
# Seconds before this moment number no message: see unused_message_ids.
MESSAGE_ID_EPOCH = 1_700_000_000
TOKEN_SHAPE = re.compile(r"(\d+):[A-Za-z0-9_-]+")
BOT_NAME = "Zhibao"


def unused_message_ids(now: float) -> int:
    """A first message id above those an earlier run of the emulator gave out.

    Telegram never numbers two messages of a chat alike, and a bot keeps the ids of messages
    it may edit later; an emulator started afresh that counted from 1 again would have such
    a bot edit the wrong message. Counting from the seconds since an epoch stays above an
    earlier run's ids unless that run averaged more than a message a second in one chat.
    """
    return max(1, int(now) - MESSAGE_ID_EPOCH)


class World:
    """All state of one emulator instance, in memory."""

    def __init__(
        self,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        *,
        strict: bool = True,
        flood_limits: FloodLimits | None = None,
        clock: Callable[[], float] = time.time,
        webhook_retry: tuple[float, float] = (0.05, 2.0),
        first_message_id: int = 1,
    ) -> None:
        self.schema: Schema = load_schema()
        self.first_message_id = first_message_id
        self.strict = strict
        self.clock = clock
        self.webhook_retry = webhook_retry
        self.flood_limits = flood_limits
        self.users: dict[int, UserRecord] = {}
        self.groups: dict[int, GroupRecord] = {}
        self.bots: dict[str, BotAccount] = {}
        self.files = FileStore()
        self.flood_enabled = False
        self.faults = FaultPlan()
        self.stats = CallStats()
        for token in tokens:
            self.add_bot(token)

    def add_bot(self, token: str, username: str | None = None) -> BotAccount:
        """Register a bot token; its user id is the number before the colon."""
        shape = TOKEN_SHAPE.fullmatch(token)
        if shape is None:
            raise ControlError(f"not a bot token: {token!r}")
        bot_id = int(shape.group(1))
        user = UserRecord(
            bot_id, BOT_NAME, username=username or f"zhibao{bot_id}_bot", is_bot=True
        )
        self.users[bot_id] = user
        account = BotAccount(token, user, self.flood_limits, self.first_message_id)
        account.flood.enabled = self.flood_enabled
        self.bots[token] = account
        return account

    def get_bot(self, token: str | None = None) -> BotAccount:
        """The bot with this token, or the first one registered."""
        if token is None:
            return next(iter(self.bots.values()))
        if token not in self.bots:
            raise ControlError(f"unknown bot token {token!r}")
        return self.bots[token]

    def authenticate(self, token: str) -> BotAccount:
        """The bot a Bot API call is for; Telegram's 404/401 for malformed/unknown tokens."""
        if TOKEN_SHAPE.fullmatch(token) is None:
            raise ApiError(404, "Not Found")
        account = self.bots.get(token)
        if account is None:
            raise ApiError(401, "Unauthorized")
        return account

    def now(self) -> int:
        """Unix time in whole seconds, as every Bot API date is."""
        return int(self.clock())

    def get_user(self, user_id: int) -> UserRecord:
        """A known human user, for the control API."""
        user = self.users.get(user_id)
        if user is None or user.is_bot:
            raise ControlError(f"unknown user {user_id}")
        return user

    def get_group(self, chat_id: int) -> GroupRecord:
        """A known group, for the control API."""
        if chat_id not in self.groups:
            raise ControlError(f"unknown group {chat_id}")
        return self.groups[chat_id]

    def render_chat(self, chat_id: int) -> dict[str, Any]:
        """The Chat object of a private chat or group."""
        if chat_id in self.groups:
            return self.groups[chat_id].to_api()
        return self.users[chat_id].private_chat()

    def resolve_chat(self, bot: BotAccount, chat: Any) -> int:
        """Resolve a chat_id parameter to a chat this bot can see, or "chat not found"."""
        if isinstance(chat, int):
            group = self.groups.get(chat)
            if group is not None and bot.id in group.members:
                return chat
            user = self.users.get(chat)
            if user is not None and not user.is_bot and chat in bot.started:
                return chat
        raise bad_request(CHAT_NOT_FOUND)

    def resolve_writable_chat(self, bot: BotAccount, chat: Any) -> int:
        """Resolve a chat_id the bot is sending to, with Telegram's 403s for closed chats."""
        if isinstance(chat, int):
            group = self.groups.get(chat)
            if group is not None and bot.id not in group.members:
                raise forbidden(NOT_A_MEMBER)
            user = self.users.get(chat)
            if user is not None and not user.is_bot:
                if chat in bot.blocked:
                    raise forbidden(BLOCKED)
                if chat not in bot.started:
                    raise forbidden(CANT_INITIATE)
        return self.resolve_chat(bot, chat)

    def admit(self, bot: BotAccount, chat_id: int) -> None:
        """Count one outgoing message against the flood limits (429 when over)."""
        try:
            bot.flood.admit(chat_id, chat_id not in self.groups, self.clock())
        except ApiError:
            self.stats.answered_429 += 1
            raise

    def render_message(
        self, bot: BotAccount, message: StoredMessage, with_reply: bool = True
    ) -> dict[str, Any]:
        """The Message object, as a bot receives it in updates and method results."""
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.users[message.sender_id].to_api(),
            "chat": self.render_chat(message.chat_id),
            "date": message.date,
        }
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        for name in ("text", "caption", "photo", "document", "contact"):
            value = getattr(message, name)
            if value is not None:
                result[name] = value
        if message.entities:
            result["entities"] = message.entities
        if message.caption_entities:
            result["caption_entities"] = message.caption_entities
        if message.new_chat_members is not None:
            result["new_chat_members"] = [self.users[i].to_api() for i in message.new_chat_members]
        # Telegram echoes only inline keyboards; reply keyboards live on the client.
        if message.inline_keyboard:
            result["reply_markup"] = message.reply_markup
        if with_reply and message.reply_to is not None:
            target = bot.find_message(message.chat_id, message.reply_to)
            if target is not None:
                result["reply_to_message"] = self.render_message(bot, target, with_reply=False)
        return result


Handler = Callable[[World, BotAccount, dict[str, Any]], Awaitable[Any]]

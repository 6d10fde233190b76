"""One bot as Telegram knows it: its user, chats, update queue, webhook, commands and limits."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from .flood import FloodControl, FloodLimits
from .records import CallbackRecord, ChatLog, StoredMessage, UserRecord
from .updates import UpdateQueue
from .webhook import WebhookSender, WebhookState


class BotAccount:
    """Everything the emulator keeps per bot token."""

    def __init__(
        self,
        token: str,
        user: UserRecord,
        flood_limits: FloodLimits | None,
        first_message_id: int = 1,
    ) -> None:
        self.token = token
        self.first_message_id = first_message_id
        self.user = user
        self.chats: dict[int, ChatLog] = {}
        self.updates = UpdateQueue()
        self.webhook = WebhookState()
        self.sender: WebhookSender | None = None
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.flood = FloodControl(flood_limits)
        self.started: set[int] = set()
        self.blocked: set[int] = set()
        self.chat_actions: list[tuple[int, str]] = []
        self._sent_signal = asyncio.Event()

    @property
    def id(self) -> int:
        """The bot's user id (the number before the colon in its token)."""
        return self.user.id

    def open_log(self, chat_id: int) -> ChatLog:
        """The chat's message log, created on first use."""
        if chat_id not in self.chats:
            self.chats[chat_id] = ChatLog(chat_id, next_id=self.first_message_id)
        return self.chats[chat_id]

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """A message that exists and is not deleted."""
        log = self.chats.get(chat_id)
        found = log.messages.get(message_id) if log is not None else None
        return None if found is None or found.deleted else found

    def store(self, message: StoredMessage) -> StoredMessage:
        """Add a message to its chat's log and wake anyone waiting for bot messages."""
        self.open_log(message.chat_id).messages[message.message_id] = message
        if message.outgoing:
            self.notify_sent()
        return message

    def notify_sent(self) -> None:
        """Wake waiters after the bot sent, edited or deleted something."""
        self._sent_signal.set()
        self._sent_signal = asyncio.Event()

    def list_sent(self, chat_id: int) -> list[StoredMessage]:
        """The bot's own messages in a chat, oldest first, deleted ones included and marked."""
        log = self.chats.get(chat_id)
        if log is None:
            return []
        return [m for m in log.messages.values() if m.outgoing]

    async def wait_until(self, condition: Callable[[], bool], seconds: float) -> None:
        """Wait up to `seconds` until `condition()` holds, re-checking after every bot action."""
        async with asyncio.timeout(seconds):
            while not condition():
                await self._sent_signal.wait()

    async def wait_for_sent(self, chat_id: int, count: int, seconds: float) -> list[StoredMessage]:
        """Wait up to `seconds` until the bot has sent at least `count` messages to the chat."""
        await self.wait_until(lambda: len(self.list_sent(chat_id)) >= count, seconds)
        return self.list_sent(chat_id)

    @staticmethod
    def make_scope_key(scope: dict[str, Any] | None, language_code: str | None) -> str:
        """The key under which setMyCommands stores a list (scope and language)."""
        scope_part = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return f"{scope_part}|{language_code or ''}"

    async def stop_webhook(self) -> None:
        """Stop delivering to the webhook, if one is being served."""
        if self.sender is not None:
            await self.sender.stop()
            self.sender = None

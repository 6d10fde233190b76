"""The in-process emulator: the Bot API plus a control API to act as users and read results."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from .actions import UserActions
from .api import call_api
from .errors import ControlError
from .faults import Fault, make_fault
from .flood import FloodLimits
from .records import GroupRecord, StoredMessage, UserRecord
from .stats import CallStats
from .uploads import Upload
from .world import DEFAULT_TOKEN

FIRST_USER_ID = 700_000_001
FIRST_GROUP_NUMBER = 1_000_000_001


class Sandbox(UserActions):
    """A Telegram stand-in: call the Bot API with `call`, drive users with the control methods.

    Every control method takes an optional `token` naming the bot; by default the first one.
    """

    def __init__(
        self,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        *,
        strict: bool = True,
        flood: bool = False,
        flood_limits: FloodLimits | None = None,
        clock: Callable[[], float] = time.time,
        webhook_retry: tuple[float, float] = (0.05, 2.0),
        first_message_id: int = 1,
    ) -> None:
        self._settings: dict[str, Any] = {
            "first_message_id": first_message_id,
            "tokens": tuple(tokens),
            "strict": strict,
            "flood_limits": flood_limits,
            "clock": clock,
            "webhook_retry": webhook_retry,
        }
        self._initial_flood = flood
        self._setup()

    def _setup(self) -> None:
        super().__init__(**self._settings)
        self._next_user_id = FIRST_USER_ID
        self._next_group_number = FIRST_GROUP_NUMBER
        self.set_flood_control(self._initial_flood)

    async def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        uploads: dict[str, Upload] | None = None,
        token: str | None = None,
    ) -> Any:
        """Call a Bot API method in-process, exactly as over HTTP (raises ApiError)."""
        return await call_api(self, token or self.get_bot().token, method, params or {}, uploads)

    def create_user(
        self,
        user_id: int | None = None,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        *,
        started: bool = True,
    ) -> UserRecord:
        """Create a user; with `started` every bot may write to them as if they had sent /start."""
        if user_id is None:
            while self._next_user_id in self.users:
                self._next_user_id += 1
            user_id = self._next_user_id
        if user_id <= 0 or user_id in self.users:
            raise ControlError(f"user id {user_id} is taken or not positive")
        user = UserRecord(user_id, first_name, last_name, username, language_code)
        self.users[user_id] = user
        if started:
            for bot in self.bots.values():
                bot.started.add(user_id)
        return user

    def create_group(
        self, title: str, members: Iterable[int] = (), group_id: int | None = None
    ) -> GroupRecord:
        """Create a supergroup (id -100...) of these users; bots join by add_bot_to_group."""
        if group_id is None:
            group_id = -int(f"100{self._next_group_number}")
            self._next_group_number += 1
        if group_id >= 0 or group_id in self.groups:
            raise ControlError(f"group id {group_id} is taken or not negative")
        group = GroupRecord(group_id, title)
        for user_id in members:
            group.members.add(self.get_user(user_id).id)
        self.groups[group_id] = group
        return group

    def block_bot(self, user_id: int, token: str | None = None) -> None:
        """The user blocks the bot: its sends answer 403 until the user writes again."""
        bot = self.get_bot(token)
        user = self.get_user(user_id)
        bot.blocked.add(user.id)
        self.announce_private_status(bot, user.id, "member", "kicked")

    def list_sent_messages(self, chat_id: int, token: str | None = None) -> list[StoredMessage]:
        """What the bot sent to a chat, oldest first: edits applied, deletions marked."""
        return self.get_bot(token).list_sent(chat_id)

    def read_history(self, chat_id: int, token: str | None = None) -> list[StoredMessage]:
        """Every message in the chat as the bot sees it, the users' included."""
        log = self.get_bot(token).chats.get(chat_id)
        return list(log.messages.values()) if log is not None else []

    async def wait_for_messages(
        self, chat_id: int, count: int, seconds: float = 5.0, token: str | None = None
    ) -> list[StoredMessage]:
        """Wait until the bot has sent `count` messages to the chat (TimeoutError after)."""
        return await self.get_bot(token).wait_for_sent(chat_id, count, seconds)

    async def wait_until(
        self, condition: Callable[[], bool], seconds: float = 5.0, token: str | None = None
    ) -> None:
        """Wait until `condition()` holds, checked whenever the bot sends, edits or answers."""
        await self.get_bot(token).wait_until(condition, seconds)

    def get_callback_answer(
        self, query_id: str, token: str | None = None
    ) -> dict[str, Any] | None:
        """The bot's answerCallbackQuery for a button press, or None while unanswered."""
        query = self.get_bot(token).callbacks.get(query_id)
        if query is None:
            raise ControlError(f"unknown callback query {query_id}")
        return query.answer

    def list_chat_actions(self, chat_id: int, token: str | None = None) -> list[str]:
        """The chat actions (typing, ...) the bot sent to a chat, oldest first."""
        return [action for chat, action in self.get_bot(token).chat_actions if chat == chat_id]

    def list_pending_updates(self, token: str | None = None) -> list[dict[str, Any]]:
        """Updates queued for the bot and not yet confirmed."""
        return self.get_bot(token).updates.peek()

    def set_flood_control(self, enabled: bool, limits: FloodLimits | None = None) -> None:
        """Switch Telegram's flood limits on or off for every bot; counters start afresh."""
        self.flood_enabled = enabled
        if limits is not None:
            self.flood_limits = limits
        for bot in self.bots.values():
            bot.flood.enabled = enabled
            if limits is not None:
                bot.flood.limits = limits
            bot.flood.reset()

    def inject_fault(
        self,
        status: int,
        count: int = 1,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        description: str | None = None,
    ) -> Fault:
        """Answer the next `count` matching Bot API calls with `status` instead (see faults.py).

        Without `method`, sends and edits match; without `chat_id`, any chat. 429 carries
        `retry_after` (1 by default); `delay` waits first, and with status 200 the call is
        then carried out late. `description` replaces Telegram's usual text for the status.
        """
        fault = make_fault(
            self.schema, status, count, method, chat_id, retry_after, delay, description
        )
        self.faults.add(fault)
        return fault

    def list_faults(self) -> list[Fault]:
        """The fault entries still pending, first match first, with their remaining counts."""
        return list(self.faults.entries)

    def clear_faults(self) -> None:
        """Drop every pending fault entry."""
        self.faults.clear()

    def read_stats(self, reset: bool = False) -> dict[str, Any]:
        """Calls by method, messages sent, flood 429s and faults so far (see stats.py).

        With `reset` the counting starts afresh after this read.
        """
        counted = self.stats.to_control()
        if reset:
            self.stats = CallStats()
        return counted

    async def reset(self) -> None:
        """Forget everything: back to the state right after construction."""
        await self.close()
        self._setup()

    async def close(self) -> None:
        """Stop background webhook delivery and late calls still waiting."""
        await self.faults.close()
        for bot in self.bots.values():
            await bot.stop_webhook()

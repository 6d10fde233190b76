"""The one outgoing messenger for Telegram: dialogs' answers and the outbox's notices alike."""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.dialogs.capabilities import TELEGRAM_LIKE
from bot.dialogs.events import Answer, Reply
from bot.dialogs.notices import DeliveryError
from handlers.files import FetchFile
from handlers.telegram.limiter import SendLimiter
from handlers.telegram.render import answer_button, send
from handlers.telegram.translate import CHANNEL

T = TypeVar("T")

# python-telegram-bot 22.2+ warns on every 429 (even while building the error) that
# `retry_after` will become a timedelta; retry_seconds takes either.
warnings.filterwarnings(
    "ignore", message=r".*attribute `retry_after`", category=PTBDeprecationWarning
)


class TelegramMessenger:
    """Sends neutral replies through the Bot API within Telegram's limits; the reference is
    "<chat id>:<message id>"."""

    channel = CHANNEL
    # The Bot API's limits are the dialogs' defaults: 4,096 characters, 100 buttons, edits,
    # the contact button, 20 MB files.
    capabilities = TELEGRAM_LIKE

    def __init__(
        self,
        bot: Bot,
        limiter: SendLimiter | None = None,
        fetch_file: FetchFile | None = None,
    ) -> None:
        self.bot = bot
        self.limiter = limiter or SendLimiter()
        # Another channel's files (a photo sent on WeCom) are fetched and uploaded.
        self.fetch_file = fetch_file

    async def send(self, reply: Reply) -> str:
        """Send a notice when the limits allow; failures come as DeliveryError."""
        await self.limiter.acquire(reply.chat_id)
        message_id = await self._delivered(lambda: send(self.bot, reply, self.fetch_file))
        return f"{reply.chat_id}:{message_id}"

    async def answer(self, reply: Reply) -> str:
        """Send a dialog's answer at once (it answers a person's own action); it still counts
        against the limits the notices keep. Returns the message id; failures as for `send`."""
        self.limiter.note(reply.chat_id)
        return str(await self._delivered(lambda: send(self.bot, reply, self.fetch_file)))

    async def acknowledge(self, callback_id: str, answer: Answer) -> None:
        """Answer a pressed button, with the dialogs' toast if there is one."""
        await self._delivered(lambda: answer_button(self.bot, callback_id, answer))

    async def _delivered(self, call: Callable[[], Awaitable[T]]) -> T:
        """The call's result, with Telegram's failures as DeliveryError."""
        try:
            return await call()
        except RetryAfter as error:
            seconds = retry_seconds(error)
            # The outbox's notices hold back as well: Telegram asked the whole bot to wait.
            self.limiter.pause(seconds)
            raise DeliveryError(str(error), retry_after=seconds) from error
        except (BadRequest, Forbidden) as error:
            # A blocked bot, a chat that is gone, a message Telegram refuses: no retry helps.
            raise DeliveryError(str(error), permanent=True) from error
        except ValueError as error:  # another channel's file that cannot be fetched here
            raise DeliveryError(str(error), permanent=True) from error
        except TelegramError as error:  # time-outs, 5xx, network: worth another try
            raise DeliveryError(f"{type(error).__name__}: {error}") from error


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait, in seconds (an int today, a timedelta later)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)

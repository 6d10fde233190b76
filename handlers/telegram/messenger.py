"""The one outgoing messenger for Telegram: dialogs' answers and the outbox's notices alike."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.dialogs.events import Reply
from bot.dialogs.notices import DeliveryError
from handlers.telegram.limiter import SendLimiter
from handlers.telegram.render import send
from handlers.telegram.translate import CHANNEL

# python-telegram-bot 22.2+ warns on every 429 (even while building the error) that
# `retry_after` will become a timedelta; retry_seconds takes either.
warnings.filterwarnings(
    "ignore", message=r".*attribute `retry_after`", category=PTBDeprecationWarning
)


class TelegramMessenger:
    """Sends neutral replies through the Bot API within Telegram's limits; the reference is
    "<chat id>:<message id>"."""

    channel = CHANNEL

    def __init__(self, bot: Bot, limiter: SendLimiter | None = None) -> None:
        self.bot = bot
        self.limiter = limiter or SendLimiter()

    async def send(self, reply: Reply) -> str:
        """Send a notice when the limits allow; failures come as DeliveryError."""
        await self.limiter.acquire(reply.chat_id)
        try:
            message_id = await send(self.bot, reply)
        except RetryAfter as error:
            seconds = retry_seconds(error)
            self.limiter.pause(seconds)
            raise DeliveryError(str(error), retry_after=seconds) from error
        except (BadRequest, Forbidden) as error:
            # A blocked bot, a chat that is gone, a message Telegram refuses: no retry helps.
            raise DeliveryError(str(error), permanent=True) from error
        except TelegramError as error:  # time-outs, 5xx, network: worth another try
            raise DeliveryError(f"{type(error).__name__}: {error}") from error
        return f"{reply.chat_id}:{message_id}"

    async def answer(self, reply: Reply) -> int:
        """Send a dialog's answer at once (it answers a person's own action); it still counts
        against the limits the notices keep. Telegram's errors come through unchanged."""
        self.limiter.note(reply.chat_id)
        return await send(self.bot, reply)


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait, in seconds (an int today, a timedelta later)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)

"""The one outgoing messenger for Telegram: dialogs' answers and the outbox's notices alike."""

from __future__ import annotations

from telegram import Bot

from bot.dialogs.events import Reply
from handlers.telegram.render import send
from handlers.telegram.translate import CHANNEL


class TelegramMessenger:
    """Sends neutral replies through the Bot API; the reference is "<chat id>:<message id>"."""

    channel = CHANNEL

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, reply: Reply) -> str:
        """Send one reply and say where it went."""
        message_id = await send(self.bot, reply)
        return f"{reply.chat_id}:{message_id}"

"""TelegramMessenger as a channel of the contract: python-telegram-bot against the sandbox."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from telegram import Bot

from bot.domain.model import Attachment
from handlers.telegram.limiter import SendLimiter
from handlers.telegram.messenger import TelegramMessenger
from handlers.telegram.service import telegram_bot
from handlers.telegram.translate import to_incoming
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from tests.messengers.harness import Pressed, Shown
from tests.sandbox.conftest import FrozenClock

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60


class TelegramChannel:
    """A private chat of one sandbox user with the bot; the limiter waits on a frozen clock."""

    def __init__(self, sandbox: Sandbox, bot: Bot) -> None:
        self.sandbox, self.bot = sandbox, bot
        self.user = sandbox.create_user(first_name="王经理", language_code="zh-hans").id
        self.chat = str(self.user)
        self._offset: int | None = None
        clock = FrozenClock()

        async def sleep(seconds: float) -> None:
            clock.advance(seconds)  # the limiter's one second a chat passes at once

        self.messenger = TelegramMessenger(bot, SendLimiter(clock=clock, sleep=sleep))

    def shown(self) -> list[Shown]:
        """The bot's messages in the chat as the sandbox shows them."""
        found = []
        for message in self.sandbox.list_sent_messages(self.user):
            if message.deleted:
                continue
            keyboard = (message.reply_markup or {}).get("inline_keyboard", [])
            payloads = tuple(str(key["callback_data"]) for row in keyboard for key in row)
            kind = "photo" if message.photo else "document" if message.document else None
            text = message.text or message.caption or ""
            found.append(Shown(str(message.message_id), text, payloads, kind))
        return found

    async def press(self, message: Shown, payload: str) -> Pressed:
        """Press the button in the sandbox, fetch the update and translate it as the bot does."""
        self.sandbox.press_button(self.user, int(message.id), data=payload)
        (update,) = await self.bot.get_updates(offset=self._offset, timeout=0)
        self._offset = update.update_id + 1  # confirmed, as the runtime confirms it
        incoming = to_incoming(update, self.bot.username, datetime.now(UTC))
        assert incoming is not None and incoming.button is not None
        return Pressed(incoming.button, incoming.button_message_id)

    async def attachment(self, kind: str) -> Attachment:
        """A file the user sent the bot, by the file id the bot received."""
        if kind == "photo":
            photo = self.sandbox.send_photo(self.user, JPEG).photo
            assert photo is not None
            return Attachment("photo", str(photo[-1]["file_id"]), "现场.jpg")
        document = self.sandbox.send_document(self.user, b"%PDF-1.4 report", "报告.pdf").document
        assert document is not None
        return Attachment("document", str(document["file_id"]), "报告.pdf")

    def flood(self) -> None:
        """Telegram's 429 with retry_after, injected into the next send."""
        self.sandbox.inject_fault(429, retry_after=3)

    def unreachable(self) -> str:
        """A user who blocked the bot (the Bot API answers 403)."""
        other = self.sandbox.create_user(first_name="孙组长").id
        self.sandbox.block_bot(other)
        return str(other)


@contextlib.asynccontextmanager
async def telegram_channel() -> AsyncIterator[TelegramChannel]:
    """A started sandbox and an initialised bot on it."""
    server = SandboxServer()
    await server.start()
    bot = telegram_bot(DEFAULT_TOKEN, server.base_url)
    await bot.initialize()
    try:
        yield TelegramChannel(server.sandbox, bot)
    finally:
        await bot.shutdown()
        await server.stop()

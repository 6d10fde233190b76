"""The Telegram channel: the bot against Telegram's Bot API, or against the local sandbox."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from telegram import Bot, BotCommand
from telegram.error import InvalidToken, NetworkError

from bot.dialogs.engine import Dialogs
from bot.domain.model import Attachment
from bot.i18n.catalog import Catalog
from bot.services.ports import UnitOfWorkFactory
from handlers.files import FetchFile
from handlers.inbox_runner import LANES
from handlers.telegram.messenger import TelegramMessenger
from handlers.telegram.request import AiohttpRequest
from handlers.telegram.runtime import ALLOWED_UPDATES, TelegramRuntime
from handlers.telegram.translate import CHANNEL
from handlers.telegram.webhook import WebhookOptions, WebhookReceiver, recover

log = logging.getLogger(__name__)

# The commands shown in Telegram's menu, by catalog id of their description.
MENU = ("new", "my", "settings", "lang", "help", "cancel")


class BotApiUnusable(Exception):
    """The Bot API server refused the token or could not be reached at start; says which."""


def server_root(url: str) -> str:
    """The Bot API server's root as people write it: python-telegram-bot's base URL form,
    ending in /bot, is taken too."""
    root = url.strip().rstrip("/")
    return root.removesuffix("/bot") if root.endswith("/bot") else root


def telegram_bot(token: str, root: str) -> Bot:
    """A Bot API client for the server at `root` (Telegram's, or the sandbox's)."""
    root = server_root(root)
    return Bot(
        token,
        base_url=f"{root}/bot",
        base_file_url=f"{root}/file/bot",
        # One connection per handling lane, and one for the long poll.
        request=AiohttpRequest(LANES),
        get_updates_request=AiohttpRequest(1),
    )


class TelegramChannel:
    """The Telegram channel of `zhibao run`: long polling, or a webhook when `webhook` is set.

    The composition root opens it, hands it the dialogs and runs it until the stop; its
    messenger is what the outbox's dispatcher for Telegram sends through.
    """

    name = CHANNEL
    capabilities = TelegramMessenger.capabilities

    def __init__(
        self,
        bot: Bot,
        webhook: WebhookOptions | None = None,
        expected_username: str | None = None,
    ) -> None:
        self.bot, self.webhook, self.expected_username = bot, webhook, expected_username
        self.messenger = TelegramMessenger(bot)
        self._opened: contextlib.AsyncExitStack | None = None

    @property
    def username(self) -> str:
        """The bot's username, known once the channel is open (invite links name it)."""
        return str(self.bot.username)

    async def open(self, catalog: Catalog) -> None:
        """Initialise the bot (getMe) and publish its command menu."""
        stack = contextlib.AsyncExitStack()
        await stack.enter_async_context(_opened(self.bot, self.expected_username))
        self._opened = stack
        await _publish_menu(self.bot, catalog)
        if self.webhook is None:
            await _drop_webhook(self.bot)

    async def fetch_file(self, file: Attachment) -> bytes:
        """A file people sent the bot on Telegram, for a messenger of another channel."""
        found = await self.bot.get_file(file.file_ref)
        return bytes(await found.download_as_bytearray())

    def relay_files(self, fetch: FetchFile) -> None:
        """Have the messenger send other channels' files, fetched with `fetch`."""
        self.messenger.fetch_file = fetch

    async def close(self) -> None:
        """Release the bot's connections."""
        if self._opened is not None:
            await self._opened.aclose()
            self._opened = None

    async def run(
        self,
        dialogs: Dialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        wake: Callable[[], object],
        stop: asyncio.Event,
    ) -> None:
        """Receive and handle updates until `stop` is set."""
        runtime = TelegramRuntime(
            self.bot, dialogs, new_uow, clock, after_handling=wake, messenger=self.messenger
        )
        if self.webhook is None:
            log.info("bot @%s is running", self.bot.username)
            await runtime.run_polling(stop)
            return
        await _run_webhook(self.bot, runtime, self.webhook, stop)


async def _run_webhook(
    bot: Bot, runtime: TelegramRuntime, options: WebhookOptions, stop: asyncio.Event
) -> None:
    """Serve Telegram's POSTs at `options.url` until `stop` is set (§12).

    The webhook stays set on exit (other instances may serve it) unless
    `options.delete_on_exit`. A failure while handling ends the run, as in polling mode.
    """
    receiver = WebhookReceiver(runtime, options.secret, options.path)
    await recover(runtime)
    await receiver.start(options.host, options.port)
    handling = asyncio.create_task(runtime.runner.failed())
    waiting = asyncio.create_task(stop.wait())
    try:
        await bot.set_webhook(
            options.url,
            secret_token=options.secret,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )
        log.info("bot @%s is running on its webhook", bot.username)
        await asyncio.wait({waiting, handling}, return_when=asyncio.FIRST_COMPLETED)
        if handling.done():
            handling.result()  # raises what ended the handling
    finally:
        await receiver.stop()
        if not handling.done():
            await receiver.finish()
        for task in (waiting, handling):
            await _cancel(task)
        if options.delete_on_exit:
            await bot.delete_webhook(drop_pending_updates=False)


@contextlib.asynccontextmanager
async def _opened(bot: Bot, configured_username: str | None) -> AsyncIterator[Bot]:
    """The bot, initialised (getMe), with a refusal at start said in words, not a traceback."""
    try:
        await bot.initialize()
    except InvalidToken:
        raise BotApiUnusable(
            "the Bot API server rejected TELEGRAM_BOT_TOKEN; check the token, and that "
            "ZHIBAO_TELEGRAM_BASE_URL is the server's root (https://api.telegram.org by default)"
        ) from None
    except NetworkError as error:
        raise BotApiUnusable(f"the Bot API server could not be reached: {error}") from None
    if configured_username and configured_username.lower() != bot.username.lower():
        # The command line prints invite links from the configuration, not from getMe.
        log.warning(
            "zhibao.toml [telegram] bot_username is %s but this bot is @%s: invite links "
            "printed by `zhibao invite create` point at the other bot; set it to %s",
            configured_username,
            bot.username,
            bot.username,
        )
    try:
        yield bot
    finally:
        await bot.shutdown()


async def _drop_webhook(bot: Bot) -> None:
    # Long polling gets 409 Conflict while a webhook is set.
    info = await bot.get_webhook_info()
    if info.url:
        log.warning("a webhook was set; deleting it so that long polling works")
        await bot.delete_webhook(drop_pending_updates=False)


async def _cancel(task: asyncio.Task[object]) -> None:
    if task.done():
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _publish_menu(bot: Bot, catalog: Catalog) -> None:
    for language in ("zh", "en"):
        commands = [BotCommand(c, catalog.text(language, f"menu-{c}")) for c in MENU]
        code = None if language == "zh" else language
        await bot.set_my_commands(commands, language_code=code)

"""`zhibao run` for Telegram: the bot against Telegram, or against the local sandbox."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from telegram import Bot, BotCommand

from bot.bootstrap import App
from bot.dialogs.engine import Dialogs
from bot.dialogs.notices import deliver_queued
from bot.dialogs.turn import DialogDeps
from bot.i18n.catalog import Catalog, default_catalog
from handlers.telegram.messenger import TelegramMessenger
from handlers.telegram.runtime import TelegramRuntime

log = logging.getLogger(__name__)

DELIVERY_INTERVAL = 10.0
# The commands shown in Telegram's menu, by catalog id of their description.
MENU = ("new", "my", "lang", "help", "cancel")


def telegram_bot(token: str, root: str) -> Bot:
    """A Bot API client for the server at `root` (Telegram's, or the sandbox's)."""
    root = root.rstrip("/")
    return Bot(token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot")


def now_utc() -> datetime:
    """The wall clock; the runtime is the edge, where reading it is allowed."""
    return datetime.now(UTC)


def build_runtime(
    app: App, bot: Bot, catalog: Catalog, clock: Callable[[], datetime] = now_utc
) -> TelegramRuntime:
    """The runtime wired to the app's dialogs, inbox and outbox."""
    dialogs = Dialogs(DialogDeps(app.uow, app.ctx, catalog))
    messenger = TelegramMessenger(bot)

    async def deliver() -> None:
        await deliver_queued(app.uow, catalog, messenger, app.ctx.calendar.tz)

    return TelegramRuntime(bot, dialogs, app.uow, clock, after_handling=deliver)


async def serve(app: App, bot: Bot, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set: long polling, and notices delivered as they queue."""
    catalog = default_catalog()
    async with bot:
        await _publish_menu(bot, catalog)
        runtime = build_runtime(app, bot, catalog)
        messenger = TelegramMessenger(bot)
        log.info("bot @%s is running", bot.username)
        delivering = asyncio.create_task(_deliver_forever(app, catalog, messenger, stop))
        try:
            await runtime.run_polling(stop)
        finally:
            delivering.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await delivering


async def _publish_menu(bot: Bot, catalog: Catalog) -> None:
    for language in ("zh", "en"):
        commands = [BotCommand(c, catalog.text(language, f"menu-{c}")) for c in MENU]
        code = None if language == "zh" else language
        await bot.set_my_commands(commands, language_code=code)


async def _deliver_forever(
    app: App, catalog: Catalog, messenger: TelegramMessenger, stop: asyncio.Event
) -> None:
    # Notices queued outside a chat (the command line, later the scheduler) go out too.
    while not stop.is_set():
        try:
            await deliver_queued(app.uow, catalog, messenger, app.ctx.calendar.tz)
        except Exception:  # a failing round must not end delivery for good
            log.exception("delivering notices failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), DELIVERY_INTERVAL)

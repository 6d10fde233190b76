"""`zhibao run` for Telegram: the bot against Telegram, or against the local sandbox."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

from telegram import Bot, BotCommand
from telegram.error import InvalidToken, NetworkError

from bot.bootstrap import App
from bot.dialogs.engine import Dialogs
from bot.dialogs.turn import DialogDeps
from bot.i18n.catalog import Catalog, default_catalog
from handlers.telegram.messenger import TelegramMessenger
from handlers.telegram.request import AiohttpRequest
from handlers.telegram.runtime import ALLOWED_UPDATES, LANES, TelegramRuntime
from handlers.telegram.webhook import WebhookOptions, WebhookReceiver, WebhookRuntime, recover
from scheduler.dispatcher import Dispatcher, DispatchPolicy
from scheduler.jobs import Cadence, Scheduler, instance_name

log = logging.getLogger(__name__)

# The commands shown in Telegram's menu, by catalog id of their description.
MENU = ("new", "my", "settings", "lang", "help", "cancel")

R = TypeVar("R", bound=TelegramRuntime)


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


def now_utc() -> datetime:
    """The wall clock; the runtime is the edge, where reading it is allowed."""
    return datetime.now(UTC)


@dataclass
class Wiring(Generic[R]):
    """A runtime and the scheduler that sends what its turns queue."""

    runtime: R
    scheduler: Scheduler


def build_runtime(
    app: App, bot: Bot, catalog: Catalog, clock: Callable[[], datetime] = now_utc
) -> Wiring[TelegramRuntime]:
    """The polling runtime and the scheduler, wired to the app's dialogs, inbox and outbox."""
    return _wire(TelegramRuntime, app, bot, catalog, clock)


def build_webhook_runtime(
    app: App, bot: Bot, catalog: Catalog, clock: Callable[[], datetime] = now_utc
) -> Wiring[WebhookRuntime]:
    """The runtime for webhook mode, wired as `build_runtime` wires the polling one."""
    return _wire(WebhookRuntime, app, bot, catalog, clock)


def _wire(
    kind: type[R], app: App, bot: Bot, catalog: Catalog, clock: Callable[[], datetime]
) -> Wiring[R]:
    messenger = TelegramMessenger(bot)
    settings = app.settings
    policy = DispatchPolicy(max_attempts=settings.max_attempts)
    dispatcher = Dispatcher(
        app.uow, app.ctx, catalog, messenger, instance_name(), clock, policy=policy
    )
    cadence = Cadence(
        sweep_every=settings.sweep_seconds,
        dispatch_every=settings.dispatch_seconds,
        lease_for=timedelta(seconds=settings.lease_seconds),
    )
    scheduler = Scheduler(app.uow, app.ctx, dispatcher, clock, cadence)
    dialogs = Dialogs(DialogDeps(app.uow, app.ctx, catalog, telegram_bot=bot.username))
    runtime = kind(
        bot, dialogs, app.uow, clock, after_handling=scheduler.wake, messenger=messenger
    )
    return Wiring(runtime, scheduler)


async def serve(
    app: App,
    bot: Bot,
    stop: asyncio.Event,
    clock: Callable[[], datetime] = now_utc,
    started: Callable[[Scheduler], object] | None = None,
    expected_username: str | None = None,
) -> None:
    """Run the bot until `stop` is set: long polling, and notices delivered as they queue.

    `started` is told the running scheduler (the playground makes it catch up after moving
    `clock` forward); `expected_username`, the name invite links are printed with, is checked
    against the bot's own.
    """
    catalog = default_catalog()
    async with _opened(bot, expected_username):
        await _publish_menu(bot, catalog)
        wiring = build_runtime(app, bot, catalog, clock)
        log.info("bot @%s is running", bot.username)
        await _drop_webhook(bot)
        await wiring.scheduler.start()
        if started is not None:
            started(wiring.scheduler)
        try:
            await wiring.runtime.run_polling(stop)
        finally:
            await wiring.scheduler.stop()


async def serve_webhook(
    app: App,
    bot: Bot,
    stop: asyncio.Event,
    options: WebhookOptions,
    clock: Callable[[], datetime] = now_utc,
    expected_username: str | None = None,
) -> None:
    """Run the bot until `stop` is set, Telegram posting updates to `options.url` (§12).

    The webhook stays set on exit (other instances may serve it) unless
    `options.delete_on_exit`. A failure while handling ends the run, as in polling mode.
    """
    catalog = default_catalog()
    async with _opened(bot, expected_username):
        await _publish_menu(bot, catalog)
        wiring = build_webhook_runtime(app, bot, catalog, clock)
        receiver = WebhookReceiver(wiring.runtime, options.secret, options.path)
        await recover(wiring.runtime)
        await receiver.start(options.host, options.port)
        handling = asyncio.create_task(receiver.handle_forever())
        await wiring.scheduler.start()
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
            await wiring.scheduler.stop()
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

"""A bare python-telegram-bot echo bot, the baseline of bench.telegram_inbound.

Usage: python -m bench.telegram_echo BASE_URL TOKEN [--concurrent N]
Long polling against the Bot API server at BASE_URL (e.g. the sandbox); every text message
is answered with the same text. SIGTERM or SIGINT stops it (run_polling's default signals).
"""

from __future__ import annotations

import argparse
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

POLL_TIMEOUT = 10
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text the user sent."""
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def announce(application: AnyApplication) -> None:
    """Say on stdout that the bot is initialised (getMe done) and about to poll."""
    print(f"echo: @{application.bot.username} polling", flush=True)


def build(base_url: str, token: str, concurrent: int) -> AnyApplication:
    """The echo Application, pointed at `base_url` instead of api.telegram.org."""
    root = base_url.rstrip("/")
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .post_init(announce)
    )
    if concurrent > 1:
        builder = builder.concurrent_updates(concurrent)
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and poll until a stop signal arrives."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base_url")
    parser.add_argument("token")
    parser.add_argument(
        "--concurrent", type=int, default=1, help="concurrent_updates (1: PTB's default)"
    )
    args = parser.parse_args(argv)
    application = build(args.base_url, args.token, args.concurrent)
    application.run_polling(
        poll_interval=0.0, timeout=POLL_TIMEOUT, allowed_updates=[Update.MESSAGE]
    )


if __name__ == "__main__":
    main()

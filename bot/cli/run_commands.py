"""`zhibao run` (the bot; the local Telegram sandbox when no token is set) and `zhibao sandbox`."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from typing import Any

from bot.cli.output import opened
from handlers.telegram.service import serve, telegram_bot
from sandbox.telegram import DEFAULT_TOKEN, SandboxServer

SANDBOX_PORT = 8081


def register(commands: Any) -> None:
    """Add the run commands to the parser."""
    run = commands.add_parser(
        "run", help="run the bot (against the local sandbox when TELEGRAM_BOT_TOKEN is unset)"
    )
    run.add_argument("--sandbox-port", type=int, default=_sandbox_port(), metavar="PORT")
    run.set_defaults(handler=run_bot)
    alone = commands.add_parser("sandbox", help="run only the Telegram sandbox")
    alone.add_argument("--port", type=int, default=_sandbox_port())
    alone.set_defaults(handler=run_sandbox)


async def run_bot(args: argparse.Namespace) -> int:
    """Run until interrupted; without a token, Telegram is the local sandbox."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    stop = _stop_on_signals()
    async with opened(args) as app:
        if token:
            root = os.environ.get("ZHIBAO_TELEGRAM_BASE_URL", "https://api.telegram.org")
            bot = telegram_bot(token, root)
            print(f"zhibao: running against {root} (Ctrl-C stops)", flush=True)
            await serve(app, bot, stop)
            return 0
        server = SandboxServer()
        base = await server.start("127.0.0.1", args.sandbox_port)
        _explain_sandbox(base)
        bot = telegram_bot(DEFAULT_TOKEN, base)
        try:
            await serve(app, bot, stop)
        finally:
            await server.stop()
    return 0


async def run_sandbox(args: argparse.Namespace) -> int:
    """Only the emulator, for a bot started elsewhere."""
    stop = _stop_on_signals()
    server = SandboxServer()
    base = await server.start("127.0.0.1", args.port)
    print(f"sandbox: {base}  token: {DEFAULT_TOKEN}", flush=True)
    print(f"bot: ZHIBAO_TELEGRAM_BASE_URL={base} TELEGRAM_BOT_TOKEN={DEFAULT_TOKEN}", flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()
    return 0


def _explain_sandbox(base: str) -> None:
    lines = [
        f"zhibao: no TELEGRAM_BOT_TOKEN, so the bot talks to the local sandbox at {base}",
        "act as people through the sandbox's control API, for example:",
        f'  curl -s {base}/control/users -d \'{{"user_id": 1001, "first_name": "王经理", '
        '"language_code": "zh-hans"}\'',
        f'  curl -s {base}/control/messages -d \'{{"user_id": 1001, "text": "/start"}}\'',
        f"  curl -s {base}/control/sent -d '{{\"chat_id\": 1001}}'",
        "Ctrl-C stops.",
    ]
    print("\n".join(lines), flush=True)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in ("SIGINT", "SIGTERM"):
        loop.add_signal_handler(getattr(signal, name), stop.set)
    return stop


def _sandbox_port() -> int:
    value = os.environ.get("ZHIBAO_SANDBOX_PORT", "")
    return int(value) if value.isdigit() else SANDBOX_PORT

"""`zhibao run` (the bot; the local Telegram sandbox when no token is set) and `zhibao sandbox`."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import time
from pathlib import Path
from typing import Any

from bot.cli.arguments import port_number
from bot.cli.output import CommandError, opened
from bot.cli.playground import PlaygroundBridge, TravelClock, move_into_working_hours, prepare
from handlers.telegram.service import (
    BotApiUnusable,
    serve,
    serve_webhook,
    server_root,
    telegram_bot,
)
from handlers.telegram.webhook import (
    SECRET_ENV,
    WebhookOptions,
    WebhookSetupError,
    fingerprint,
    parse_listen,
    webhook_path,
    webhook_secret,
)
from sandbox.playground import PlaygroundServer
from sandbox.telegram import DEFAULT_TOKEN, SandboxServer, unused_message_ids

SANDBOX_PORT = 8081
SANDBOX_PORT_ENV = "ZHIBAO_SANDBOX_PORT"
PLAYGROUND_PORT = 8080
PLAYGROUND_PORT_ENV = "ZHIBAO_PLAYGROUND_PORT"
# How far the playground moved the bot's clock, kept in the working folder beside zhibao.db.
TRAVEL_FILE = "zhibao-playground.clock"
WEBHOOK_LISTEN = "127.0.0.1:8443"


def register(commands: Any) -> None:
    """Add the run commands to the parser."""
    run = commands.add_parser(
        "run", help="run the bot (against the local sandbox when TELEGRAM_BOT_TOKEN is unset)"
    )
    run.add_argument(
        "--sandbox-port",
        type=port_number,
        default=_port(SANDBOX_PORT_ENV, SANDBOX_PORT),
        metavar="PORT",
        help=f"the local Telegram sandbox's port without a token (default {SANDBOX_PORT}, "
        f"or ${SANDBOX_PORT_ENV})",
    )
    run.add_argument(
        "--playground-port",
        type=port_number,
        default=_port(PLAYGROUND_PORT_ENV, PLAYGROUND_PORT),
        metavar="PORT",
        help=f"the web playground's port without a token (default {PLAYGROUND_PORT})",
    )
    run.add_argument(
        "--webhook",
        metavar="URL",
        help="receive updates by webhook at this public URL instead of long polling "
        f"(secret token from ${SECRET_ENV}, else random; several instances must share it)",
    )
    run.add_argument(
        "--listen",
        default=WEBHOOK_LISTEN,
        metavar="HOST:PORT",
        help=f"where the webhook server listens (default {WEBHOOK_LISTEN})",
    )
    run.add_argument(
        "--delete-webhook-on-exit",
        action="store_true",
        help="delete the webhook when stopping (by default it stays for other instances)",
    )
    run.set_defaults(handler=run_bot)
    alone = commands.add_parser("sandbox", help="run only the Telegram sandbox")
    alone.add_argument(
        "--port",
        type=port_number,
        default=_port(SANDBOX_PORT_ENV, SANDBOX_PORT),
        help=f"default {SANDBOX_PORT}, or ${SANDBOX_PORT_ENV}",
    )
    alone.set_defaults(handler=run_sandbox)


async def run_bot(args: argparse.Namespace) -> int:
    """Run until interrupted; without a token, Telegram is the local sandbox."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    webhook = _webhook_options(args)
    stop = _stop_on_signals()
    # Time travel is the playground's, so only without a token: Telegram's bot keeps real time.
    travel = TravelClock(None if token else Path(TRAVEL_FILE))
    async with opened(args) as app:
        sandbox: SandboxServer | None = None
        playground: PlaygroundServer | None = None
        bridge: PlaygroundBridge | None = None
        # The links `invite create` prints name the configured bot: checked against a real one.
        expected = app.settings.telegram_bot_username if token else None
        if token:
            root = server_root(
                os.environ.get("ZHIBAO_TELEGRAM_BASE_URL", "https://api.telegram.org")
            )
            bot = telegram_bot(token, root)
            print(f"zhibao: running against {root} (Ctrl-C stops)", flush=True)
        else:
            # At night the demo's notices would wait out quiet hours: start in office hours.
            moved = move_into_working_hours(app.ctx.calendar, travel)
            if moved is not None:
                print(moved, flush=True)
            # Only the sandbox's time may be moved: its messages carry the bot's clock too.
            # The database outlives the sandbox: its new messages must not reuse old ids.
            sandbox = SandboxServer(
                clock=lambda: travel.now().timestamp(),
                first_message_id=unused_message_ids(time.time()),
            )
            base = await sandbox.start("127.0.0.1", args.sandbox_port)
            bot = telegram_bot(DEFAULT_TOKEN, base)
            if not await prepare(app, sandbox.sandbox, travel.now()):
                print(
                    "zhibao: the database holds a city of its own, so the playground's demo "
                    "city was not loaded (start in an empty folder for it)",
                    flush=True,
                )
            bridge = PlaygroundBridge(app, travel)
            playground = PlaygroundServer(sandbox.sandbox, bridge)
            page = await playground.start("127.0.0.1", args.playground_port)
            _explain_sandbox(base, page)
        try:
            if webhook is None:
                started = bridge.attach if bridge is not None else None
                await serve(app, bot, stop, travel.now, started, expected)
            else:
                await serve_webhook(app, bot, stop, webhook, travel.now, expected)
        except BotApiUnusable as error:
            raise CommandError(str(error)) from None
        finally:
            if playground is not None:
                await playground.stop()
            if sandbox is not None:
                await sandbox.stop()
    return 0


def _webhook_options(args: argparse.Namespace) -> WebhookOptions | None:
    """The webhook settings of `zhibao run --webhook`, announced without the secret."""
    if args.webhook is None:
        return None
    try:
        webhook_path(args.webhook)
        host, port = parse_listen(args.listen)
        secret, given = webhook_secret(os.environ)
    except WebhookSetupError as error:
        raise CommandError(str(error)) from error
    origin = f"from ${SECRET_ENV}" if given else "generated for this run"
    print(
        f"zhibao: webhook {args.webhook}, listening on {host}:{port}; "
        f"secret token {origin} (fingerprint {fingerprint(secret)})",
        flush=True,
    )
    return WebhookOptions(args.webhook, secret, host, port, args.delete_webhook_on_exit)


async def run_sandbox(args: argparse.Namespace) -> int:
    """Only the emulator, for a bot started elsewhere."""
    stop = _stop_on_signals()
    server = SandboxServer(first_message_id=unused_message_ids(time.time()))
    base = await server.start("127.0.0.1", args.port)
    print(f"sandbox: {base}  token: {DEFAULT_TOKEN}", flush=True)
    print(f"bot: ZHIBAO_TELEGRAM_BASE_URL={base} TELEGRAM_BOT_TOKEN={DEFAULT_TOKEN}", flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()
    return 0


def _explain_sandbox(base: str, page: str) -> None:
    lines = [
        f"zhibao: no TELEGRAM_BOT_TOKEN, so the bot talks to the local sandbox at {base}",
        f"open the playground at {page}/ to act as the demo city's people in one page,",
        "or act as people through the sandbox's control API, for example:",
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


def _port(variable: str, default: int) -> str:
    # A string, so that argparse checks a port from the environment as it checks a typed one.
    return os.environ.get(variable, "").strip() or str(default)

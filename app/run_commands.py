"""`zhibao run` (the bot on its channels; the local sandboxes without credentials) and
`zhibao sandbox`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import time
from pathlib import Path
from typing import Any

from app.playground import open_playground
from app.root import Channel, Running, serve
from app.wecom_setup import emulated_wecom, explain_emulator, wecom_channel
from bot.bootstrap import App
from bot.cli.arguments import port_number
from bot.cli.output import CommandError, opened
from bot.cli.playground import PlaygroundBridge, TravelClock
from handlers.telegram.service import BotApiUnusable, TelegramChannel, server_root, telegram_bot
from handlers.telegram.webhook import (
    SECRET_ENV,
    WebhookOptions,
    WebhookSetupError,
    fingerprint,
    parse_listen,
    webhook_path,
    webhook_secret,
)
from handlers.wecom.channel import WeComUnusable
from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer, unused_message_ids
from sandbox.wecom import WeComSandbox

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
    """Run until interrupted. Without any credentials (no TELEGRAM_BOT_TOKEN, no WeCom app)
    the local sandboxes stand in for Telegram and WeCom, with the playground."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    webhook = _webhook_options(args)
    stop = _stop_on_signals()
    async with opened(args) as app, contextlib.AsyncExitStack() as stack:
        settings = app.settings
        wecom = settings.wecom
        sandboxed = not token and not (wecom.enabled and wecom.configured)
        # Time travel is the playground's, so only without credentials: real chats keep time.
        travel = TravelClock(Path(TRAVEL_FILE) if sandboxed else None)
        channels: list[Channel] = []
        bridge: PlaygroundBridge | None = None
        sandboxes: tuple[Sandbox | None, WeComSandbox | None] = (None, None)
        if settings.telegram_enabled and (token or sandboxed):
            telegram, telegram_sandbox = await _telegram(args, app, stack, token, webhook, travel)
            channels.append(telegram)
            sandboxes = (telegram_sandbox, None)
        elif settings.telegram_enabled:
            print(
                "zhibao: TELEGRAM_BOT_TOKEN is unset, so Telegram is not served "
                "(set [telegram] enabled = false to say the city runs without it)",
                flush=True,
            )
        if wecom.enabled and wecom.configured:
            channels.append(wecom_channel(wecom))
            print(f"zhibao: WeCom app {wecom.agent_id} against {wecom.base_url}", flush=True)
        elif wecom.enabled and sandboxed:
            setup = await emulated_wecom(wecom, lambda: travel.now().timestamp())
            assert setup.emulator is not None
            stack.push_async_callback(setup.emulator.stop)
            channels.append(setup.channel)
            sandboxes = (sandboxes[0], setup.emulator.sandbox)
            print(explain_emulator(setup.emulator.base_url), flush=True)
        elif wecom.enabled and any(getattr(wecom, k) for k in ("corp_id", "secret")):
            missing = ", ".join(wecom.missing())
            raise CommandError(f"the WeCom app is configured only in part: set {missing}")
        if not channels:
            raise CommandError(
                "no channel to serve: set TELEGRAM_BOT_TOKEN, configure the WeCom app "
                "([wecom] and ZHIBAO_WECOM_*), or enable a channel to run the sandboxes"
            )
        if sandboxed:
            bridge, page = await open_playground(app, travel, *sandboxes, args.playground_port)
            stack.push_async_callback(page.stop)

        def started(running: Running) -> None:
            if bridge is not None:
                bridge.attach(running.scheduler)

        print("zhibao: Ctrl-C stops.", flush=True)
        try:
            await serve(app, channels, stop, travel.now, started)
        except (BotApiUnusable, WeComUnusable) as error:
            raise CommandError(str(error)) from None
    return 0


async def _telegram(
    args: argparse.Namespace,
    app: App,
    stack: contextlib.AsyncExitStack,
    token: str,
    webhook: WebhookOptions | None,
    travel: TravelClock,
) -> tuple[TelegramChannel, Sandbox | None]:
    """Telegram's Bot API with a token; else the local sandbox (the playground comes after)."""
    if token:
        root = server_root(os.environ.get("ZHIBAO_TELEGRAM_BASE_URL", "https://api.telegram.org"))
        print(f"zhibao: running against {root}", flush=True)
        # The links `invite create` prints name the configured bot: checked against a real one.
        expected = app.settings.telegram_bot_username
        return TelegramChannel(telegram_bot(token, root), webhook, expected), None
    # Only the sandbox's time may be moved: its messages carry the bot's clock too.
    # The database outlives the sandbox: its new messages must not reuse old ids.
    sandbox = SandboxServer(
        clock=lambda: travel.now().timestamp(),
        first_message_id=unused_message_ids(time.time()),
    )
    base = await sandbox.start("127.0.0.1", args.sandbox_port)
    stack.push_async_callback(sandbox.stop)
    _explain_sandbox(base)
    return TelegramChannel(telegram_bot(DEFAULT_TOKEN, base), webhook), sandbox.sandbox


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


def _explain_sandbox(base: str) -> None:
    lines = [
        f"zhibao: no TELEGRAM_BOT_TOKEN, so the bot talks to the local sandbox at {base}",
        "act as people in the playground page, or through the sandbox's control API:",
        f'  curl -s {base}/control/messages -d \'{{"user_id": 1001, "text": "/start"}}\'',
        f"  curl -s {base}/control/sent -d '{{\"chat_id\": 1001}}'",
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

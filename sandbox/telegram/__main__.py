"""Run the Telegram emulator on its own: `python -m sandbox.telegram --port 8081`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time

from .sandbox import Sandbox
from .server import SandboxServer
from .world import DEFAULT_TOKEN, unused_message_ids


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description="Telegram Bot API emulator (zhibao sandbox)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument(
        "--token", action="append", help=f"bot token, repeatable (default {DEFAULT_TOKEN})"
    )
    parser.add_argument("--flood", action="store_true", help="enforce Telegram's flood limits")
    parser.add_argument("--lenient", action="store_true", help="ignore unknown parameters")
    return parser.parse_args(argv)


async def serve(arguments: argparse.Namespace) -> None:
    """Start the server, print where it is, and run until interrupted."""
    tokens = arguments.token or [DEFAULT_TOKEN]
    sandbox = Sandbox(
        tokens,
        strict=not arguments.lenient,
        flood=arguments.flood,
        first_message_id=unused_message_ids(time.time()),
    )
    server = SandboxServer(sandbox)
    base = await server.start(arguments.host, arguments.port)
    print(f"base URL: {base}", flush=True)
    for token in tokens:
        print(f"token: {token}", flush=True)
    print(f"python-telegram-bot: base_url={base}/bot base_file_url={base}/file/bot", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parse_arguments(argv)))


if __name__ == "__main__":
    main()

"""Run the WeCom emulator on its own: `python -m sandbox.wecom --port 8083 --member u1`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .defaults import DEFAULT_AGENT_ID, DEFAULT_CORP_ID, DEFAULT_SECRET
from .pusher import CallbackConfig
from .sandbox import WeComSandbox
from .server import WeComSandboxServer


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description="WeCom API emulator (zhibao sandbox)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8083)
    parser.add_argument("--callback-url", help="where members' messages and clicks are POSTed")
    parser.add_argument(
        "--member", action="append", default=[], help="USERID or USERID:NAME, repeatable"
    )
    return parser.parse_args(argv)


async def serve(arguments: argparse.Namespace) -> None:
    """Start the server, print where it is and the app's settings, and run until stopped."""
    callback = CallbackConfig(url=arguments.callback_url)
    sandbox = WeComSandbox(callback=callback)
    for member in arguments.member:
        userid, _, name = member.partition(":")
        sandbox.add_member(userid, name or None)
    server = WeComSandboxServer(sandbox)
    base = await server.start(arguments.host, arguments.port)
    print(f"base URL: {base}", flush=True)
    print(f"corp_id: {DEFAULT_CORP_ID}  agent_id: {DEFAULT_AGENT_ID}", flush=True)
    print(f"secret: {DEFAULT_SECRET}  (token and key: WeCom's official sample)", flush=True)
    print(f"callback: {callback.url or 'none yet: POST /control/callback'}", flush=True)
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

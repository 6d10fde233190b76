"""The emulator over HTTP, laid out like api.telegram.org so clients only change the base URL.

With python-telegram-bot: `base_url=f"{base}/bot"` and `base_file_url=f"{base}/file/bot"`
(PTB appends the token to both).
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from .api import call_api
from .control import SANDBOX_KEY, handle_control
from .errors import INTERNAL_SERVER_ERROR, ApiError
from .sandbox import Sandbox
from .uploads import read_call_input

LOGGER = logging.getLogger(__name__)
SHUTDOWN_SECONDS = 1.0


async def handle_bot_api(request: web.Request) -> web.Response:
    """/bot<token>/<method>: one Bot API call in Telegram's response envelope."""
    sandbox = request.app[SANDBOX_KEY]
    try:
        call = await read_call_input(request)
        result = await call_api(
            sandbox,
            request.match_info["token"],
            request.match_info["method"],
            call.params,
            call.uploads,
        )
    except ApiError as error:
        return web.json_response(error.to_json(), status=error.status)
    except Exception:
        LOGGER.exception("sandbox failed on %s", request.path)
        failure = ApiError(500, INTERNAL_SERVER_ERROR)
        return web.json_response(failure.to_json(), status=500)
    return web.json_response({"ok": True, "result": result})


async def handle_file(request: web.Request) -> web.Response:
    """/file/bot<token>/<file_path>: download a file that getFile described."""
    sandbox = request.app[SANDBOX_KEY]
    try:
        sandbox.authenticate(request.match_info["token"])
    except ApiError as error:
        return web.json_response(error.to_json(), status=error.status)
    stored = sandbox.files.find_by_path(request.match_info["path"])
    if stored is None:
        return web.json_response(ApiError(404, "Not Found").to_json(), status=404)
    content_type = stored.mime_type or "image/jpeg"
    return web.Response(body=stored.data, content_type=content_type)


def build_app(sandbox: Sandbox) -> web.Application:
    """The aiohttp application serving the Bot API, file downloads and the control API."""
    app = web.Application(client_max_size=60 * 1024 * 1024)
    app[SANDBOX_KEY] = sandbox
    app.router.add_route("*", "/bot{token}/{method}", handle_bot_api)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    app.router.add_route("*", "/control/{action}", handle_control)
    return app


class SandboxServer:
    """Serves a Sandbox over HTTP on this machine; `sandbox` is there for control calls."""

    def __init__(self, sandbox: Sandbox | None = None, **options: Any) -> None:
        self.sandbox = sandbox if sandbox is not None else Sandbox(**options)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    @property
    def bot_base_url(self) -> str:
        """The value for PTB's base_url (it appends the token)."""
        return f"{self.base_url}/bot"

    @property
    def file_base_url(self) -> str:
        """The value for PTB's base_file_url (it appends the token)."""
        return f"{self.base_url}/file/bot"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen (port 0 picks a free one) and return the base URL, e.g. http://127.0.0.1:PORT."""
        if self._runner is not None:
            return self.base_url
        # Cancel a long poll when its client goes away, so it stops counting as the poller.
        runner = web.AppRunner(
            build_app(self.sandbox),
            handler_cancellation=True,
            access_log=None,
            shutdown_timeout=SHUTDOWN_SECONDS,
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound_port = runner.addresses[0][1]
        self.base_url = f"http://{host}:{bound_port}"
        return self.base_url

    async def stop(self) -> None:
        """Stop webhook delivery and the HTTP server."""
        await self.sandbox.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

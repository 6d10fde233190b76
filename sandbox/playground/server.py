"""The playground over HTTP: the page, the sandbox's control API, file downloads and /api/.

| URL | What |
| --- | --- |
| `/` | the page (static/index.html) |
| `/static/<name>` | the page's scripts, styles and icon |
| `/control/<action>` | the sandbox's control API, unchanged (sandbox/telegram/control.py) |
| `/files/<file_id>` | a photo or document someone sent, by the file_id in /control/history |
| `/api/...` | personas, clock and time travel, issues, users (api.py) |
| `/wecom/...`, `/api/channel` | the WeCom emulator and the channel toggle (wecom.py) |

The Telegram routes are there when the Telegram sandbox runs, the WeCom ones when the WeCom
emulator does: the page works with either or both.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from sandbox.telegram.control import SANDBOX_KEY, handle_control
from sandbox.telegram.sandbox import Sandbox
from sandbox.wecom import WeComSandbox

from .api import HOOKS_KEY, add_api_routes, json_errors, refuse
from .guard import same_origin
from .hooks import PlaygroundHooks
from .wecom import add_wecom_routes

__all__ = ["PlaygroundHooks", "PlaygroundServer", "build_app"]

STATIC_DIR = Path(__file__).with_name("static")
CONTENT_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
# The page loads only its own files; pictures may also come from data: and blob: URLs.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SHUTDOWN_SECONDS = 1.0


async def _serve_static(name: str) -> web.Response:
    path = STATIC_DIR / name
    content_type = CONTENT_TYPES.get(path.suffix)
    if content_type is None or "/" in name or name.startswith(".") or not path.is_file():
        raise web.HTTPNotFound()
    body = await asyncio.to_thread(path.read_bytes)
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if content_type == "text/html":
        headers["Content-Security-Policy"] = PAGE_POLICY
    charset = None if content_type.startswith("image/") else "utf-8"
    return web.Response(body=body, content_type=content_type, charset=charset, headers=headers)


async def handle_page(request: web.Request) -> web.Response:
    """GET /: the playground page."""
    return await _serve_static("index.html")


async def handle_static(request: web.Request) -> web.Response:
    """GET /static/<name>: one of the page's files."""
    return await _serve_static(request.match_info["name"])


async def handle_favicon(request: web.Request) -> web.Response:
    """GET /favicon.ico: the icon, for browsers that ask before reading the page."""
    return await _serve_static("favicon.svg")


async def handle_download(request: web.Request) -> web.Response:
    """GET /files/<file_id>: the bytes of a photo (shown inline) or document (downloaded)."""
    sandbox = request.app.get(SANDBOX_KEY)
    stored = sandbox.files.get(request.match_info["file_id"]) if sandbox is not None else None
    if stored is None:
        return refuse(404, "no such file")
    headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
    if stored.kind == "document":
        name = quote(stored.file_name or "file")
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        headers["Content-Security-Policy"] = "sandbox"
    content_type = stored.mime_type or "image/jpeg"
    return web.Response(body=stored.data, content_type=content_type, headers=headers)


def build_app(
    sandbox: Sandbox | None, hooks: PlaygroundHooks, wecom: WeComSandbox | None = None
) -> web.Application:
    """The aiohttp application serving the page, the control APIs, files and /api/."""
    app = web.Application(client_max_size=60 * 1024 * 1024, middlewares=[json_errors, same_origin])
    app[HOOKS_KEY] = hooks
    app.router.add_get("/", handle_page)
    app.router.add_get("/static/{name}", handle_static)
    app.router.add_get("/favicon.ico", handle_favicon)
    if sandbox is not None:
        app[SANDBOX_KEY] = sandbox
        app.router.add_route("*", "/control/{action}", handle_control)
        app.router.add_get("/files/{file_id}", handle_download)
    add_api_routes(app)
    add_wecom_routes(app, wecom)
    return app


class PlaygroundServer:
    """Serves the playground for the sandboxes the bot is already talking to (the Telegram
    sandbox, the WeCom emulator, or both)."""

    def __init__(
        self, sandbox: Sandbox | None, hooks: PlaygroundHooks, wecom: WeComSandbox | None = None
    ) -> None:
        self.sandbox, self.wecom = sandbox, wecom
        self.hooks = hooks
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 8080) -> str:
        """Listen (port 0 picks a free one) and return the base URL, e.g. http://127.0.0.1:8080."""
        if self._runner is not None:
            return self.base_url
        runner = web.AppRunner(
            build_app(self.sandbox, self.hooks, self.wecom),
            handler_cancellation=True,
            access_log=None,
            shutdown_timeout=SHUTDOWN_SECONDS,
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        bound_port = runner.addresses[0][1]
        self.base_url = f"http://{host}:{bound_port}"
        return self.base_url

    async def stop(self) -> None:
        """Stop serving; the sandbox itself belongs to its own server and keeps running."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self.base_url = ""

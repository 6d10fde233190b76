"""The emulator over HTTP, laid out like qyapi.weixin.qq.com so clients only change the base.

- /cgi-bin/<path>: the API; every answer is HTTP 200 with WeCom's errcode/errmsg JSON (an
  injected `status` fault aside), media/get answers the medium's bytes.
- /pic/<media_id>: a picture a member sent (its PicUrl).
- /control/<action>: the control API (control.py).
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import quote

from aiohttp import BodyPartReader, web

from .api import Call, call_api
from .api_other import Upload
from .control import SANDBOX_KEY, handle_control
from .errors import ApiError, HttpFault
from .records import Medium
from .sandbox import WeComSandbox

LOGGER = logging.getLogger(__name__)
SHUTDOWN_SECONDS = 1.0
MAX_BODY = 60 * 1024 * 1024


async def _read_call(request: web.Request) -> Call:
    call = Call(request.match_info["path"], dict(request.query))
    if request.method != "POST" or not request.can_read_body:
        return call
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if isinstance(part, BodyPartReader) and part.name == "media":
                data = bytes(await part.read())
                kind = part.headers.get("Content-Type", "application/octet-stream")
                call.upload = Upload(part.filename or "media", data, kind)
        return call
    text = await request.text()
    try:
        body = json.loads(text) if text.strip() else {}
    except ValueError:
        raise ApiError(40058, "Warning: wrong json format.") from None
    if not isinstance(body, dict):
        raise ApiError(40058, "Warning: wrong json format.")
    call.body = body
    return call


def _medium_response(medium: Medium) -> web.Response:
    disposition = f"attachment; filename*=UTF-8''{quote(medium.name)}"
    return web.Response(
        body=medium.data,
        content_type=medium.content_type,
        headers={"Content-Disposition": disposition},
    )


async def handle_api(request: web.Request) -> web.Response:
    """/cgi-bin/<path>: one API call in WeCom's answer format."""
    sandbox = request.app[SANDBOX_KEY]
    try:
        answer = await call_api(sandbox, await _read_call(request))
    except ApiError as error:
        return web.json_response(error.to_json())
    except HttpFault as fault:
        return web.Response(status=fault.status, text=f"HTTP {fault.status}")
    except Exception:
        LOGGER.exception("the WeCom emulator failed on %s", request.path)
        return web.json_response(ApiError(-1).to_json())
    if isinstance(answer, Medium):
        return _medium_response(answer)
    return web.json_response(answer)


async def handle_picture(request: web.Request) -> web.Response:
    """/pic/<media_id>: a member's picture, by the PicUrl its callback carried."""
    sandbox = request.app[SANDBOX_KEY]
    medium = sandbox.media.get(request.match_info["media_id"])
    if medium is None or medium.kind != "image":
        return web.Response(status=404, text="no such picture")
    return _medium_response(medium)


def build_app(sandbox: WeComSandbox) -> web.Application:
    """The aiohttp application serving the API, members' pictures and the control API."""
    app = web.Application(client_max_size=MAX_BODY)
    app[SANDBOX_KEY] = sandbox
    app.router.add_route("*", "/cgi-bin/{path:.+}", handle_api)
    app.router.add_get("/pic/{media_id}", handle_picture)
    app.router.add_route("*", "/control/{action}", handle_control)
    return app


class WeComSandboxServer:
    """Serves a WeComSandbox over HTTP on this machine; `sandbox` is there for control."""

    def __init__(self, sandbox: WeComSandbox | None = None, **options: Any) -> None:
        self.sandbox = sandbox if sandbox is not None else WeComSandbox(**options)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen (port 0 picks a free one) and return the base URL, e.g. http://127.0.0.1:PORT
        (the API root: clients call <base>/cgi-bin/...)."""
        if self._runner is not None:
            return self.base_url
        runner = web.AppRunner(
            build_app(self.sandbox), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound_port = runner.addresses[0][1]
        self.base_url = f"http://{host}:{bound_port}"
        self.sandbox.base_url = self.base_url
        return self.base_url

    async def stop(self) -> None:
        """Stop pushing callbacks and the HTTP server."""
        await self.sandbox.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

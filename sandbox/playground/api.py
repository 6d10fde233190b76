"""The page's own JSON routes under /api/: personas, clock and time travel, issues, users.

Answers use the control API's envelope: {"ok": true, "result": ...} or
{"ok": false, "error": "..."} with a 4xx/5xx status.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.telegram.control import SANDBOX_KEY

from .hooks import TRAVEL_STEPS, PlaygroundHooks

LOGGER = logging.getLogger(__name__)
HOOKS_KEY: web.AppKey[PlaygroundHooks] = web.AppKey("playground_hooks")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def answer(result: Any) -> web.Response:
    """A successful JSON answer."""
    return web.json_response({"ok": True, "result": result})


def refuse(status: int, error: str) -> web.Response:
    """A JSON error answer."""
    return web.json_response({"ok": False, "error": error}, status=status)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn failures under /api/ into JSON errors instead of aiohttp's HTML pages."""
    if not request.path.startswith("/api/"):
        return await handler(request)
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return refuse(error.status, error.reason)
    except Exception:
        LOGGER.exception("playground failed on %s", request.path)
        return refuse(500, "internal error")


async def get_personas(request: web.Request) -> web.Response:
    """GET /api/personas: the panes to show."""
    return answer(await request.app[HOOKS_KEY].personas())


async def get_clock(request: web.Request) -> web.Response:
    """GET /api/clock: the bot's current time."""
    return answer(await request.app[HOOKS_KEY].clock())


async def post_clock(request: web.Request) -> web.Response:
    """POST /api/clock {"step": "hour" | "workday" | "deadline"}: time travel."""
    try:
        body: Any = await request.json()
    except ValueError:
        body = None
    step = body.get("step") if isinstance(body, dict) else None
    if step not in TRAVEL_STEPS:
        return refuse(400, f"step must be one of {', '.join(TRAVEL_STEPS)}")
    try:
        moved = await request.app[HOOKS_KEY].travel(step)
    except ValueError as error:
        return refuse(400, str(error) or f"cannot travel by {step}")
    return answer(moved)


async def get_issues(request: web.Request) -> web.Response:
    """GET /api/issues: every issue with its state and next deadline."""
    return answer(await request.app[HOOKS_KEY].issues())


async def get_issue(request: web.Request) -> web.Response:
    """GET /api/issues/{code}: one issue's clocks and timeline (404 when unknown)."""
    code = request.match_info["code"]
    found = await request.app[HOOKS_KEY].issue(code)
    if found is None:
        return refuse(404, f"no issue {code}")
    return answer(found)


async def get_users(request: web.Request) -> web.Response:
    """GET /api/users: every account the sandbox knows, for naming senders in a chat."""
    sandbox = request.app.get(SANDBOX_KEY)
    if sandbox is None:  # WeCom only: its chats name no one but the member and the app
        return answer([])
    users = [
        {
            "id": user.id,
            "name": " ".join(p for p in (user.first_name, user.last_name) if p),
            "is_bot": user.is_bot,
        }
        for user in sandbox.users.values()
    ]
    return answer(users)


def add_api_routes(app: web.Application) -> None:
    """Register the /api/ routes."""
    app.router.add_get("/api/personas", get_personas)
    app.router.add_get("/api/clock", get_clock)
    app.router.add_post("/api/clock", post_clock)
    app.router.add_get("/api/issues", get_issues)
    app.router.add_get("/api/issues/{code}", get_issue)
    app.router.add_get("/api/users", get_users)

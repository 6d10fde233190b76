"""The control API both emulators share: POST /control/<action> with a JSON object (GET takes
the query string), answered {"ok": true, "result": …} or {"ok": false, "error": …}."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

Action = Callable[[Any, dict[str, Any]], Awaitable[Any]]


async def run_control(
    request: web.Request,
    actions: Mapping[str, Action],
    sandbox: object,
    refusal: type[Exception],
) -> web.Response:
    """Carry out the named action on the emulator; a request that makes no sense gets 400,
    an unknown action 404."""
    action = actions.get(request.match_info["action"])
    if action is None:
        return web.json_response({"ok": False, "error": "unknown control action"}, status=404)
    try:
        body: Any = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            body = await request.json()
        if not isinstance(body, dict):
            raise refusal("the body must be a JSON object")
        result = await action(sandbox, body)
    except (refusal, KeyError, ValueError, TypeError) as exc:
        return web.json_response(
            {"ok": False, "error": f"{type(exc).__name__}: {exc}"}, status=400
        )
    return web.json_response({"ok": True, "result": result})

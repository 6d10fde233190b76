"""What keeps other web pages out of the playground: it acts as people and moves the clock.

The server listens on loopback only, but any page the same browser opens could still send it
requests. So a request must name a loopback host (a rebound DNS name is refused), a request
that changes something must come from the page itself (its Origin, when the browser sends
one), and the control API's GET form may only read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from .api import refuse

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# Control actions that only read, and so may be asked for with GET.
# Telegram's first, then the WeCom emulator's (its "members" adds one when given a userid).
READING = frozenset(
    {"history", "sent", "wait", "stats", "updates", "callback_answer", "received", "cards"}
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def same_origin(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse requests for another host, from another page, or GETs that would change things."""
    if _host(request.host) not in LOOPBACK:
        return refuse(403, "the playground answers on 127.0.0.1 and localhost only")
    if request.method not in SAFE_METHODS:
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            return refuse(403, "requests that change things must come from the playground page")
    action = request.match_info.get("action")
    if request.method in SAFE_METHODS and action is not None and action not in READING:
        return refuse(405, f"{action} changes things: send it with POST")
    return await handler(request)


def _host(netloc: str) -> str:
    host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
    return host.strip("[]").lower()

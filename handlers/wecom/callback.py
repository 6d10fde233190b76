"""The callback URL (回调配置): WeCom's verification GET and its encrypted message POSTs.

Every POST is checked, decrypted and stored in the durable inbox (`store`, which hands a new
callback on to be handled) before it is answered; the handling is never awaited: WeCom waits
5 seconds (1 for the verification)
and then retries, and a retry of a stored callback is a duplicate the inbox ignores. Nothing
a refused request carries is stored, and its log line holds no token, key or signature.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web

from handlers.listener import Listener
from handlers.wecom.crypto import CallbackRejected, WeComCrypto
from handlers.wecom.inbound import inbox_key, outer_encrypt, parse_xml

log = logging.getLogger(__name__)

DEFAULT_PATH = "/wecom/callback"
MAX_BODY = 1024 * 1024  # a callback is a few kilobytes; media arrive by MediaId
SIGNED = ("msg_signature", "timestamp", "nonce")

_ANSWERS = {400: "bad request", 403: "forbidden", 413: "too large"}

Store = Callable[[str, Mapping[str, str]], Awaitable[bool]]


class CallbackReceiver(Listener):
    """An aiohttp app on one path: GET verifies the URL, POST takes a message or event."""

    def __init__(
        self,
        crypto: WeComCrypto,
        store: Store,
        path: str = DEFAULT_PATH,
        wall_clock: Callable[[], float] = time.time,
        replay_window: float = 300.0,
    ) -> None:
        super().__init__()
        self.crypto = crypto
        self.path = path
        self._store = store
        self._wall_clock = wall_clock
        self._replay_window = replay_window

    def app(self) -> web.Application:
        """The web application: the callback path only (anything else is 404)."""
        application = web.Application(client_max_size=MAX_BODY)
        application.router.add_get(self.path, self.verify)
        application.router.add_post(self.path, self.receive)
        return application

    async def verify(self, request: web.Request) -> web.Response:
        """URL verification: the decrypted echostr as plain text, or 403/400."""
        # A client that leaves "+" unescaped has it read as a space; base64 has no spaces.
        echostr = request.query.get("echostr", "").replace(" ", "+")
        try:
            self._check(request, echostr)
            if not echostr:
                return _refuse(request, 400, "the verification has no echostr")
            plain = self.crypto.decrypt(echostr)
        except CallbackRejected as rejected:
            return _refuse(request, 403, str(rejected))
        return web.Response(text=plain, content_type="text/plain")

    async def receive(self, request: web.Request) -> web.Response:
        """A message or event: 200 once stored (or a known duplicate), else 400/403/413/503."""
        if any(not request.query.get(name) for name in SIGNED):
            return _refuse(request, 403, "the signature parameters are missing")
        try:
            encrypt, _ = outer_encrypt(await request.read())
        except web.HTTPRequestEntityTooLarge:
            return _refuse(request, 413, "the body is too large")
        except ValueError as error:
            return _refuse(request, 400, f"the body is malformed: {error}")
        try:
            self._check(request, encrypt)
            plain = self.crypto.decrypt(encrypt)
        except CallbackRejected as rejected:
            return _refuse(request, 403, str(rejected))
        try:
            fields = parse_xml(plain)
        except ValueError as error:
            return _refuse(request, 400, f"the message is malformed: {error}")
        if not fields.get("MsgType", "").strip():
            return _refuse(request, 400, "the message has no MsgType")
        key = inbox_key(fields)
        try:
            await self._store(key, fields)
        except Exception:
            # Not stored, so not acknowledged: WeCom delivers it again.
            log.exception("storing WeCom callback %s failed", key)
            return web.Response(status=503, text="not stored")
        # A duplicate (one of WeCom's retries) is acknowledged too: it was stored before.
        return web.Response(status=200)

    def _check(self, request: web.Request, encrypt: str) -> None:
        signature, timestamp, nonce = (request.query.get(name, "") for name in SIGNED)
        if not (signature and timestamp and nonce):
            raise CallbackRejected("the signature parameters are missing")
        try:
            sent = int(timestamp)
        except ValueError as error:
            raise CallbackRejected("the timestamp is not a number") from error
        if abs(self._wall_clock() - sent) > self._replay_window:
            raise CallbackRejected("the timestamp is outside the replay window")
        self.crypto.check(signature, timestamp, nonce, encrypt)


def _refuse(request: web.Request, status: int, reason: str) -> web.Response:
    log.warning("WeCom callback from %s refused (%d): %s", request.remote, status, reason)
    # The reason goes to the log only: a prober learns no more than the status.
    return web.Response(status=status, text=_ANSWERS[status])

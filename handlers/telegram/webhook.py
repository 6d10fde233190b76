"""Webhook mode (§12, §13, §14): Telegram POSTs each update; it is stored before the 200.

The receiving side is an aiohttp app with two routes: the webhook path, which checks the
secret token, parses the update and stores it in the durable inbox before answering, and
`/healthz`. The shared runner handles the updates this process stored as they come, in order
within each chat and several chats at once, and marks each handled only afterwards.

Several instances behind a load balancer share one inbox. Storing an update is an insert that
ignores duplicates, so exactly one instance stores a given update and only that instance
handles it: a redelivery, to whichever instance, is acknowledged and changes nothing. What the
inbox port cannot do is hand an update over between live instances (it has no claim or lease):
an update stored by an instance that crashed before handling it is handled only when an
instance starts again (`recover`), and that recovery would race with other live instances
still working through their own queues. So recovery is safe with one instance; with several,
restart them one at a time after a crash, or give the inbox a claim (`FOR UPDATE SKIP LOCKED`
or a lease column) and drain through it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from handlers.listener import Listener
from handlers.telegram.runtime import TelegramRuntime
from handlers.telegram.translate import inbox_key

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_ENV = "ZHIBAO_TELEGRAM_WEBHOOK_SECRET"
# The characters and length Telegram accepts for secret_token.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
HEALTH_PATH = "/healthz"
MAX_BODY = 1024 * 1024  # an update is a few kilobytes; files arrive by reference
FINISH_SECONDS = 10.0  # on stop, for handling what was stored


class WebhookSetupError(ValueError):
    """The webhook cannot be set up as configured; the message never contains the secret."""


@dataclass(frozen=True)
class WebhookOptions:
    """Where Telegram posts (`url`), where this process listens, and the shared secret."""

    url: str
    secret: str
    host: str = "127.0.0.1"
    port: int = 8443
    delete_on_exit: bool = False

    @property
    def path(self) -> str:
        """The path this process serves: the public URL's, as a reverse proxy passes it on."""
        return webhook_path(self.url)


def webhook_path(url: str) -> str:
    """The path part of the public webhook URL; refuses URLs Telegram would not take."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookSetupError(f"the webhook URL must be http(s)://host/path, not {url!r}")
    path = parts.path or "/"
    if path == HEALTH_PATH:
        raise WebhookSetupError(f"the webhook path cannot be {HEALTH_PATH}")
    return path


def webhook_secret(environ: Mapping[str, str]) -> tuple[str, bool]:
    """The secret token from ZHIBAO_TELEGRAM_WEBHOOK_SECRET, or a random one; and whether given.

    Several instances must share one secret: each setWebhook replaces the previous one.
    """
    given = environ.get(SECRET_ENV, "").strip()
    if not given:
        return secrets.token_urlsafe(32), False  # 43 characters of A-Z a-z 0-9 _ -
    if SECRET_PATTERN.fullmatch(given) is None:
        raise WebhookSetupError(
            f"{SECRET_ENV} must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"
        )
    return given, True


def fingerprint(secret: str) -> str:
    """A short digest to compare secrets between instances without showing them."""
    return hashlib.sha256(secret.encode()).hexdigest()[:8]


def parse_listen(value: str) -> tuple[str, int]:
    """'HOST:PORT' (or '[v6]:PORT') as a host and a port."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise WebhookSetupError(f"--listen takes HOST:PORT, not {value!r}")
    return host.removeprefix("[").removesuffix("]"), int(port)


class WebhookReceiver(Listener):
    """The aiohttp side: accepts Telegram's POSTs and hands each new update to the runner."""

    def __init__(self, runtime: TelegramRuntime, secret: str, path: str) -> None:
        if SECRET_PATTERN.fullmatch(secret) is None:
            raise WebhookSetupError("the secret token has characters Telegram does not allow")
        super().__init__()
        self.runtime = runtime
        self.path = path
        self._secret = secret.encode()

    def app(self) -> web.Application:
        """The web application: the webhook path and /healthz."""
        application = web.Application(client_max_size=MAX_BODY)
        application.router.add_post(self.path, self.receive)
        application.router.add_get(HEALTH_PATH, self.health)
        return application

    async def receive(self, request: web.Request) -> web.Response:
        """One update from Telegram: 403 without the secret, 400 if malformed, 200 once stored."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, self._secret):
            # Neither the expected nor the offered token is logged (§14).
            log.warning("webhook call from %s without the right secret token", request.remote)
            return web.Response(status=403, text="forbidden")
        update = parse_update(await request.read(), self.runtime)
        if update is None:
            log.warning("webhook call from %s with a malformed update", request.remote)
            return web.Response(status=400, text="malformed update")
        payload = update.to_dict()
        try:
            fresh = await self.runtime.ingest([payload])
        except Exception:
            # Not stored, so not acknowledged: Telegram delivers it again.
            log.exception("storing update %s failed", update.update_id)
            return web.Response(status=503, text="not stored")
        if fresh:
            # Handled after its chat's earlier updates; the answer does not wait for it.
            self.runtime.runner.submit(inbox_key(payload), payload)
        # A duplicate is acknowledged too: it is handled, waiting here, or being handled by the
        # instance that stored it.
        return web.Response(status=200)

    async def health(self, request: web.Request) -> web.Response:
        """Liveness for the load balancer."""
        return web.Response(text="ok")

    async def finish(self, seconds: float = FINISH_SECONDS) -> None:
        """Wait (a bounded time) until every update stored here has been handled."""
        await self.runtime.runner.finish(seconds)


def parse_update(body: bytes, runtime: TelegramRuntime) -> Update | None:
    """The Update in a webhook body, or None when it is not a well-formed one."""
    try:
        data = json.loads(body)
        if not isinstance(data, dict):
            return None
        update_id = data.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool) or update_id < 0:
            return None
        update = Update.de_json(data, runtime.bot)
        json.dumps(update.to_dict())  # what the inbox stores must be plain JSON
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return update


async def recover(runtime: TelegramRuntime) -> int:
    """Handle what a crash left unhandled, before new updates are accepted.

    Safe with one instance; see the module docstring for several.
    """
    handled = await runtime.drain()
    if handled:
        log.info("handled %d updates left over from the last run", handled)
    return handled

"""Webhook mode (§12, §13, §14): Telegram POSTs each update; it is stored before the 200.

The receiving side is an aiohttp app with two routes: the webhook path, which checks the
secret token, parses the update and stores it in the durable inbox before answering, and
`/healthz`. One background task per process handles the updates this process stored, one at
a time and in the order they arrived, and marks each handled only afterwards.

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

import asyncio
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
SHUTDOWN_SECONDS = 5.0  # on stop, for requests being answered


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


class WebhookRuntime(TelegramRuntime):
    """The runtime in webhook mode: handles one stored update at a time, then marks it."""

    async def handle_stored(self, update: Update) -> None:
        """Handle an update this process stored, then mark it handled (a crash means a retry)."""
        payload = update.to_dict()
        await self.handle_entry(inbox_key(payload), payload)


class WebhookReceiver:
    """The aiohttp side: accepts Telegram's POSTs and feeds the single handling task."""

    def __init__(self, runtime: WebhookRuntime, secret: str, path: str) -> None:
        if SECRET_PATTERN.fullmatch(secret) is None:
            raise WebhookSetupError("the secret token has characters Telegram does not allow")
        self.runtime = runtime
        self.path = path
        self._secret = secret.encode()
        self._queue: asyncio.Queue[Update] = asyncio.Queue()
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        """The web application: the webhook path and /healthz."""
        application = web.Application(client_max_size=MAX_BODY)
        application.router.add_post(self.path, self.receive)
        application.router.add_get(HEALTH_PATH, self.health)
        return application

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port; returns the port bound (0 picks a free one)."""
        self._runner = web.AppRunner(
            self.app(), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        return int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Stop listening; updates already stored stay queued for `finish`."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

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
        try:
            fresh = await self.runtime.ingest([update.to_dict()])
        except Exception:
            # Not stored, so not acknowledged: Telegram delivers it again.
            log.exception("storing update %s failed", update.update_id)
            return web.Response(status=503, text="not stored")
        if fresh:
            self._queue.put_nowait(update)
        # A duplicate is acknowledged too: it is handled, queued here, or being handled by the
        # instance that stored it.
        return web.Response(status=200)

    async def health(self, request: web.Request) -> web.Response:
        """Liveness for the load balancer."""
        return web.Response(text="ok")

    async def handle_forever(self) -> None:
        """The single handling task: stored updates one at a time, in arrival order.

        A failure that escapes the runtime's own handling (the database gone, say) ends it and
        `serve_webhook` with it, as it ends long polling: the update stays unhandled in the
        inbox and is handled again after the restart.
        """
        while True:
            update = await self._queue.get()
            try:
                await self.runtime.handle_stored(update)
                if self._queue.empty():
                    # The notices of a burst of updates go out together, right after it.
                    await self.runtime.deliver()
            finally:
                self._queue.task_done()

    async def finish(self, seconds: float = FINISH_SECONDS) -> None:
        """Wait (a bounded time) until every update stored here has been handled."""
        try:
            await asyncio.wait_for(self._queue.join(), seconds)
        except TimeoutError:
            log.warning("%d stored updates left for the next start", self._queue.qsize())


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

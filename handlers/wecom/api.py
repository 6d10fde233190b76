"""WeCom's server API for one self-built app: the access token, JSON calls and media.

Every WeCom answer is HTTP 200 with `errcode`/`errmsg` in a JSON body (0 is success). The
access token is cached per app and fetched again shortly before it expires, and at once when
an answer says it is invalid (40014) or expired (42001); the call is then repeated once.
Busy answers (45009 frequency, 45033 concurrency, -1 system busy) are retried after a short
back-off and then raised. The secret and the token travel only in query strings and never
reach a log line or an exception's text.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
from yarl import URL

LOGGER = logging.getLogger(__name__)

TOKEN_ERRORS = frozenset({40014, 42001})
BUSY_ERRORS = frozenset({45009, 45033, -1})
# Seconds before each retry of a busy answer; after the last, the error is raised.
BACKOFF = (0.5, 1.0, 2.0)
# A token is fetched again this many seconds before WeCom says it expires.
REFRESH_EARLY = 300.0
CALL_SECONDS = 10.0
UPLOAD_SECONDS = 60.0

Answer = dict[str, Any]


class WeComError(Exception):
    """An answer with a non-zero errcode; `answer` is the whole JSON body (invaliduser...)."""

    def __init__(self, errcode: int, errmsg: str, answer: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"WeCom errcode {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg
        self.answer: Answer = dict(answer or {})


class WeComUnreachable(Exception):
    """No WeCom answer: a network fault, a time-out, an HTTP error status or a body not JSON."""


class WeComClient:
    """Calls one app's WeCom API (`base_url` is the API root, WeCom's or the emulator's)."""

    def __init__(
        self,
        base_url: str,
        corp_id: str,
        secret: str,
        session: aiohttp.ClientSession | None = None,
        *,
        backoff: tuple[float, ...] = BACKOFF,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.corp_id = corp_id
        self._secret = secret
        self._session = session
        self._own_session = session is None
        self.backoff = backoff
        self.clock, self.sleep = clock, sleep
        self._token: str | None = None
        self._token_until = 0.0
        self._token_lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"WeComClient({self.base_url!r}, corp_id={self.corp_id!r})"

    async def call(
        self, path: str, payload: Mapping[str, Any] | None = None, *, method: str = "POST"
    ) -> Answer:
        """Call an API path such as "/cgi-bin/message/send" with a JSON body (POST) or query
        parameters (GET); the successful answer, else WeComError or WeComUnreachable."""

        async def once(token: str) -> Answer | bytes:
            if method == "GET":
                query = {k: str(v) for k, v in (payload or {}).items()}
                return await self._request("GET", path, token, query=query)
            return await self._request("POST", path, token, body=dict(payload or {}))

        answer = await self._with_token(path, once)
        assert isinstance(answer, dict)
        return answer

    async def upload(self, kind: str, name: str, data: bytes) -> str:
        """Upload a temporary medium ("image" or "file"; WeCom keeps it 3 days): its media_id."""

        async def once(token: str) -> Answer | bytes:
            form = aiohttp.FormData()
            form.add_field("media", data, filename=name, content_type="application/octet-stream")
            return await self._request(
                "POST", "/cgi-bin/media/upload", token, query={"type": kind}, form=form
            )

        answer = await self._with_token("/cgi-bin/media/upload", once)
        assert isinstance(answer, dict)
        return str(answer["media_id"])

    async def download(self, media_id: str) -> bytes:
        """The bytes of a medium by its media_id (WeCom answers JSON only for an error)."""

        async def once(token: str) -> Answer | bytes:
            query = {"media_id": media_id}
            return await self._request("GET", "/cgi-bin/media/get", token, query=query, raw=True)

        content = await self._with_token("/cgi-bin/media/get", once)
        assert isinstance(content, bytes)
        return content

    async def token(self) -> str:
        """The cached access token, fetched again when it is (nearly) out of date."""
        async with self._token_lock:
            if self._token is None or self.clock() >= self._token_until:
                answer = await self._busy_retried("gettoken", self._fetch_token)
                assert isinstance(answer, dict)
                self._token = str(answer["access_token"])
                lifetime = float(answer.get("expires_in", 7200))
                self._token_until = self.clock() + max(lifetime - REFRESH_EARLY, lifetime / 2)
            return self._token

    def forget_token(self, token: str | None = None) -> None:
        """Drop the cached token (only if it is still `token`, when one is given)."""
        if token is None or token == self._token:
            self._token = None

    async def close(self) -> None:
        """Close the HTTP session, if this client opened it."""
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def _fetch_token(self) -> Answer:
        query = {"corpid": self.corp_id, "corpsecret": self._secret}
        answer = await self._request("GET", "/cgi-bin/gettoken", None, query=query)
        assert isinstance(answer, dict)
        return answer

    async def _with_token(
        self, path: str, once: Callable[[str], Awaitable[Answer | bytes]]
    ) -> Answer | bytes:
        refreshed = False
        while True:
            token = await self.token()

            async def attempt(token: str = token) -> Answer | bytes:
                return await once(token)

            try:
                return await self._busy_retried(path, attempt)
            except WeComError as error:
                if error.errcode not in TOKEN_ERRORS or refreshed:
                    raise
                LOGGER.info("WeCom token refused (errcode %s); fetching a new one", error.errcode)
                self.forget_token(token)
                refreshed = True

    async def _busy_retried(
        self, path: str, attempt: Callable[[], Awaitable[Answer | bytes]]
    ) -> Answer | bytes:
        delays = iter(self.backoff)
        while True:
            answer = await attempt()
            if isinstance(answer, bytes):
                return answer
            code = _errcode(answer)
            if code == 0:
                return answer
            delay = next(delays, None) if code in BUSY_ERRORS else None
            if delay is None:
                raise WeComError(code, str(answer.get("errmsg", "")), answer)
            LOGGER.info("WeCom busy on %s (errcode %s); retrying in %.1f s", path, code, delay)
            await self.sleep(delay)

    async def _request(
        self,
        method: str,
        path: str,
        token: str | None,
        *,
        query: Mapping[str, str] | None = None,
        body: Answer | None = None,
        form: aiohttp.FormData | None = None,
        raw: bool = False,
    ) -> Answer | bytes:
        url = URL(self.base_url + path)
        params = dict(url.query) | dict(query or {})
        if token is not None:
            params["access_token"] = token
        seconds = UPLOAD_SECONDS if form is not None else CALL_SECONDS
        timeout = aiohttp.ClientTimeout(total=seconds)
        session = self._open_session()
        try:
            async with session.request(
                method,
                url.with_query(None),
                params=params,
                json=body,
                data=form,
                timeout=timeout,
            ) as response:
                content = await response.read()
                kind = response.content_type
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            # aiohttp's own texts may carry the URL, and so the token: name the kind only.
            raise WeComUnreachable(f"{path}: {type(error).__name__}") from None
        if status != 200:
            raise WeComUnreachable(f"{path}: HTTP {status}")
        if raw and kind not in ("application/json", "text/plain"):
            return content
        try:
            answer = json.loads(content)
        except ValueError:
            raise WeComUnreachable(f"{path}: the answer is not JSON") from None
        if not isinstance(answer, dict):
            raise WeComUnreachable(f"{path}: the answer is not a JSON object")
        return answer

    def _open_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
            self._own_session = True
        return self._session


def _errcode(answer: Mapping[str, Any]) -> int:
    code = answer.get("errcode", 0)
    try:
        return int(code)
    except (TypeError, ValueError):
        raise WeComUnreachable(f"the answer's errcode is {code!r}") from None

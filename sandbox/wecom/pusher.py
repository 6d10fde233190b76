"""The callback pusher: members' messages and card clicks, encrypted and POSTed to the bot.

As WeCom does (回调配置, 加解密方案说明): the plaintext XML is encrypted with the app's
EncodingAESKey for the corp id, wrapped in `<xml><ToUserName/><AgentID/><Encrypt/></xml>`
and POSTed to the callback URL with msg_signature, timestamp and nonce in the query. An
answer other than HTTP 200 within the time-out (5 s) counts as failed; WeCom tries 3 times in
all, each time with the same request. Callbacks go out one at a time, in order. `verify`
checks the URL as WeCom does when it is saved: a signed GET whose encrypted echostr must be
answered with its plaintext within a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from handlers.wecom.crypto import WeComCrypto

from .defaults import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_TOKEN,
    PUSH_RETRY_DELAY,
    PUSH_TIMEOUT,
    PUSH_TRIES,
)
from .stats import Stats

VERIFY_SECONDS = 1.0


@dataclass
class CallbackConfig:
    """Where the app's callbacks go, and the app's callback token and key."""

    url: str | None = None
    token: str = DEFAULT_TOKEN
    encoding_aes_key: str = DEFAULT_AES_KEY
    corp_id: str = DEFAULT_CORP_ID
    agent_id: int = DEFAULT_AGENT_ID
    timeout: float = PUSH_TIMEOUT
    tries: int = PUSH_TRIES
    retry_delay: float = PUSH_RETRY_DELAY

    def to_control(self) -> dict[str, Any]:
        """The settings as the control API shows them (the token and key left out)."""
        return {
            "url": self.url,
            "corp_id": self.corp_id,
            "agent_id": self.agent_id,
            "timeout": self.timeout,
            "tries": self.tries,
            "retry_delay": self.retry_delay,
        }


@dataclass
class Attempt:
    """One POST of a callback: the HTTP status, or what went wrong instead."""

    at: float
    status: int | None
    error: str | None = None


@dataclass
class Push:
    """One callback: its plaintext fields and XML, and how its delivery went."""

    number: int
    fields: dict[str, str]
    xml: str
    outcome: str = "pending"
    attempts: list[Attempt] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def to_control(self) -> dict[str, Any]:
        """The push as the control API shows it."""
        return {
            "push": self.number,
            "fields": self.fields,
            "outcome": self.outcome,
            "attempts": [
                {"at": a.at, "status": a.status, "error": a.error} for a in self.attempts
            ],
        }


def to_xml(fields: Mapping[str, str | int]) -> str:
    """Flat WeCom XML: text in CDATA, numbers bare, in the order given."""
    parts = ["<xml>"]
    for tag, value in fields.items():
        if isinstance(value, int):
            parts.append(f"<{tag}>{value}</{tag}>")
        else:
            safe = value.replace("]]>", "]]]]><![CDATA[>")
            parts.append(f"<{tag}><![CDATA[{safe}]]></{tag}>")
    parts.append("</xml>")
    return "".join(parts)


class Pusher:
    """A background task that POSTs queued callbacks to the configured URL, in order."""

    def __init__(
        self, config: CallbackConfig, stats: Stats, clock: Callable[[], float] = time.time
    ) -> None:
        self.config = config
        self.stats = stats
        self.clock = clock
        self.pushes: list[Push] = []
        self._queue: asyncio.Queue[Push] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def enqueue(self, fields: Mapping[str, str | int]) -> Push:
        """Queue a callback of these plaintext fields; it goes out after those before it."""
        push = Push(len(self.pushes) + 1, {k: str(v) for k, v in fields.items()}, to_xml(fields))
        self.pushes.append(push)
        self._queue.put_nowait(push)
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())
        return push

    def find(self, number: int) -> Push | None:
        """A push by its number."""
        return self.pushes[number - 1] if 1 <= number <= len(self.pushes) else None

    async def wait(self, push: Push, seconds: float) -> Push:
        """Wait until the push was delivered or failed for good (TimeoutError after)."""
        await asyncio.wait_for(push.done.wait(), seconds)
        return push

    async def close(self) -> None:
        """Stop delivering; pushes not yet delivered stay pending."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def sealed(self, push: Push) -> tuple[dict[str, str], str]:
        """The query (signature, timestamp, nonce) and the outer XML body of a push."""
        config = self.config
        crypto = WeComCrypto(config.token, config.encoding_aes_key, config.corp_id)
        encrypt = crypto.encrypt(push.xml)
        timestamp = str(int(self.clock()))
        nonce = str(secrets.randbelow(10**10))
        query = {
            "msg_signature": crypto.sign(timestamp, nonce, encrypt),
            "timestamp": timestamp,
            "nonce": nonce,
        }
        outer = {"ToUserName": config.corp_id, "AgentID": str(config.agent_id)}
        return query, to_xml(outer | {"Encrypt": encrypt})

    async def verify(self) -> dict[str, Any]:
        """Verify the callback URL as WeCom does when an admin saves it: a signed GET with an
        encrypted echostr, to be answered with its plaintext within 1 second."""
        config = self.config
        if config.url is None:
            return {"ok": False, "status": None, "error": "no callback URL configured"}
        crypto = WeComCrypto(config.token, config.encoding_aes_key, config.corp_id)
        plaintext = str(secrets.randbelow(10**19))
        echostr = crypto.encrypt(plaintext)
        timestamp, nonce = str(int(self.clock())), str(secrets.randbelow(10**10))
        query = {"msg_signature": crypto.sign(timestamp, nonce, echostr), "echostr": echostr}
        query |= {"timestamp": timestamp, "nonce": nonce}
        timeout = aiohttp.ClientTimeout(total=VERIFY_SECONDS)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(config.url, params=query) as response,
            ):
                answer = await response.text()
                ok = response.status == 200 and answer == plaintext
                return {"ok": ok, "status": response.status, "error": None}
        except (TimeoutError, aiohttp.ClientError) as error:
            return {"ok": False, "status": None, "error": type(error).__name__}

    async def _run(self) -> None:
        async with aiohttp.ClientSession() as session:
            while True:
                push = await self._queue.get()
                await self._deliver(session, push)

    async def _deliver(self, session: aiohttp.ClientSession, push: Push) -> None:
        config = self.config
        if config.url is None:
            push.attempts.append(Attempt(self.clock(), None, "no callback URL configured"))
            self._finish(push, "failed")
            return
        query, body = self.sealed(push)
        timeout = aiohttp.ClientTimeout(total=config.timeout)
        headers = {"Content-Type": "text/xml"}
        for attempt in range(config.tries):
            if attempt:
                await asyncio.sleep(config.retry_delay)
            self.stats.push_attempts += 1
            try:
                async with session.post(
                    config.url, params=query, data=body.encode(), headers=headers, timeout=timeout
                ) as response:
                    await response.read()
                    push.attempts.append(Attempt(self.clock(), response.status))
                    if response.status == 200:
                        self._finish(push, "delivered")
                        return
            except TimeoutError:
                push.attempts.append(Attempt(self.clock(), None, "no answer within the time-out"))
            except aiohttp.ClientError as error:
                push.attempts.append(Attempt(self.clock(), None, type(error).__name__))
        self._finish(push, "failed")

    def _finish(self, push: Push, outcome: str) -> None:
        push.outcome = outcome
        if outcome == "delivered":
            self.stats.pushes_delivered += 1
        else:
            self.stats.pushes_failed += 1
        push.done.set()

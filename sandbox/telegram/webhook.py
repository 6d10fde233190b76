"""Webhook delivery: POST each update in order until the bot answers 2xx, backing off between."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from .updates import UpdateQueue

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class WebhookState:
    """What setWebhook stored and what getWebhookInfo reports."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None
    delivered: list[int] = field(default_factory=list)

    def to_info(self, queue: UpdateQueue) -> dict[str, Any]:
        """The WebhookInfo object."""
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": queue.pending_count,
        }
        if self.url:
            info["max_connections"] = self.max_connections
            if queue.allowed:
                info["allowed_updates"] = list(queue.allowed)
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info


class WebhookSender:
    """A background task that pushes a queue's updates to the webhook URL, one at a time."""

    def __init__(
        self,
        queue: UpdateQueue,
        state: WebhookState,
        retry_delays: tuple[float, float],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.queue = queue
        self.state = state
        self.first_delay, self.max_delay = retry_delays
        self.clock = clock
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin delivering in the running event loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop delivering; an update being sent stays pending."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        headers = {}
        if self.state.secret_token:
            headers[SECRET_HEADER] = self.state.secret_token
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
            delay = self.first_delay
            while True:
                update = self.queue.peek_first()
                if update is None:
                    await self.queue.wait_for_change()
                    continue
                if await self._deliver(session, update):
                    self.queue.confirm(update["update_id"] + 1)
                    self.state.delivered.append(update["update_id"])
                    delay = self.first_delay
                else:
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, self.max_delay)

    async def _deliver(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        try:
            async with session.post(self.state.url, json=update) as response:
                if 200 <= response.status < 300:
                    return True
                reason = f"{response.status} {response.reason or ''}".strip()
                self._record_error(f"Wrong response from the webhook: {reason}")
        except aiohttp.ClientConnectorError:
            self._record_error("Connection refused")
        except TimeoutError:
            self._record_error("Read timeout expired")
        except aiohttp.ClientError as exc:
            self._record_error(f"Connection failed: {type(exc).__name__}")
        return False

    def _record_error(self, message: str) -> None:
        self.state.last_error_date = int(self.clock())
        self.state.last_error_message = message

"""Calls an emulator carries out after a delay it was told to inject, to their end even when
the client gave up waiting: as a slow server would (both emulators' fault plans use it)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


class LateCalls:
    """Delayed calls still under way, cancelled when the emulator closes."""

    def __init__(self) -> None:
        self._late: set[asyncio.Task[Any]] = set()

    async def run_late(self, delay: float, call: Callable[[], Awaitable[T]]) -> T:
        """Carry out `call` after `delay` seconds, to the end even if the caller goes away."""

        async def late() -> T:
            await asyncio.sleep(delay)
            return await call()

        task = asyncio.create_task(late())
        self._late.add(task)
        task.add_done_callback(self._forget)
        return await asyncio.shield(task)

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._late.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: an answer nobody waits for any more is not an error

    async def close(self) -> None:
        """Cancel the late calls still waiting."""
        late = list(self._late)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

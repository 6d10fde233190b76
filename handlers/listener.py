"""An HTTP server a channel receives on (Telegram's webhook, WeCom's callback URL)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from aiohttp import web

SHUTDOWN_SECONDS = 5.0  # on stop, for requests being answered


class Listener(ABC):
    """Serves the application `app()` builds; subclasses say what it answers."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None

    @abstractmethod
    def app(self) -> web.Application:
        """The web application to serve."""

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port; returns the port bound (0 picks a free one)."""
        self._runner = web.AppRunner(
            self.app(), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        return int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Stop listening; what was stored stays for the handling."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

"""python-telegram-bot's network layer on aiohttp: the Bot API calls of one bot process.

PTB's default layer (httpx) costs about as much per call as handling the update itself; on
aiohttp, which the webhook receiver and the sandbox use already, a call costs a fraction.
What goes over the wire is the same: form fields (JSON-encoded values) or multipart with files.
"""

from __future__ import annotations

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

READ_SECONDS = 5.0
CONNECT_SECONDS = 5.0
POOL_SECONDS = 1.0


class AiohttpRequest(BaseRequest):
    """A BaseRequest over one aiohttp session with at most `connections` open at once."""

    def __init__(self, connections: int = 8, read_timeout: float = READ_SECONDS) -> None:
        if connections < 1:
            raise ValueError("connections must be at least 1")
        self._connections = connections
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a call does not name one."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (inside the running event loop)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One HTTP request; time-outs become TimedOut and connection failures NetworkError."""
        if self._session is None or self._session.closed:
            raise RuntimeError("this AiohttpRequest is not initialized")
        # aiohttp has no write time-out: an upload is bounded by the read one that follows it.
        pool = _seconds(pool_timeout, POOL_SECONDS)
        connect = _seconds(connect_timeout, CONNECT_SECONDS)
        timeout = aiohttp.ClientTimeout(
            total=None,
            # aiohttp's `connect` counts the wait for a free connection too.
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=_seconds(read_timeout, self._read_timeout),
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _seconds(value: ODVInput[float], default: float) -> float | None:
    if isinstance(value, DefaultValue):
        return default
    return value


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    if request_data is None:
        return None
    if not request_data.contains_files:
        return request_data.json_parameters
    # Names as they are (UTF-8), as PTB's default layer sends them: aiohttp would percent-encode.
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, part in request_data.multipart_data.items():
        filename, content, mime_type = part
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form

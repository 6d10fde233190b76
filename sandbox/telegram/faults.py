"""Injected failures: the next Bot API calls that match answer an error, or answer late.

A fault entry takes `count` calls. It matches calls to its `method`, or without one every
call flood.py counts (sendMessage, sendPhoto, sendDocument, editMessageText,
editMessageReplyMarkup), and only calls to its `chat_id` when it names one. A call consumes
from the first entry it matches. An error answer changes nothing and is not counted against
the flood limits. With `delay` the sandbox waits first; status 200 then carries the call out
after the delay, even when the client has given up meanwhile (its message is still sent, as
when Telegram answers too slowly).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sandbox.late_calls import LateCalls

from .errors import (
    BAD_GATEWAY,
    BLOCKED,
    CHAT_NOT_FOUND,
    INTERNAL_SERVER_ERROR,
    NOT_FOUND,
    UNAUTHORIZED,
    ApiError,
    ControlError,
    too_many_requests,
)
from .flood import COUNTED_METHODS
from .schema import Schema

DESCRIPTIONS = {
    400: CHAT_NOT_FOUND,
    401: UNAUTHORIZED,
    403: BLOCKED,
    404: NOT_FOUND,
    500: INTERNAL_SERVER_ERROR,
    502: BAD_GATEWAY,
}


@dataclass
class Fault:
    """One pending fault entry; `count` is how many calls it still takes."""

    status: int
    count: int
    method: str | None
    chat_id: int | None
    retry_after: int | None
    delay: float
    description: str | None

    def matches(self, method: str, chat_id: Any) -> bool:
        """Whether a call to `method` for `chat_id` (as validated) is one this entry takes."""
        wanted = method == self.method if self.method is not None else method in COUNTED_METHODS
        return wanted and (self.chat_id is None or chat_id == self.chat_id)

    def to_error(self) -> ApiError | None:
        """The error a faulted call answers, or None when it is carried out (status 200)."""
        if self.status == 200:
            return None
        if self.status == 429 and self.retry_after is not None and self.description is None:
            return too_many_requests(self.retry_after)
        description = self.description or DESCRIPTIONS[self.status]
        return ApiError(self.status, description, self.retry_after)

    def to_control(self) -> dict[str, Any]:
        """The entry as the control API shows it, with the description it answers."""
        error = self.to_error()
        return {
            "status": self.status,
            "count": self.count,
            "method": self.method,
            "chat_id": self.chat_id,
            "retry_after": self.retry_after,
            "delay": self.delay,
            "description": error.description if error is not None else None,
        }


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def make_fault(
    schema: Schema,
    status: Any,
    count: Any = 1,
    method: Any = None,
    chat_id: Any = None,
    retry_after: Any = None,
    delay: Any = 0.0,
    description: Any = None,
) -> Fault:
    """A checked fault entry; ControlError says what is wrong with the arguments."""
    if not _is_int(status) or not (status == 200 or 400 <= status <= 599):
        raise ControlError(f"status must be 200 or an integer 400-599, not {status!r}")
    if not _is_int(count) or count < 1:
        raise ControlError(f"count must be a positive integer, not {count!r}")
    if method is not None:
        spec = schema.find_method(method) if isinstance(method, str) else None
        if spec is None:
            raise ControlError(f"method must name a Bot API method, not {method!r}")
        method = spec.name
    if chat_id is not None and not _is_int(chat_id):
        raise ControlError(f"chat_id must be an integer, not {chat_id!r}")
    if status == 429 and retry_after is None:
        retry_after = 1
    if retry_after is not None and (status != 429 or not _is_int(retry_after) or retry_after < 1):
        raise ControlError("retry_after must be a positive integer and goes only with status 429")
    numeric = isinstance(delay, (int, float)) and not isinstance(delay, bool)
    if not numeric or not math.isfinite(delay) or delay < 0:
        raise ControlError(f"delay must be a number of seconds, 0 or more, not {delay!r}")
    if description is not None and (status == 200 or not isinstance(description, str)):
        raise ControlError("description must be a string and goes only with an error status")
    if not description and status not in DESCRIPTIONS and status not in (200, 429):
        raise ControlError(f"status {status} has no known description: give one")
    return Fault(status, count, method, chat_id, retry_after, float(delay), description)


class FaultPlan(LateCalls):
    """The pending fault entries, in the order given, and the late calls still running."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Fault] = []

    def add(self, fault: Fault) -> None:
        """Queue an entry after those already pending."""
        self.entries.append(fault)

    def clear(self) -> None:
        """Drop every pending entry (late calls already under way still finish)."""
        self.entries.clear()

    def take(self, method: str, chat_id: Any) -> Fault | None:
        """The first entry matching the call, with one use consumed, or None."""
        for fault in self.entries:
            if fault.matches(method, chat_id):
                fault.count -= 1
                if fault.count == 0:
                    self.entries.remove(fault)
                return fault
        return None

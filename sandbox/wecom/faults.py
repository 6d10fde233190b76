"""Injected failures: the next API calls that match answer an errcode, an HTTP error, or late.

A fault entry takes `count` calls. It matches calls to its `path` ("message/send",
"gettoken", ...), or without one every message-sending call (message/send, appchat/send,
update_template_card). A call consumes from the first entry it matches. An `errcode` answer
(45009, -1, 42001, 60020, ...) is WeCom's JSON with HTTP 200 and changes nothing; a `status`
(500, 502, 503) answers that HTTP status with no JSON, as a failing gateway would. With
`delay` the emulator waits first; errcode 0 then carries the call out after the delay, even
when the client has given up meanwhile (WeCom answered too slowly, but sent it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, TypeVar

from sandbox.late_calls import LateCalls

from .errors import ERRMSG, ApiError, ControlError, HttpFault

SENDING_PATHS = frozenset({"message/send", "appchat/send", "message/update_template_card"})
KNOWN_PATHS = SENDING_PATHS | {
    "gettoken",
    "appchat/create",
    "appchat/get",
    "media/upload",
    "media/get",
}
T = TypeVar("T")


@dataclass
class Fault:
    """One pending fault entry; `count` is how many calls it still takes."""

    errcode: int
    count: int
    path: str | None
    status: int | None
    delay: float

    def matches(self, path: str) -> bool:
        """Whether a call to `path` is one this entry takes."""
        return path == self.path if self.path is not None else path in SENDING_PATHS

    def raise_error(self) -> None:
        """Raise what the faulted call answers (nothing when it is carried out)."""
        if self.status is not None:
            raise HttpFault(self.status)
        if self.errcode != 0:
            raise ApiError(self.errcode, "injected fault")

    def to_control(self) -> dict[str, Any]:
        """The entry as the control API shows it."""
        return {
            "errcode": self.errcode,
            "count": self.count,
            "path": self.path,
            "status": self.status,
            "delay": self.delay,
        }


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def make_fault(
    errcode: Any = 0,
    count: Any = 1,
    path: Any = None,
    status: Any = None,
    delay: Any = 0.0,
) -> Fault:
    """A checked fault entry; ControlError says what is wrong with the arguments."""
    if not _is_int(errcode) or (errcode != 0 and errcode not in ERRMSG):
        raise ControlError(f"errcode must be 0 or one of {sorted(ERRMSG)}, not {errcode!r}")
    if not _is_int(count) or count < 1:
        raise ControlError(f"count must be a positive integer, not {count!r}")
    if path is not None:
        path = str(path).removeprefix("/").removeprefix("cgi-bin/")
        if path not in KNOWN_PATHS:
            raise ControlError(f"path must be one of {sorted(KNOWN_PATHS)}, not {path!r}")
    if status is not None and (not _is_int(status) or not 500 <= status <= 599 or errcode):
        raise ControlError("status must be an HTTP status 500-599, and goes without errcode")
    numeric = isinstance(delay, (int, float)) and not isinstance(delay, bool)
    if not numeric or not math.isfinite(delay) or delay < 0:
        raise ControlError(f"delay must be a number of seconds, 0 or more, not {delay!r}")
    if errcode == 0 and status is None and delay == 0:
        raise ControlError("a fault needs an errcode, a status or a delay")
    return Fault(errcode, count, path, status, float(delay))


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

    def take(self, path: str) -> Fault | None:
        """The first entry matching the call, with one use consumed, or None."""
        for fault in self.entries:
            if fault.matches(path):
                fault.count -= 1
                if fault.count == 0:
                    self.entries.remove(fault)
                return fault
        return None

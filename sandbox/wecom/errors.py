"""WeCom's error answers (全局错误码) and the control API's refusals.

Codes and texts follow WeCom's global error list. WeCom publishes no codes for breaking a
template card's rules (too many buttons, a repeated key, a task_id used before); the emulator
answers those with 40058 (不合法的参数) and says which rule in errmsg, and a response_code
that is unknown, used or older than 72 hours with 60140, the code WeCom is seen to answer.
"""

from __future__ import annotations

from typing import Any

ERRMSG = {
    -1: "system busy",
    40001: "invalid credential",
    40004: "invalid media type",
    40005: "invalid file type",
    40006: "invalid file size",
    40007: "invalid media_id",
    40008: "invalid message type",
    40009: "invalid image size",
    40011: "invalid video size",
    40013: "invalid corpid",
    40014: "invalid access_token",
    40032: "invalid userid list size",
    40056: "invalid agentid",
    40058: "invalid parameter",
    41001: "access_token missing",
    41002: "corpid missing",
    41004: "corpsecret missing",
    41006: "media_id missing",
    42001: "access_token expired",
    44001: "empty media data",
    44004: "empty content",
    45009: "api freq out of limit",
    45033: "api concurrent out of limit",
    48002: "api forbidden",
    60020: "not allow to access from your ip",
    60140: "invalid response_code",
    81013: "user & party & tag all invalid",
    86001: "invalid chatid",
    86003: "chatid not found",
    86005: "invalid owner",
    86006: "invalid chat member count",
    86007: "invalid chat member",
    86215: "chatid exists",
}


class ApiError(Exception):
    """A WeCom error answer: HTTP 200 with errcode, errmsg and any extra fields."""

    def __init__(self, errcode: int, detail: str | None = None, **extra: Any) -> None:
        text = ERRMSG.get(errcode, "error")
        self.errcode = errcode
        self.errmsg = f"{text}, {detail}" if detail else text
        self.extra = extra
        super().__init__(self.errmsg)

    def to_json(self) -> dict[str, Any]:
        """The answer's body."""
        return {"errcode": self.errcode, "errmsg": self.errmsg, **self.extra}


class HttpFault(Exception):
    """An injected fault answered with an HTTP error status (a gateway failing)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


class ControlError(Exception):
    """A control request that makes no sense; answered 400 with its text."""

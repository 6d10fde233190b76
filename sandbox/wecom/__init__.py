"""A stand-in for WeCom's API for one corp and one self-built app, and its callback pusher.

`WeComSandbox` is the emulator in-process (API calls plus control methods to act as members
and read what they received); `WeComSandboxServer` serves it over HTTP for real clients. See
server.py for the URL layout and control.py for the control API.
"""

from .api import Call
from .defaults import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    DEFAULT_TOKEN,
)
from .errors import ApiError, ControlError
from .pusher import CallbackConfig, Push
from .records import CardCopy, Received
from .sandbox import WeComSandbox
from .server import WeComSandboxServer

__all__ = [
    "DEFAULT_AES_KEY",
    "DEFAULT_AGENT_ID",
    "DEFAULT_CORP_ID",
    "DEFAULT_SECRET",
    "DEFAULT_TOKEN",
    "ApiError",
    "Call",
    "CallbackConfig",
    "CardCopy",
    "ControlError",
    "Push",
    "Received",
    "WeComSandbox",
    "WeComSandboxServer",
]

"""A stand-in for the Telegram Bot API that python-telegram-bot cannot tell from Telegram.

`Sandbox` is the emulator in-process (Bot API calls plus a control API to act as users);
`SandboxServer` serves it over HTTP for real clients. See server.py for the URL layout.
"""

from .errors import ApiError, ControlError
from .flood import FloodLimits, Window
from .records import StoredMessage
from .sandbox import Sandbox
from .server import SandboxServer
from .world import DEFAULT_TOKEN, unused_message_ids

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "ControlError",
    "FloodLimits",
    "Sandbox",
    "SandboxServer",
    "StoredMessage",
    "Window",
    "unused_message_ids",
]

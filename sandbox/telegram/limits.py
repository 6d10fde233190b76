"""Value limits that the Bot API states only in prose: lengths, sizes and allowed characters."""

from __future__ import annotations

import re
from typing import Any

from .errors import (
    ANSWER_TOO_LONG,
    BUTTON_DATA_INVALID,
    BUTTON_TEXT_INVALID,
    CAPTION_TOO_LONG,
    COMMAND_DESCRIPTION_EMPTY,
    COMMAND_DESCRIPTION_INVALID,
    COMMAND_INVALID,
    COMMANDS_TOO_MUCH,
    TEXT_BUTTONS_UNALLOWED,
    TEXT_EMPTY,
    TEXT_TOO_LONG,
    bad_request,
)
from .formatting import Rendered

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_ANSWER_TEXT = 200
MAX_COMMANDS = 100
MAX_COMMAND_DESCRIPTION = 256
COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# Of an inline button's fields, these style it; exactly one of all the others must be used.
BUTTON_STYLING = frozenset({"text", "icon_custom_emoji_id", "style"})


def check_text(rendered: Rendered) -> None:
    """Message text: 1-4096 characters after entity parsing and trimming."""
    if not rendered.plain:
        raise bad_request(TEXT_EMPTY)
    if len(rendered.plain) > MAX_TEXT:
        raise bad_request(TEXT_TOO_LONG)


def check_caption(rendered: Rendered) -> None:
    """Media caption: 0-1024 characters after entity parsing."""
    if len(rendered.plain) > MAX_CAPTION:
        raise bad_request(CAPTION_TOO_LONG)


def check_reply_markup(markup: dict[str, Any] | None) -> None:
    """Button rules for inline and reply keyboards (types were checked by the schema)."""
    if markup is None:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            _check_inline_button(button)
    for row in markup.get("keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                raise bad_request(BUTTON_TEXT_INVALID)


def _check_inline_button(button: dict[str, Any]) -> None:
    if not str(button.get("text", "")).strip():
        raise bad_request(BUTTON_TEXT_INVALID)
    if "callback_data" in button:
        size = len(str(button["callback_data"]).encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request(BUTTON_DATA_INVALID)
    actions = [name for name in button if name not in BUTTON_STYLING]
    if not actions:
        raise bad_request(TEXT_BUTTONS_UNALLOWED)
    if len(actions) > 1:
        raise bad_request(
            "Bad Request: can't parse inline keyboard button: exactly one of "
            f"{', '.join(sorted(actions))} may be used (sandbox)"
        )


def check_answer_text(text: str | None) -> None:
    """answerCallbackQuery notification text: 0-200 characters."""
    if text is not None and len(text) > MAX_ANSWER_TEXT:
        raise bad_request(ANSWER_TOO_LONG)


def check_commands(commands: list[dict[str, Any]]) -> None:
    """setMyCommands: at most 100; command 1-32 of [a-z0-9_]; description 1-256 characters."""
    if len(commands) > MAX_COMMANDS:
        raise bad_request(COMMANDS_TOO_MUCH)
    for command in commands:
        if COMMAND.fullmatch(str(command["command"])) is None:
            raise bad_request(COMMAND_INVALID)
        description = str(command["description"]).strip()
        if not description:
            raise bad_request(COMMAND_DESCRIPTION_EMPTY)
        if len(description) > MAX_COMMAND_DESCRIPTION:
            raise bad_request(COMMAND_DESCRIPTION_INVALID)

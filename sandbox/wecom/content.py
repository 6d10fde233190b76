"""The rules of a message's content (发送应用消息, 模板卡片消息), checked as WeCom checks them.

Text and markdown take at most 2,048 bytes: WeCom cuts longer content off without an error,
and so does the emulator, counting each cut. A `button_interaction` card needs a task_id of
1 to 128 bytes of letters, digits and `_-@` (unique per app; checked by the caller), a main
title, and 1 to 6 buttons, each with a text and a key of 1 to 1,024 bytes that no other
button of the card has; at most 6 horizontal_content_list lines, each with a keyname.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .defaults import BUTTONS_MAX, HORIZONTAL_MAX, KEY_BYTES, TASK_ID_BYTES, TEXT_BYTES
from .errors import ApiError
from .world import World

SEND_TYPES = frozenset({"text", "markdown", "image", "file", "template_card"})
GROUP_TYPES = frozenset({"text", "markdown", "image", "file"})
TASK_ID = re.compile(r"[A-Za-z0-9_\-@]+")


def message_content(world: World, msgtype: Any, body: dict[str, Any]) -> dict[str, Any]:
    """The checked object of a message of `msgtype` (text cut to 2,048 bytes)."""
    part = body.get(msgtype)
    if not isinstance(part, dict):
        raise ApiError(40058, f"{msgtype} must be an object")
    if msgtype in ("text", "markdown"):
        return {"content": _content(world, part.get("content"))}
    if msgtype in ("image", "file"):
        media_id = part.get("media_id")
        if not media_id:
            raise ApiError(41006)
        world.find_medium(media_id, msgtype)
        return {"media_id": media_id}
    return check_card(part)


def _content(world: World, content: Any) -> str:
    if not isinstance(content, str) or not content:
        raise ApiError(44004)
    raw = content.encode()
    if len(raw) <= TEXT_BYTES:
        return content
    world.stats.truncated += 1
    return raw[:TEXT_BYTES].decode("utf-8", "ignore")


def check_card(card: dict[str, Any], task_id: str | None = None) -> dict[str, Any]:
    """A copy of a valid button_interaction card; 40058 naming the rule it breaks.

    With `task_id` (an update of that card) the card may leave its task_id out; one it
    gives must be that one.
    """
    card = copy.deepcopy(card)
    if card.get("card_type") != "button_interaction":
        raise ApiError(40058, "card_type must be button_interaction (the emulator's only one)")
    given = card.get("task_id")
    if task_id is not None and given is None:
        card["task_id"] = given = task_id
    if not isinstance(given, str) or not TASK_ID.fullmatch(given):
        raise ApiError(40058, "task_id must be letters, digits and _-@")
    if len(given.encode()) > TASK_ID_BYTES:
        raise ApiError(40058, f"task_id must be at most {TASK_ID_BYTES} bytes")
    if task_id is not None and given != task_id:
        raise ApiError(40058, "an update keeps the card's task_id")
    title = card.get("main_title")
    if (
        not isinstance(title, dict)
        or not isinstance(title.get("title"), str)
        or not title["title"]
    ):
        raise ApiError(40058, "main_title.title is required")
    _check_optional_text(card, "sub_title_text")
    _check_lines(card.get("horizontal_content_list", []))
    _check_buttons(card.get("button_list"))
    return card


def _check_optional_text(card: dict[str, Any], name: str) -> None:
    if name in card and not isinstance(card[name], str):
        raise ApiError(40058, f"{name} must be a string")


def _check_lines(lines: Any) -> None:
    if not isinstance(lines, list) or len(lines) > HORIZONTAL_MAX:
        raise ApiError(40058, f"horizontal_content_list takes at most {HORIZONTAL_MAX} lines")
    for line in lines:
        if not isinstance(line, dict) or not isinstance(line.get("keyname"), str):
            raise ApiError(40058, "each horizontal_content_list line needs a keyname")


def _check_buttons(buttons: Any) -> None:
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= BUTTONS_MAX:
        raise ApiError(40058, f"button_list takes 1 to {BUTTONS_MAX} buttons")
    keys: set[str] = set()
    for button in buttons:
        if not isinstance(button, dict):
            raise ApiError(40058, "each button must be an object")
        text, key = button.get("text"), button.get("key")
        if not isinstance(text, str) or not text:
            raise ApiError(40058, "each button needs a text")
        if not isinstance(key, str) or not key or len(key.encode()) > KEY_BYTES:
            raise ApiError(40058, f"each button key must be 1 to {KEY_BYTES} bytes")
        if key in keys:
            raise ApiError(40058, "button keys must not repeat within a card")
        keys.add(key)

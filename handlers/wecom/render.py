"""Neutral Replies as WeCom app messages: text parts and `button_interaction` cards.

WeCom's limits (发送应用消息, 模板卡片消息): text at most 2,048 bytes (WeCom cuts longer text
off silently, so it is split here, at line ends, never inside a UTF-8 character); a card has at
most 6 buttons, each key at most 1,024 bytes and unique in its card, and a task_id of at most
128 bytes of letters, digits and `_-@`, unique per app. WeCom suggests (and its clients show)
a main title of at most 36 characters, a sub-title of at most 160, and at most 6 horizontal
lines with a key of at most 5 characters and a value of at most 30: a card's text is laid out
within those, and text that does not fit goes first as a text message, the card after it
with the head line. App group chats (appchat) take no cards: there a reply is text only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.dialogs.events import Button, Reply

TEXT_BYTES = 2048
BUTTONS_PER_CARD = 6
KEY_BYTES = 1024
TASK_ID_BYTES = 128
TITLE_CHARS = 36
SUB_TITLE_CHARS = 160
HORIZONTAL_LINES = 6
KEYNAME_CHARS = 5
VALUE_CHARS = 30
# The grey label that replaces a card's buttons (WeCom gives no limit; a button's text is
# best at most 10 characters, and the label takes a whole row).
REPLACE_NAME_CHARS = 20
ELLIPSIS = "…"
APPCHAT_PREFIX = "appchat:"
TASK_ID = re.compile(r"[A-Za-z0-9_\-@]{1,128}")
# A "key: value" line, with the ASCII or the full-width (U+FF1A) colon Chinese text uses.
KEY_VALUE = re.compile(r"^\s*([^\uff1a:\n]{1,5})[\uff1a:]\s*(\S.{0,29})$")


@dataclass(frozen=True)
class Outgoing:
    """One WeCom message: its msgtype and its fields besides the recipient and agentid."""

    msgtype: str
    fields: dict[str, Any] = field(default_factory=dict)
    task_id: str | None = None


def is_appchat(chat_id: str) -> bool:
    """Whether a zhibao chat id names an app group chat ("appchat:<chatid>")."""
    return chat_id.startswith(APPCHAT_PREFIX)


def split_text(text: str, limit: int = TEXT_BYTES) -> list[str]:
    """Parts of at most `limit` UTF-8 bytes, cut at a line end where there is one."""
    parts: list[str] = []
    rest = text
    while len(rest.encode()) > limit:
        head = rest.encode()[:limit].decode("utf-8", "ignore")
        cut = head.rfind("\n")
        if cut <= 0:
            cut = len(head)
        parts.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    if rest or not parts:
        parts.append(rest)
    return parts


def text_messages(text: str) -> list[Outgoing]:
    """A text as text messages (none for an empty text)."""
    if not text.strip():
        return []
    return [Outgoing("text", {"text": {"content": part}}) for part in split_text(text)]


def shorten(text: str, chars: int) -> str:
    """The text cut to `chars` characters, with an ellipsis when it was cut."""
    return text if len(text) <= chars else text[: chars - 1] + ELLIPSIS


def render(
    reply: Reply, task_id: str, *, edit: bool = False, further: str | None = None
) -> list[Outgoing]:
    """The messages a reply becomes; cards take `task_id`, further cards `<further>-<n>`
    (`further` is `task_id` unless given).

    Group chats get text only. An edit never leads with a text message: what does not fit
    the card is cut off there (it updates a card already sent).
    """
    if is_appchat(reply.chat_id) or not reply.buttons:
        return text_messages(reply.text)
    groups = button_groups([b for row in reply.buttons for b in row])
    head, layout = card_text(reply.text, squeeze=edit)
    lead = [] if layout is not None or edit else text_messages(reply.text)
    cards: list[Outgoing] = []
    for number, buttons in enumerate(groups, start=1):
        this_id = task_id if number == 1 else f"{further or task_id}-{number}"
        suffix = "" if len(groups) == 1 else f" ({number}/{len(groups)})"
        title = shorten(head, TITLE_CHARS - len(suffix)) + suffix
        fields = layout if number == 1 and layout is not None else {}
        cards.append(card_message(this_id, title, fields, buttons))
    return lead + cards


def card_message(
    task_id: str, title: str, fields: dict[str, Any], buttons: Sequence[Button]
) -> Outgoing:
    """A button_interaction card message."""
    return Outgoing(
        "template_card", {"template_card": card(task_id, title, fields, buttons)}, task_id
    )


def card(
    task_id: str, title: str, fields: dict[str, Any], buttons: Sequence[Button]
) -> dict[str, Any]:
    """The template_card object of a button_interaction card."""
    if not TASK_ID.fullmatch(task_id):
        raise ValueError(f"task_id {task_id!r} is not one WeCom takes")
    for button in buttons:
        if not button.payload or len(button.payload.encode()) > KEY_BYTES:
            raise ValueError(f"a button key must be 1 to {KEY_BYTES} bytes")
    return {
        "card_type": "button_interaction",
        "task_id": task_id,
        "main_title": {"title": shorten(title, TITLE_CHARS) or ELLIPSIS},
        **fields,
        "button_list": [{"text": b.label, "style": 1, "key": b.payload} for b in buttons],
    }


def button_groups(buttons: Sequence[Button]) -> list[list[Button]]:
    """The buttons in cards of at most 6, a repeated key starting a new card."""
    groups: list[list[Button]] = []
    for button in buttons:
        current = groups[-1] if groups else None
        full = current is None or len(current) == BUTTONS_PER_CARD
        if full or any(b.payload == button.payload for b in current or ()):
            groups.append([button])
        else:
            assert current is not None
            current.append(button)
    return groups


def card_text(text: str, *, squeeze: bool = False) -> tuple[str, dict[str, Any] | None]:
    """A card's head line and its other fields; None when the text does not fit a card.

    The first line is the main title; the rest goes into sub_title_text, its trailing
    "key：value" lines into horizontal_content_list when the whole does not fit otherwise.
    With `squeeze` whatever does not fit is cut off instead.
    """
    first, _, rest = text.strip("\n").partition("\n")
    head = first.strip() or ELLIPSIS
    rest = rest.strip("\n")
    fits_title = len(head) <= TITLE_CHARS
    if fits_title and len(rest) <= SUB_TITLE_CHARS:
        return head, ({"sub_title_text": rest} if rest else {})
    lines = rest.split("\n")
    pairs: list[dict[str, str]] = []
    while lines and len(pairs) < HORIZONTAL_LINES and (found := KEY_VALUE.match(lines[-1])):
        pairs.insert(0, {"keyname": found[1].strip(), "value": found[2].strip()})
        lines.pop()
    prose = "\n".join(lines).strip("\n")
    if fits_title and pairs and len(prose) <= SUB_TITLE_CHARS:
        fields: dict[str, Any] = {"horizontal_content_list": pairs}
        return head, ({"sub_title_text": prose} | fields) if prose else fields
    if squeeze:
        cut = {"sub_title_text": shorten(rest, SUB_TITLE_CHARS)} if rest else {}
        return shorten(head, TITLE_CHARS), cut
    return shorten(head, TITLE_CHARS), None


def replace_name(text: str) -> str:
    """The grey label that replaces a card's buttons: the reply's first line, shortened."""
    first = text.strip("\n").partition("\n")[0].strip()
    return shorten(first, REPLACE_NAME_CHARS) or ELLIPSIS

"""Answers kept in the outbox when they could not be sent at once, as plain JSON and back.

An answer is already in its reader's words; only its shape is stored (§13).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.dialogs.events import Button, Reply, ViewTag
from bot.domain.model import Attachment
from bot.services.delivery import KEPT_ANSWER

KEPT_TEMPLATE = KEPT_ANSWER


def reply_params(reply: Reply) -> dict[str, Any]:
    """The notice parameters that hold a reply (its chat is the notice's own)."""
    return {
        "text": reply.text,
        "buttons": [[[b.label, b.payload] for b in row] for row in reply.buttons],
        "ask_contact": reply.ask_contact,
        "remove_keyboard": reply.remove_keyboard,
        "edit_message_id": reply.edit_message_id,
        "file": asdict(reply.file) if reply.file is not None else None,
        "views": [asdict(view) for view in reply.views],
    }


def reply_from_params(chat_id: str, params: dict[str, Any]) -> Reply:
    """The reply `reply_params` kept, to send to `chat_id`."""
    file = params.get("file")
    return Reply(
        chat_id=chat_id,
        text=str(params.get("text", "")),
        buttons=tuple(
            tuple(Button(str(label), str(payload)) for label, payload in row)
            for row in params.get("buttons") or ()
        ),
        ask_contact=params.get("ask_contact"),
        remove_keyboard=bool(params.get("remove_keyboard")),
        edit_message_id=params.get("edit_message_id"),
        file=Attachment(**file) if isinstance(file, dict) else None,
        views=tuple(ViewTag(**view) for view in params.get("views") or ()),
    )

"""What the emulated corp holds: members, what they received, cards, codes, media, groups."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from typing import Any

ALPHANUMERIC = string.ascii_letters + string.digits


def random_id(prefix: str, length: int = 30) -> str:
    """An id in WeCom's style: letters and digits after a fixed prefix."""
    return prefix + "".join(secrets.choice(ALPHANUMERIC) for _ in range(length))


@dataclass
class CardCopy:
    """One member's copy of a template card, as it shows now (after any updates)."""

    task_id: str
    userid: str
    card: dict[str, Any]
    replaced_name: str | None = None
    updates: int = 0
    clicks: list[str] = field(default_factory=list)

    def button_keys(self) -> list[str]:
        """The keys of the buttons the card shows (none once replaced by a grey label)."""
        if self.replaced_name is not None:
            return []
        return [str(b.get("key")) for b in self.card.get("button_list", [])]

    def to_control(self) -> dict[str, Any]:
        """The copy as the control API shows it."""
        return {
            "task_id": self.task_id,
            "userid": self.userid,
            "template_card": self.card,
            "replaced_name": self.replaced_name,
            "updates": self.updates,
            "clicks": list(self.clicks),
        }


@dataclass
class Received:
    """One message the app sent that reached a member or a group chat."""

    msgid: str
    msgtype: str
    at: float
    content: dict[str, Any]
    card: CardCopy | None = None

    def to_control(self) -> dict[str, Any]:
        """The message as the control API shows it; a card with its current state."""
        shown: dict[str, Any] = {"msgid": self.msgid, "msgtype": self.msgtype, "at": self.at}
        if self.card is not None:
            shown.update(self.card.to_control())
        else:
            shown[self.msgtype] = self.content
        return shown


@dataclass
class Member:
    """A member of the corp within the app's visible range."""

    userid: str
    name: str
    received: list[Received] = field(default_factory=list)

    def to_control(self) -> dict[str, Any]:
        """The member as the control API shows it."""
        return {"userid": self.userid, "name": self.name, "received": len(self.received)}


@dataclass
class Medium:
    """A temporary medium: uploaded by the app, or sent by a member."""

    media_id: str
    kind: str
    name: str
    data: bytes
    created_at: float
    content_type: str = "application/octet-stream"


@dataclass
class ResponseCode:
    """A code that lets the app update one card once (from the send answer or a click)."""

    code: str
    task_id: str
    issued_at: float
    source: str
    used: bool = False


@dataclass
class AppChat:
    """A group chat the app created (appchat), with what the app sent there."""

    chatid: str
    name: str
    owner: str
    userlist: list[str]
    received: list[Received] = field(default_factory=list)

    def to_info(self) -> dict[str, Any]:
        """The chat_info appchat/get answers."""
        return {
            "chatid": self.chatid,
            "name": self.name,
            "owner": self.owner,
            "userlist": list(self.userlist),
        }

"""Button payloads as typed values, encoded and decoded here and nowhere else (aiogram-style).

A payload is "<prefix>:<field>:<field>…". Decoding checks every field against its type, so a
forged or stale payload (an id beyond 63 bits, an unknown verb, a malformed issue code) is
refused here as StalePayload and never reaches a use case.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar, NewType, get_type_hints

# Telegram's callback_data holds 64 bytes; WeCom's keys more. The smallest limit rules.
MAX_BYTES = 64
MAX_ID = 2**63 - 1
IssueCode = NewType("IssueCode", str)
Slug = NewType("Slug", str)
_CODE = re.compile(r"ZB-\d{4}-\d{6,9}")
_SLUG = re.compile(r"[a-z][a-z0-9_-]{0,39}")
_NUMBER = re.compile(r"0|[1-9][0-9]{0,18}")


class StalePayload(ValueError):
    """The payload is not one this version of the bot can have written."""


class Verb(StrEnum):
    """What a button on an issue does; the value is what travels."""

    CARD = "v"
    DETAILS = "d"
    CLAIM = "c"
    RETURN = "r"
    ASSIGN = "as"
    ASSIGN_TO = "at"
    REPLY = "y"
    ASK = "a"
    NOTE = "n"
    RESOLVE = "rs"
    SEND = "sd"
    EXTEND = "e"
    EXTEND_TO = "et"
    TRANSFER = "t"
    TRANSFER_TO = "tt"
    CO_HANDLE = "h"
    CO_HANDLE_WITH = "ht"
    DISPATCH = "dp"
    DISPATCH_TO = "dt"
    REJECT = "rj"
    REOPEN = "ro"
    APPROVE = "ok"
    DENY = "no"
    INSTRUCT = "i"
    SUPERVISE = "s"
    DIRECT_REPORT = "dr"
    MY_ISSUE = "m"
    ADD_INFO = "ai"
    CONFIRM = "cf"
    NOT_SOLVED = "ns"
    WITHDRAW = "w"
    RATE = "st"
    SUPPLY = "su"


class FilingStep(StrEnum):
    """The filing dialog's buttons."""

    PROJECT = "p"
    DONE = "d"
    TEAM = "t"
    URGENCY = "u"
    CHANGE_CATEGORY = "c"
    SUBMIT = "ok"
    EDIT = "e"
    RESTART = "r"
    CHANGE_PROJECT = "cp"
    CHANGE_URGENCY = "cu"


class Picker(StrEnum):
    """A picker whose choices may come in pages (bot/dialogs/pages.py)."""

    FILING = "f"
    EXTEND = "e"
    OFFICER = "o"
    TRANSFER = "t"
    CO_HANDLE = "h"
    DISPATCH = "d"
    CARD = "c"
    MY_LIST = "m"
    MY_ISSUE = "mi"
    INBOX = "i"
    TEAM = "tm"
    OVERDUE = "od"
    LANGUAGE = "g"
    SETTINGS = "s"
    INVITE_ROLE = "vr"
    INVITE_TEAM = "vt"
    LINK_GROUP = "l"


class Payload:
    """Base of the typed payloads; subclasses are frozen dataclasses with a `prefix`."""

    prefix: ClassVar[str]

    def encode(self) -> str:
        """The payload as it travels; too long a payload is a programming error."""
        parts = [self.prefix]
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if value is None:
                break
            parts.append(_text(value))
        encoded = ":".join(parts)
        if len(encoded.encode()) > MAX_BYTES:
            raise ValueError(f"payload {encoded!r} is longer than {MAX_BYTES} bytes")
        return encoded


@dataclass(frozen=True)
class OnIssue(Payload):
    """An action on one issue; `arg` is a task force or person id, a day, or (on the
    enterprise's Solved, Not solved and stars) the verdict round the button is about;
    `score` is the stars of a rating."""

    prefix: ClassVar[str] = "i"
    verb: Verb
    code: IssueCode
    arg: int | None = None
    score: int | None = None


@dataclass(frozen=True)
class Filing(Payload):
    """A button of the filing dialog whose stamp it carries; `value` is a project or task
    force id (0: none), or the urgency (1: urgent)."""

    prefix: ClassVar[str] = "f"
    step: FilingStep
    stamp: int
    value: int | None = None


@dataclass(frozen=True)
class Category(Payload):
    """The category of the issue being filed, in the filing dialog whose stamp it carries."""

    prefix: ClassVar[str] = "k"
    stamp: int
    code: Slug


@dataclass(frozen=True)
class Offer(Payload):
    """Yes or no to filing free text as a new issue, in the offer whose stamp it carries."""

    prefix: ClassVar[str] = "o"
    accept: bool
    stamp: int


@dataclass(frozen=True)
class Cancel(Payload):
    """Leave the dialog the prompt belongs to, named by the stamp it drew when it started
    (0: close a menu that belongs to no dialog)."""

    prefix: ClassVar[str] = "x"
    stamp: int


@dataclass(frozen=True)
class ChooseLanguage(Payload):
    """A language chosen with /lang."""

    prefix: ClassVar[str] = "g"
    language: Slug


@dataclass(frozen=True)
class InviteRole(Payload):
    """The role of an invite; with a task force (`team` 0: none) once one is chosen."""

    prefix: ClassVar[str] = "v"
    role: Slug
    team: int | None = None


@dataclass(frozen=True)
class Setting(Payload):
    """A /settings button: quiet hours ("q") or mute ("m") and the choice."""

    prefix: ClassVar[str] = "s"
    kind: Slug
    choice: Slug


@dataclass(frozen=True)
class LinkGroup(Payload):
    """Make the group the task force's work group."""

    prefix: ClassVar[str] = "l"
    team: int


@dataclass(frozen=True)
class Page(Payload):
    """Page `page` of a picker; `ref` is the dialog stamp, the card kind or the role the
    picker is for (0: none), `code` the issue it picks for."""

    prefix: ClassVar[str] = "p"
    picker: Picker
    page: int
    ref: int = 0
    code: IssueCode | None = None


KINDS: dict[str, type[Payload]] = {
    kind.prefix: kind
    for kind in (
        OnIssue,
        Filing,
        Category,
        Offer,
        Cancel,
        ChooseLanguage,
        InviteRole,
        Setting,
        LinkGroup,
        Page,
    )
}


def decode(raw: str | None) -> Payload:
    """The payload a button carries, or StalePayload if it is not one we write."""
    if not raw or len(raw.encode()) > MAX_BYTES:
        raise StalePayload("empty or too long")
    prefix, *parts = raw.split(":")
    kind = KINDS.get(prefix)
    if kind is None:
        raise StalePayload(f"unknown prefix {prefix!r}")
    hints = get_type_hints(kind)
    items = [item for item in fields(kind) if item.init]  # type: ignore[arg-type]
    required = sum(1 for item in items if item.default is MISSING)
    if not required <= len(parts) <= len(items):
        raise StalePayload(f"{len(parts)} fields for {kind.__name__}")
    # Trailing optional fields may be left out: the parts fill the fields from the front.
    given = zip(items[: len(parts)], parts, strict=True)
    values = {item.name: _value(hints[item.name], part) for item, part in given}
    return kind(**values)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def _value(hint: Any, part: str) -> object:
    """One field checked against its type."""
    kinds = [k for k in getattr(hint, "__args__", (hint,)) if k is not type(None)]
    kind = kinds[0]
    if kind is bool:
        if part not in ("0", "1"):
            raise StalePayload(f"{part!r} is not a yes or no")
        return part == "1"
    if kind is int:
        if not _NUMBER.fullmatch(part) or int(part) > MAX_ID:
            raise StalePayload(f"{part!r} is not an id")
        return int(part)
    if kind is IssueCode:
        if not _CODE.fullmatch(part):
            raise StalePayload(f"{part!r} is not an issue code")
        return IssueCode(part)
    if kind is Slug:
        if not _SLUG.fullmatch(part):
            raise StalePayload(f"{part!r} is not a code")
        return Slug(part)
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        try:
            return kind(part)
        except ValueError:
            raise StalePayload(f"{part!r} is not a {kind.__name__}") from None
    raise TypeError(f"no decoding for {kind!r}")

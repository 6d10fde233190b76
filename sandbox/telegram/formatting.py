"""Shared pieces of text formatting: rendered text, UTF-16 lengths and parse errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request

PARSE_ERROR = "Bad Request: can't parse entities: "


@dataclass(frozen=True)
class Rendered:
    """The text a reader sees and the entities (UTF-16 offsets) that style it."""

    plain: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def count_utf16(text: str) -> int:
    """Length in UTF-16 code units, the unit of every offset in the Bot API."""
    return len(text.encode("utf-16-le")) // 2


def to_byte_offset(source: str, index: int) -> int:
    """UTF-8 byte offset of a character position, the unit of Telegram's parse errors."""
    return len(source[:index].encode("utf-8"))


def make_parse_error(detail: str) -> Exception:
    """The 400 Telegram answers for malformed HTML or Markdown."""
    return bad_request(PARSE_ERROR + detail)


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order entities as Telegram lists them: by offset, outer ones first."""
    kept = [e for e in entities if e["length"] > 0]
    return sorted(kept, key=lambda e: (e["offset"], -e["length"]))

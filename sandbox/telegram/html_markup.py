"""parse_mode=HTML: the tags Telegram supports become entities; anything else is refused."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from .formatting import Rendered, count_utf16, make_parse_error, sort_entities, to_byte_offset

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
ATTRIBUTE_TAGS = {"a", "span", "tg-emoji", "blockquote"}


class _EntityParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.pieces: list[str] = []
        self.length = 0
        self.open: list[tuple[str, dict[str, Any], int]] = []
        self.entities: list[dict[str, Any]] = []

    def _locate_byte(self) -> int:
        line, column = self.getpos()
        return to_byte_offset(self.source, self.line_starts[line - 1] + column)

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)
        self.length += count_utf16(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        entity = self._make_entity(tag, dict(attrs))
        if entity is None:
            raise make_parse_error(
                f'Unsupported start tag "{tag}" at byte offset {self._locate_byte()}'
            )
        if tag == "code" and self.open and self.open[-1][0] == "pre":
            language = (dict(attrs).get("class") or "").removeprefix("language-")
            if language:
                self.open[-1][1]["language"] = language
        self.open.append((tag, entity, self.length))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise make_parse_error(
            f'Unsupported start tag "{tag}" at byte offset {self._locate_byte()}'
        )

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            raise make_parse_error(f"Unexpected end tag at byte offset {self._locate_byte()}")
        _, entity, start = self.open.pop()
        nested_code = entity["type"] == "code" and any(t == "pre" for t, _, _ in self.open)
        if not nested_code:
            self.entities.append({**entity, "offset": start, "length": self.length - start})

    def _make_entity(self, tag: str, attrs: dict[str, str | None]) -> dict[str, Any] | None:
        if tag in SIMPLE_TAGS:
            return {"type": SIMPLE_TAGS[tag]}
        if tag not in ATTRIBUTE_TAGS:
            return None
        if tag == "a":
            return {"type": "text_link", "url": attrs.get("href") or ""}
        if tag == "span":
            return {"type": "spoiler"} if attrs.get("class") == "tg-spoiler" else None
        if tag == "tg-emoji":
            return {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id") or ""}
        kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        return {"type": kind}


def render_html(text: str) -> Rendered:
    """Strip Telegram's supported HTML tags, unescape entities and record the styling."""
    parser = _EntityParser(text)
    parser.feed(text)
    parser.close()
    if parser.open:
        tag = parser.open[-1][0]
        raise make_parse_error(f'Can\'t find end tag corresponding to start tag "{tag}"')
    return Rendered("".join(parser.pieces), sort_entities(parser.entities))

"""parse_mode=MarkdownV2 (and legacy Markdown): markers become entities, as Telegram parses them.

MarkdownV2 refuses an unescaped reserved character, the mistake bots make most often, with
Telegram's own error text; legacy Markdown has no reserved characters.
"""

from __future__ import annotations

from typing import Any

from .formatting import Rendered, count_utf16, make_parse_error, sort_entities, to_byte_offset

RESERVED = set("_*[]()~`>#+-=|{}.!")
LEGACY_ESCAPABLE = set("_*`[\\")
V2_MARKERS = (
    ("||", "spoiler"),
    ("__", "underline"),
    ("*", "bold"),
    ("_", "italic"),
    ("~", "strikethrough"),
)
LEGACY_MARKERS = (("*", "bold"), ("_", "italic"))
NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
    "blockquote": "BlockQuote",
}


class _Scanner:
    def __init__(self, text: str, legacy: bool) -> None:
        self.text = text
        self.legacy = legacy
        self.pieces: list[str] = []
        self.length = 0
        self.open: list[tuple[str, int, int]] = []
        self.entities: list[dict[str, Any]] = []

    def _emit(self, piece: str) -> None:
        self.pieces.append(piece)
        self.length += count_utf16(piece)

    def _report_unclosed(self, kind: str, index: int) -> Exception:
        where = to_byte_offset(self.text, index)
        return make_parse_error(f"Can't find end of {NAMES[kind]} entity at byte offset {where}")

    def run(self) -> Rendered:
        text, i = self.text, 0
        while i < len(text):
            char = text[i]
            if not self.legacy and char == ">" and (i == 0 or text[i - 1] == "\n"):
                if not any(kind == "blockquote" for kind, _, _ in self.open):
                    self.open.append(("blockquote", self.length, i))
                i += 1
            elif char == "\n" and self._closes_quote(i):
                i = self._close("blockquote", i)
            elif char == "\\" and i + 1 < len(text) and self._is_escapable(text[i + 1]):
                self._emit(text[i + 1])
                i += 2
            elif char == "`":
                i = self._consume_code(i)
            elif char == "[" or (char == "!" and text.startswith("![", i) and not self.legacy):
                kind = "custom_emoji" if char == "!" else "text_link"
                self.open.append((kind, self.length, i))
                i += 2 if char == "!" else 1
            elif char == "]" and self.open and self.open[-1][0] in ("text_link", "custom_emoji"):
                i = self._close_link(i)
            elif (marker := self._match_marker(i)) is not None:
                i = self._toggle(marker[1], i, len(marker[0]))
            elif not self.legacy and char in RESERVED:
                raise make_parse_error(
                    f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
                )
            else:
                self._emit(char)
                i += 1
        if self.open and self.open[-1][0] == "blockquote":
            self._close("blockquote", len(text))
        if self.open:
            kind, _, index = self.open[0]
            raise self._report_unclosed(kind, index)
        return Rendered("".join(self.pieces), sort_entities(self.entities))

    def _is_escapable(self, char: str) -> bool:
        return char in LEGACY_ESCAPABLE if self.legacy else 0 < ord(char) < 127

    def _closes_quote(self, i: int) -> bool:
        quoted = any(kind == "blockquote" for kind, _, _ in self.open)
        return quoted and not self.text.startswith(">", i + 1)

    def _match_marker(self, i: int) -> tuple[str, str] | None:
        for token, kind in LEGACY_MARKERS if self.legacy else V2_MARKERS:
            if self.text.startswith(token, i):
                return token, kind
        return None

    def _toggle(self, kind: str, i: int, width: int) -> int:
        if any(k == kind for k, _, _ in self.open):
            return self._close(kind, i) + width - 1
        self.open.append((kind, self.length, i))
        return i + width

    def _close(self, kind: str, i: int, **extra: Any) -> int:
        position = max(n for n, (k, _, _) in enumerate(self.open) if k == kind)
        _, start, _ = self.open.pop(position)
        self.entities.append({"type": kind, "offset": start, "length": self.length - start})
        self.entities[-1].update(extra)
        if kind == "blockquote" and i < len(self.text):
            self._emit("\n")
        return i + 1

    def _consume_code(self, i: int) -> int:
        pre = self.text.startswith("```", i)
        fence = "```" if pre else "`"
        body_start = i + len(fence)
        end, body = self._read_until(fence, body_start)
        if end < 0:
            raise self._report_unclosed("pre" if pre else "code", i)
        entity: dict[str, Any] = {"type": "pre" if pre else "code"}
        if pre and "\n" in body:
            first, rest = body.split("\n", 1)
            if first and " " not in first:
                entity["language"], body = first, rest
        start = self.length
        self._emit(body)
        self.entities.append({**entity, "offset": start, "length": self.length - start})
        return end + len(fence)

    def _read_until(self, fence: str, i: int) -> tuple[int, str]:
        """Find the closing fence, resolving the escapes allowed inside code."""
        collected: list[str] = []
        while i < len(self.text):
            if self.text.startswith(fence, i):
                return i, "".join(collected)
            if self.text[i] == "\\" and not self.legacy and i + 1 < len(self.text):
                collected.append(self.text[i + 1])
                i += 2
                continue
            collected.append(self.text[i])
            i += 1
        return -1, ""

    def _close_link(self, i: int) -> int:
        kind, _, start_index = self.open[-1]
        if not self.text.startswith("(", i + 1):
            if self.legacy:
                self.open.pop()
                self._emit("]")
                return i + 1
            raise self._report_unclosed(kind, start_index)
        end, url = self._read_until(")", i + 2)
        if end < 0:
            raise self._report_unclosed(kind, start_index)
        if kind == "custom_emoji":
            self._close(kind, i, custom_emoji_id=url.removeprefix("tg://emoji?id="))
        else:
            self._close(kind, i, url=url)
        return end + 1


def render_markdown(text: str, legacy: bool) -> Rendered:
    """Parse MarkdownV2 (or legacy Markdown when `legacy`) into plain text and entities."""
    return _Scanner(text, legacy).run()

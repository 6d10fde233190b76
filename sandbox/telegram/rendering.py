"""Message text as Telegram stores it: plain text plus entities, after parse_mode is applied."""

from __future__ import annotations

from typing import Any

from .errors import UNSUPPORTED_PARSE_MODE, bad_request
from .formatting import Rendered, count_utf16
from .html_markup import render_html
from .markdown_markup import render_markdown


def render(text: str, parse_mode: str | None, entities: list[Any] | None = None) -> Rendered:
    """Apply parse_mode (HTML, MarkdownV2 or legacy Markdown) or explicit entities, then trim."""
    if parse_mode:
        mode = parse_mode.lower()
        if mode == "html":
            rendered = render_html(text)
        elif mode == "markdownv2":
            rendered = render_markdown(text, legacy=False)
        elif mode == "markdown":
            rendered = render_markdown(text, legacy=True)
        else:
            raise bad_request(UNSUPPORTED_PARSE_MODE)
    else:
        rendered = Rendered(text, [dict(e) for e in entities or [] if isinstance(e, dict)])
    return trim(rendered)


def trim(rendered: Rendered) -> Rendered:
    """Strip surrounding whitespace as Telegram does, moving entities to match."""
    plain = rendered.plain
    stripped = plain.strip()
    if stripped == plain:
        return rendered
    shift = count_utf16(plain[: len(plain) - len(plain.lstrip())])
    limit = count_utf16(stripped)
    entities: list[dict[str, Any]] = []
    for entity in rendered.entities:
        start = max(int(entity["offset"]) - shift, 0)
        end = min(int(entity["offset"]) + int(entity["length"]) - shift, limit)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return Rendered(stripped, entities)

"""parse_mode: the text a reader sees, its entities, and Telegram's parse errors."""

from __future__ import annotations

import pytest

from sandbox.telegram import ApiError
from sandbox.telegram.rendering import render


def test_html_becomes_plain_text_and_entities() -> None:
    rendered = render('<b>Hi</b> &amp; <i>you</i> <a href="https://gov.example">site</a>', "HTML")
    assert rendered.plain == "Hi & you site"
    assert rendered.entities == [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "italic", "offset": 5, "length": 3},
        {"type": "text_link", "url": "https://gov.example", "offset": 9, "length": 4},
    ]


def test_html_pre_with_language_and_spoiler() -> None:
    rendered = render(
        '<pre><code class="language-python">x = 1</code></pre><tg-spoiler>s</tg-spoiler>',
        "html",
    )
    assert rendered.plain == "x = 1s"
    assert rendered.entities == [
        {"type": "pre", "language": "python", "offset": 0, "length": 5},
        {"type": "spoiler", "offset": 5, "length": 1},
    ]


def test_offsets_are_utf16_code_units() -> None:
    rendered = render("😀 <b>粗体</b>", "HTML")
    assert rendered.entities == [{"type": "bold", "offset": 3, "length": 2}]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<blink>x</blink>", 'Unsupported start tag "blink" at byte offset 0'),
        ("ok <b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</i>", "Unexpected end tag at byte offset 1"),
    ],
)
def test_html_errors(text: str, detail: str) -> None:
    with pytest.raises(ApiError) as caught:
        render(text, "HTML")
    assert caught.value.description == "Bad Request: can't parse entities: " + detail


def test_markdown_v2_markers_and_escapes() -> None:
    rendered = render(
        r"*bold* _it_ __under__ ~del~ ||hide|| `co\`de` [gov](https://g.cn) 3\.5", "MarkdownV2"
    )
    assert rendered.plain == "bold it under del hide co`de gov 3.5"
    kinds = [(e["type"], e["offset"], e["length"]) for e in rendered.entities]
    assert kinds == [
        ("bold", 0, 4),
        ("italic", 5, 2),
        ("underline", 8, 5),
        ("strikethrough", 14, 3),
        ("spoiler", 18, 4),
        ("code", 23, 5),
        ("text_link", 29, 3),
    ]


def test_markdown_v2_pre_block_with_language() -> None:
    rendered = render("```python\nprint(1)\n```", "MarkdownV2")
    assert rendered.plain == "print(1)"
    assert rendered.entities == [{"type": "pre", "language": "python", "offset": 0, "length": 8}]


def test_markdown_v2_reserved_characters_must_be_escaped() -> None:
    with pytest.raises(ApiError) as caught:
        render("Issue No. 12 closed.", "MarkdownV2")
    assert caught.value.description == (
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with"
        " the preceding '\\'"
    )


def test_markdown_v2_unclosed_entity() -> None:
    with pytest.raises(ApiError) as caught:
        render("ok *bold", "MarkdownV2")
    assert caught.value.description == (
        "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 3"
    )


def test_legacy_markdown_has_no_reserved_characters() -> None:
    rendered = render("*Done.* see [page](https://g.cn) - 1+1=2!", "Markdown")
    assert rendered.plain == "Done. see page - 1+1=2!"
    assert [e["type"] for e in rendered.entities] == ["bold", "text_link"]


def test_plain_text_is_trimmed_with_entities_shifted() -> None:
    rendered = render("  <b>hi</b>  ", "HTML")
    assert rendered.plain == "hi"
    assert rendered.entities == [{"type": "bold", "offset": 0, "length": 2}]
    assert render("  plain  ", None).plain == "plain"

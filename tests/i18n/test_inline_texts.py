"""No text a person reads is written inline: dialogs and channel adapters take it from the
catalogs (§11), so both languages always say the same."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Where texts for people are put together.
FOLDERS = ("bot/dialogs", "handlers")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
# The neutral replies people read, and the arguments that carry their words (HTTP answers
# to Telegram's servers are not for people).
TEXT_CALLS = {"Reply": 1, "Button": 0, "Answer": None}
TEXT_KEYWORDS = {"text", "toast", "ask_contact", "label"}
# Words, not identifiers or payloads: two letters and a space, or sentence punctuation.
PROSE = re.compile(r"[A-Za-z]{2,}[ ,.!?:][A-Za-z ]")


def sources() -> list[Path]:
    """Every Python file of the folders."""
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py"))


def docstrings(tree: ast.AST) -> set[int]:
    """Ids of the string nodes that are docstrings."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def literal_text(node: ast.AST) -> str | None:
    """The words of a string literal or f-string, without its placeholders."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    return None


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_chinese_japanese_or_korean_text_is_written_in_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    inline = [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and CJK.search(node.value)
    ]
    assert inline == []


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_reply_or_button_is_given_words_written_in_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inline = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in TEXT_CALLS:
            continue
        candidates = [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        position = TEXT_CALLS[name]
        if position is not None and len(node.args) > position:
            candidates.append(node.args[position])
        for candidate in candidates:
            words = literal_text(candidate)
            if words is not None and PROSE.search(words):
                inline.append(f"{path.name}:{node.lineno}: {words!r}")
    assert inline == []


def test_the_checks_find_inline_texts_when_there_are_some() -> None:
    sample = 'Reply(chat, "Please wait a moment")\nButton("确定", "x:y")\n'
    tree = ast.parse(sample)
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(isinstance(c, str) and CJK.search(c) for c in constants)
    assert PROSE.search("Please wait a moment")
    assert not PROSE.search("t:c:ZB-2026-000001")

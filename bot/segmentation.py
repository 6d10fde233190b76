"""Chinese word segmentation for routing, backed by jieba."""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any

import jieba

# jieba's dictionary as loaded once per process: (word frequencies, their total). Loading it
# takes a second or more; each Segmenter gets its own copy, since its words go into it.
_LOADED: tuple[dict[str, int], int] | None = None
_LOADING = threading.Lock()


class Segmenter:
    """Splits enterprise messages into lower-cased words; loads jieba's dictionary lazily."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._tokenizer: Any = None
        self._pending: list[str] = []
        self.add_words(words)

    @property
    def ready(self) -> bool:
        """Whether the dictionary has been loaded already."""
        return self._tokenizer is not None

    def add_words(self, words: Iterable[str]) -> None:
        """Teach the segmenter words (such as task force keywords) to keep whole."""
        prepared = [w for w in (_prepare(word) for word in words) if w]
        with self._lock:
            if self._tokenizer is None:
                # Adding a word needs the dictionary; keep it until the first segment().
                self._pending.extend(prepared)
            else:
                for word in prepared:
                    self._tokenizer.add_word(word)

    def segment(self, text: str) -> list[str]:
        """Return the words of `text`, lower-cased, without punctuation or whitespace."""
        tokenizer = self._ensure_tokenizer()
        # NFKC turns full-width Latin letters and digits (common on Chinese keyboards)
        # into ASCII, so "ＧＭＰ" and "GMP" become the same word.
        normalized = unicodedata.normalize("NFKC", text).casefold()
        return [
            token
            for token in (raw.strip() for raw in tokenizer.cut(normalized))
            if any(char.isalnum() for char in token)
        ]

    def _ensure_tokenizer(self) -> Any:
        """Load the dictionary once, even if several threads ask at the same time."""
        tokenizer = self._tokenizer
        if tokenizer is not None:
            return tokenizer
        with self._lock:
            if self._tokenizer is None:
                # jieba logs its dictionary loading to stderr at DEBUG level.
                logging.getLogger("jieba").setLevel(logging.WARNING)
                created = _fresh_tokenizer()
                for word in self._pending:
                    created.add_word(word)
                self._pending.clear()
                self._tokenizer = created
            return self._tokenizer


def _fresh_tokenizer() -> Any:
    """A tokenizer with jieba's dictionary, read from disk only the first time."""
    global _LOADED
    with _LOADING:
        if _LOADED is None:
            base = jieba.Tokenizer()
            base.initialize()
            _LOADED = (base.FREQ, base.total)
    created = jieba.Tokenizer()
    created.FREQ, created.total = dict(_LOADED[0]), _LOADED[1]
    created.initialized = True
    return created


def _prepare(word: str) -> str:
    """Normalize a word like segment() normalizes text; drop words jieba cannot keep whole."""
    normalized = unicodedata.normalize("NFKC", word).strip().casefold()
    # jieba always splits at spaces, and keeps plain English words whole by itself.
    if not normalized or any(char.isspace() for char in normalized) or normalized.isascii():
        return ""
    return normalized

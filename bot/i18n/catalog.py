"""Every text a person reads, by id, from the Fluent catalogs of each language (§11)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

LANGUAGES = ("zh", "en")
# Parameter texts longer than this are passed to Fluent as markers (see Catalog.text).
MARKED_LENGTH = 64
DEFAULT_LANGUAGE = "zh"
# Fluent's locale names, for its plural rules.
LOCALES = {"zh": "zh-CN", "en": "en-US"}


class MissingText(KeyError):
    """A text id that no catalog holds: a programming error, never shown to people."""


class Catalog:
    """The texts of every language; a text missing in one language falls back to Chinese."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        self._ids: dict[str, frozenset[str]] = {}
        for language, text in sources.items():
            resource = FluentResource(text)
            junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
            if junk:
                broken = (junk[0].content or "")[:60]
                raise ValueError(f"{language} catalog: cannot parse {broken!r}")
            # No isolation marks: chat clients show them as stray characters.
            bundle = FluentBundle([LOCALES[language]], use_isolating=False)
            bundle.add_resource(resource)
            self._bundles[language] = bundle
            self._ids[language] = frozenset(
                entry.id.name for entry in resource.body if isinstance(entry, ast.Message)
            )

    def ids(self, language: str) -> frozenset[str]:
        """The text ids a language's catalog holds."""
        return self._ids[language]

    def text(self, language: str | None, key: str, /, **params: Any) -> str:
        """The text `key` in the language (Chinese if unknown), filled with `params`."""
        chosen = language if language in self._bundles else DEFAULT_LANGUAGE
        # Texts go in as markers: Fluent refuses placeables of more than a few thousand
        # characters, and an enterprise's description may be longer.
        # Short words (a selector's value such as "large") go in as themselves.
        texts = {
            name: value
            for name, value in params.items()
            if isinstance(value, str) and len(value) > MARKED_LENGTH
        }
        markers = {name: f"\ue000{n}\ue001" for n, name in enumerate(texts)}
        for candidate in (chosen, DEFAULT_LANGUAGE):
            bundle = self._bundles[candidate]
            if bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    break
                text, errors = bundle.format_pattern(message.value, {**params, **markers})
                if errors:
                    raise MissingText(f"{key}: {errors[0]}")
                result = str(text)
                for name, marker in markers.items():
                    result = result.replace(marker, texts[name])
                return result
        raise MissingText(key)


def read_sources() -> dict[str, str]:
    """The packaged .ftl files, joined per language."""
    root = resources.files("bot.i18n") / "locales"
    sources: dict[str, str] = {}
    for language in LANGUAGES:
        folder = root / language
        parts = sorted(
            (entry for entry in folder.iterdir() if entry.name.endswith(".ftl")),
            key=lambda entry: entry.name,
        )
        sources[language] = "\n".join(part.read_text(encoding="utf-8") for part in parts)
    return sources


@cache
def default_catalog() -> Catalog:
    """The packaged catalogs, read once."""
    return Catalog(read_sources())


def choose_language(
    chosen: str | None, detected: str | None = None, client_code: str | None = None
) -> str:
    """A person's language (§11): their explicit choice, else the language of their own
    words, else their chat client's language, else Chinese."""
    for known in (chosen, detected):
        if known is not None and known in LANGUAGES:
            return known
    code = (client_code or "").lower()
    for language in LANGUAGES:
        if code == language or code.startswith(language + "-"):
            return language
    return DEFAULT_LANGUAGE

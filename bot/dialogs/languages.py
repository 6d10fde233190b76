"""Which language a person's message is in, when it says anything about that (§11)."""

from __future__ import annotations

import re
import unicodedata

from bot.dialogs.events import Incoming
from bot.domain.access import DialogState
from bot.i18n.catalog import LANGUAGES
from bot.i18n.detection import detect_language

# Steps whose text says nothing of the language its writer reads: names and codes asked for
# (a foreign manager may type the enterprise's Chinese name), and words an official writes
# for the enterprise, in the enterprise's language (a reply, a question, the answer).
SILENT_STEPS = frozenset(
    {"reg.name", "reg.code", "reg.contact", "draft.y", "draft.a", "draft.rs", "text.rj"}
)
# Enough to say something: a few Chinese characters, or a few real words ("OK", a smiley or
# a keyboard mash say nothing, neither about a problem nor about the writer's language).
MIN_IDEOGRAPHS = 3
MIN_WORDS = 3
_WORD = re.compile(r"[A-Za-z]{2,}")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)


def substantive(text: str) -> bool:
    """Whether text says something: three Chinese characters, or three real words."""
    normalized = unicodedata.normalize("NFKC", text)
    ideographs = sum(1 for ch in normalized if unicodedata.category(ch) == "Lo" and ch > "\u2e7f")
    if ideographs >= MIN_IDEOGRAPHS:
        return True
    # A word needs a vowel; "asdkjh" has one, so three of them are asked for, not one.
    words = [w for w in _WORD.findall(normalized) if _VOWEL.search(w)]
    return len(words) >= MIN_WORDS


def heard_language(incoming: Incoming, state: DialogState | None) -> str | None:
    """The language of the person's own free text, if it is one the bot speaks.

    Commands, buttons and shared contacts say nothing; neither do group messages, the steps
    above, a word or two ("OK", "好的"), nor texts in languages without a catalog
    (Japanese and Korean are detected, so they do not count as Chinese or English, but the
    bot cannot answer in them).
    """
    if incoming.text is None or incoming.command is not None or incoming.button is not None:
        return None
    # Group chatter is not addressed to the bot, and may be in anyone's language.
    if incoming.chat_kind != "private":
        return None
    if state is not None and state.name in SILENT_STEPS:
        return None
    language = detect_language(incoming.text)
    if language not in LANGUAGES or not substantive(incoming.text):
        return None
    return language

"""Which language a person's message is in, when it says anything about that (§11)."""

from __future__ import annotations

from bot.dialogs.events import Incoming
from bot.domain.access import DialogState
from bot.i18n.catalog import LANGUAGES
from bot.i18n.detection import detect_language

# Steps whose text says nothing of the language its writer reads: names and codes asked for
# (a foreign manager may type the enterprise's Chinese name), and words an official writes
# for the enterprise, in the enterprise's language (a reply, a question, the answer).
SILENT_STEPS = frozenset(
    {"reg.name", "reg.code", "reg.contact", "card.reply", "card.ask", "card.resolve"}
)
# Fewer letters than this ("ok", "no", "好") are too little to change a person's language.
ENOUGH_LETTERS = {"zh": 2, "en": 4}


def heard_language(incoming: Incoming, state: DialogState | None) -> str | None:
    """The language of the person's own free text, if it is one the bot speaks.

    Commands, buttons and shared contacts say nothing; neither do group messages, the steps
    above, a word or two of a few letters, nor texts in languages without a catalog
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
    if language not in LANGUAGES:
        return None
    letters = sum(character.isalpha() for character in incoming.text)
    return language if letters >= ENOUGH_LETTERS[language] else None

"""Which language a person's message is in, when it says anything about that (§11)."""

from __future__ import annotations

from bot.dialogs.events import Incoming
from bot.domain.access import DialogState
from bot.i18n.catalog import LANGUAGES
from bot.i18n.detection import detect_language

# Steps that ask for a name or a code: a foreign manager typing the enterprise's Chinese name
# says nothing about the language they read.
NAMING_STEPS = frozenset({"reg.name", "reg.code", "reg.contact"})


def heard_language(incoming: Incoming, state: DialogState | None) -> str | None:
    """The language of the person's own free text, if it is one the bot speaks.

    Commands, buttons and shared contacts say nothing; neither do names and codes asked
    for, nor texts in languages without a catalog (Japanese and Korean are detected, so
    they do not count as Chinese or English, but the bot cannot answer in them).
    """
    if incoming.text is None or incoming.command is not None or incoming.button is not None:
        return None
    if state is not None and state.name in NAMING_STEPS:
        return None
    language = detect_language(incoming.text)
    return language if language in LANGUAGES else None

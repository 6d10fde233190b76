"""A conversation turn's storage: who is writing and where they are, then what the turn leaves.

A turn reads in one transaction and writes in one: the dialog states it moved and the inbox
entry it came from commit together, after its answer was sent (§13).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.access import DialogState
from bot.domain.people import Person
from bot.services.card_views import Screen, show_screens
from bot.services.ports import UnitOfWork


async def open_turn(
    uow: UnitOfWork, channel: str, chat_id: str, user_id: str
) -> tuple[Person | None, DialogState | None]:
    """Who is writing and where they are in a dialog, read together in one transaction."""
    async with uow.reading():
        person = await uow.people.by_identity(channel, user_id)
        state = await uow.dialogs.get(channel, chat_id, user_id)
    return person, state


@dataclass(frozen=True)
class DialogKey:
    """Whose dialog in which chat."""

    channel: str
    chat_id: str
    user_id: str


@dataclass(frozen=True)
class InboxReceipt:
    """The stored update a turn handled, to be marked handled with the turn's states."""

    channel: str
    key: str
    at: datetime


@dataclass(frozen=True)
class LanguageNote:
    """The language a known person's words were just in, when it differs from the last."""

    person_id: int
    language: str


@dataclass(frozen=True)
class TurnOutcome:
    """What a handled event leaves: dialog states to keep, dialogs to end, its inbox entry,
    the language the person's words turned out to be in, and the cards its answer showed."""

    kept: tuple[DialogState, ...] = ()
    ended: tuple[DialogKey, ...] = ()
    handled: InboxReceipt | None = None
    language: LanguageNote | None = None
    views: tuple[Screen, ...] = ()


async def close_turn(uow: UnitOfWork, outcome: TurnOutcome) -> None:
    """Write the turn's dialog states and mark its update handled, all or nothing.

    A crash before this commits handles the update again from the states it started with,
    so a restart neither loses a half-typed filing nor skips a step.
    """
    if not (outcome.kept or outcome.ended or outcome.handled or outcome.language or outcome.views):
        return
    async with uow:
        for state in outcome.kept:
            await uow.dialogs.put(state)
        for key in outcome.ended:
            await uow.dialogs.delete(key.channel, key.chat_id, key.user_id)
        if outcome.language is not None:
            note = outcome.language
            await uow.people.note_language(note.person_id, note.language)
        await show_screens(uow, outcome.views)
        if outcome.handled is not None:
            receipt = outcome.handled
            await uow.inbox.mark_handled(receipt.channel, receipt.key, receipt.at)
        await uow.commit()

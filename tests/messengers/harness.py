"""What the Messenger contract needs of a channel: its messenger, and a person's view of it.

A harness stands for one channel in the contract test: it sends through that channel's
messenger and reads what the person's chat shows, presses buttons there as the person would,
and provokes the channel's rate limit and an unreachable recipient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.dialogs.notices import Messenger
from bot.domain.model import Attachment

# A message id no channel has sent in the test's chat.
UNKNOWN_MESSAGE = "987654"


@dataclass(frozen=True)
class Shown:
    """One message as the person's chat shows it now."""

    # The message's id in its chat: what a send's reference ends with, and what edits name.
    id: str
    text: str
    payloads: tuple[str, ...] = ()
    # "photo" or "document" for a file message.
    file: str | None = None


@dataclass(frozen=True)
class Pressed:
    """A button press as the bot receives it back through the channel."""

    payload: str
    message_id: str | None


class Harness(Protocol):
    """One channel under the contract."""

    chat: str

    @property
    def messenger(self) -> Messenger:
        """The channel's messenger under test."""
        ...

    def shown(self) -> list[Shown]:
        """The bot's messages in the chat, oldest first, as they show now."""
        ...

    async def press(self, message: Shown, payload: str) -> Pressed:
        """The person presses the message's button with this payload; what the bot gets."""
        ...

    async def attachment(self, kind: str) -> Attachment:
        """A file of this kind ("photo", "document") the channel's messenger can send."""
        ...

    def flood(self) -> None:
        """Make the next send run into the channel's rate limit."""
        ...

    def unreachable(self) -> str:
        """A chat that blocked the bot, or a recipient the channel does not know."""
        ...


def ref_id(ref: str) -> str:
    """The message id a send's reference ("<chat id>:<id>") ends with."""
    return ref.rpartition(":")[2]

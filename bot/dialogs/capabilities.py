"""What a channel can show and take, so the dialogs fit every channel, not only Telegram (§12).

Each channel adapter declares its own Capabilities; the dialogs read them by the channel of
the event they answer (DialogDeps.capabilities_of) and degrade where a channel lacks a
feature: a typed phone for no contact button, pages with a More button for a card that holds
few buttons, a smaller file limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogs.events import Reply

MB = 1024 * 1024


@dataclass(frozen=True)
class Capabilities:
    """One channel's limits and features, as the dialogs need them."""

    # Longest text of one message: characters, or UTF-8 bytes when `text_bytes` is set.
    text_limit: int
    # Most buttons one message may carry, Cancel, Close and More included.
    buttons_per_message: int
    # Whether a sent message can be edited in place (else the adapter updates or re-sends).
    can_edit: bool
    # Whether the chat has a button that shares the person's own phone number.
    contact_sharing: bool
    # Largest file the bot may take from a person (and pass on to officials).
    file_bytes: int
    # Whether a group chat shows buttons at all.
    group_buttons: bool
    text_bytes: bool = False
    # Largest photo, when the channel takes photos only smaller than other files.
    photo_bytes: int | None = None

    def text_size(self, text: str) -> int:
        """How much of the text limit the text takes."""
        return len(text.encode()) if self.text_bytes else len(text)

    def fits_text(self, text: str) -> bool:
        """Whether the text goes out as one message."""
        return self.text_size(text) <= self.text_limit

    def file_limit(self, kind: str) -> int:
        """The largest file of this kind ("photo", "document") the bot may take."""
        if kind == "photo" and self.photo_bytes is not None:
            return min(self.photo_bytes, self.file_bytes)
        return self.file_bytes

    def button_limit(self, group: bool = False) -> int:
        """How many buttons one message may carry in a private chat, or in a group."""
        return 0 if group and not self.group_buttons else self.buttons_per_message

    def fits(self, reply: Reply, group: bool = False) -> bool:
        """Whether the reply is within the channel's limits: its buttons, and its text unless
        the reply is a file (whose caption is short)."""
        buttons = sum(len(row) for row in reply.buttons)
        if buttons > self.button_limit(group):
            return False
        return reply.file is not None or self.fits_text(reply.text)


# Telegram's Bot API: 4,096 characters, an inline keyboard of up to 100 buttons, edits, the
# contact button, and getFile's 20 MB. The default for a channel that declares nothing, so
# the dialogs behave as they always have.
TELEGRAM_LIKE = Capabilities(
    text_limit=4096,
    buttons_per_message=100,
    can_edit=True,
    contact_sharing=True,
    file_bytes=20 * MB,
    group_buttons=True,
)

"""One handled event: who wrote, in which language, where they are, and what to answer."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.dialogs.capabilities import TELEGRAM_LIKE, Capabilities
from bot.dialogs.events import Answer, Button, Incoming, Reply
from bot.dialogs.pages import Buttons, count, overflow, page_rows, without_buttons
from bot.dialogs.payloads import Cancel, Page, Payload
from bot.domain.access import DialogState
from bot.domain.errors import DomainError, InvalidInput
from bot.domain.people import Person
from bot.i18n.catalog import Catalog, MissingText
from bot.services.context import Context
from bot.services.ports import UnitOfWork, UnitOfWorkFactory
from bot.services.turns import DialogKey, LanguageNote, TurnOutcome

# The key of a dialog's stamp in its state: drawn when the dialog starts, kept through its
# steps, and carried by its Cancel, so a Cancel leaves the dialog that drew it and no other.
STAMP = "stamp"
# The stamp of a menu's Close: a menu belongs to no dialog.
NO_DIALOG = 0
# Stamps are drawn from 1 to STAMPS - 1, at random: a counter would start again at 1 when a
# dialog ends, and an old Cancel could then match the next dialog.
STAMPS = 2**31


def new_stamp() -> int:
    """A fresh dialog stamp."""
    return secrets.randbelow(STAMPS - 1) + 1


def stamp_in(data: dict[str, Any]) -> int:
    """The stamp of the dialog whose state data this is, drawn now if it has none yet, so
    buttons drawn before the state is kept carry it too."""
    stamp = data.get(STAMP)
    if not isinstance(stamp, int) or stamp == NO_DIALOG:
        stamp = data[STAMP] = new_stamp()
    return stamp


def stamp_of(state: DialogState | None) -> int | None:
    """The stamp of a dialog (None without one: no dialog, or one an older version kept)."""
    stamp = state.data.get(STAMP) if state is not None else None
    return stamp if isinstance(stamp, int) and stamp != NO_DIALOG else None


@dataclass(frozen=True)
class DialogDeps:
    """What every dialog needs: storage, the city's rules and the texts."""

    new_uow: UnitOfWorkFactory
    ctx: Context
    catalog: Catalog
    # The bot's Telegram username once the runtime knows it, for invite links.
    telegram_bot: str | None = None
    # What each channel can show and take, by channel name (the adapters declare them).
    capabilities: Mapping[str, Capabilities] = field(default_factory=dict)

    def capabilities_of(self, channel: str) -> Capabilities:
        """The channel's capabilities; Telegram's for a channel that declared none."""
        return self.capabilities.get(channel, TELEGRAM_LIKE)


@dataclass
class Turn:
    """The state of one conversation step; dialogs add replies and move the state."""

    incoming: Incoming
    person: Person | None
    language: str
    state: DialogState | None
    deps: DialogDeps
    # The pressed button's payload, decoded (None for messages and commands).
    pressed: Payload | None = None
    replies: list[Reply] = field(default_factory=list)
    toast: str | None = None
    alert: bool = False
    # Dialog states to write when the turn closes, by chat (None ends that chat's dialog).
    changes: dict[str, DialogState | None] = field(default_factory=dict)
    # The language the person's words were just in, to remember when the turn closes.
    learned: LanguageNote | None = None

    @property
    def now(self) -> datetime:
        """When the person acted."""
        return self.incoming.at

    @property
    def capabilities(self) -> Capabilities:
        """What the channel of this event can show and take."""
        return self.deps.capabilities_of(self.incoming.channel)

    @property
    def paging(self) -> bool:
        """Whether a picker's More was pressed: its next page takes the message's place."""
        return isinstance(self.pressed, Page)

    @property
    def ctx(self) -> Context:
        """The city's rules for the use cases."""
        return self.deps.ctx

    def uow(self) -> UnitOfWork:
        """A fresh unit of work for one use case."""
        return self.deps.new_uow()

    def t(self, key: str, **params: Any) -> str:
        """A text in the person's language."""
        return self.deps.catalog.text(self.language, key, **params)

    def say(
        self,
        key: str,
        *,
        buttons: tuple[tuple[Button, ...], ...] = (),
        ask_contact: str | None = None,
        remove_keyboard: bool = False,
        edit: bool = False,
        **params: Any,
    ) -> None:
        """Answer in the chat with a catalog text, optionally with buttons."""
        self.replies.append(
            Reply(
                chat_id=self.incoming.chat_id,
                text=self.t(key, **params),
                buttons=buttons,
                ask_contact=self.t(ask_contact) if ask_contact else None,
                remove_keyboard=remove_keyboard,
                edit_message_id=self.incoming.button_message_id if edit else None,
            )
        )

    def ask(
        self, key: str, *, buttons: tuple[tuple[Button, ...], ...] = (), **params: Any
    ) -> None:
        """A prompt of a dialog: its text, its buttons and a way out of the dialog."""
        self.say(key, buttons=(*buttons, self.way_out()), **params)

    def button(self, key: str, payload: Payload, **params: Any) -> Button:
        """An inline button labelled with a catalog text."""
        return Button(self.t(key, **params), payload.encode())

    def page(
        self,
        rows: Buttons,
        more: Callable[[int], Page],
        page: int = 0,
        tail: Buttons = (),
        width: int = 1,
    ) -> Buttons:
        """A picker's rows as the channel holds them: all of them where they fit, else page
        `page` of them with a More button (`more(n)` names page n), `tail` on every page."""

        def button(after: int, pages: int) -> Button:
            return self.button("page-more", more(after), page=after + 1, pages=pages)

        limit = self.capabilities.buttons_per_message
        return page_rows(rows, limit, page, button, tail, width)

    @property
    def stamp(self) -> int | None:
        """The stamp of the dialog this turn leaves open: the one it moved, else the one it
        found in this chat."""
        kept = [state for state in self.changes.values() if state is not None]
        return stamp_of(kept[-1] if kept else self.state)

    def way_out(self) -> tuple[Button, ...]:
        """The row every prompt of a dialog carries: Cancel leaves that dialog, no other.

        A prompt with no stamped dialog behind it gets a menu's Close instead.
        """
        stamp = self.stamp
        if stamp is None:
            return self.menu_close()
        return (self.button("dialog-cancel", Cancel(stamp)),)

    def menu_close(self) -> tuple[Button, ...]:
        """The row every menu outside a dialog carries: Close removes its buttons."""
        return (self.button("dismiss", Cancel(NO_DIALOG)),)

    def stale(self) -> None:
        """Answer a button that is out of date (forged, or from an old message)."""
        self.toast, self.alert = self.t("button-stale"), True

    def refuse(self, error: DomainError) -> None:
        """Explain a refusal politely; the catalog has a text per error key."""
        text_id = "error-" + error.key.replace(".", "-")
        try:
            text = self.t(text_id, **{k: str(v) for k, v in error.params.items()})
        except MissingText:
            text = self.t("error-generic")
        if self.incoming.button is not None:
            self.toast, self.alert = text, True
        elif self.state is not None:
            # The step stays open for another try: the refusal keeps its way out.
            self.replies.append(
                Reply(chat_id=self.incoming.chat_id, text=text, buttons=(self.way_out(),))
            )
        else:
            self.replies.append(Reply(chat_id=self.incoming.chat_id, text=text))

    def remember(self, name: str, **data: Any) -> None:
        """Move the dialog to step `name`, keeping `data` across messages and restarts."""
        incoming = self.incoming
        self.keep(
            DialogState(
                incoming.channel, incoming.chat_id, incoming.user_id, name, dict(data), self.now
            )
        )

    def keep(self, state: DialogState) -> None:
        """Keep a dialog state of this person, in this chat or another, when the turn closes.

        A state whose data carries no stamp starts a dialog: it is given a new one. Steps
        that continue a dialog pass its data on, stamp included.
        """
        if stamp_of(state) is None:
            state = replace(state, data={**state.data, STAMP: new_stamp()})
        self.changes[state.chat_id] = state
        if state.chat_id == self.incoming.chat_id:
            self.state = state

    def forget(self) -> None:
        """End the dialog in this chat."""
        chat_id = self.incoming.chat_id
        if self.state is not None or chat_id in self.changes:
            self.changes[chat_id] = None
        self.state = None

    def outcome(self) -> TurnOutcome:
        """The dialog states this turn leaves behind, to be written in one transaction."""
        incoming = self.incoming
        kept = tuple(s for s in self.changes.values() if s is not None)
        ended = tuple(
            DialogKey(incoming.channel, chat_id, incoming.user_id)
            for chat_id, state in self.changes.items()
            if state is None
        )
        return TurnOutcome(kept, ended, language=self.learned)

    async def complete(self, action: Awaitable[object]) -> None:
        """Run the step's use case, then close the step.

        Closed only after the use case succeeded (and written only when the turn closes), so
        a crash in between asks again rather than losing what was typed; a refusal closes it
        too, unless the input was at fault and the person may correct it.
        """
        try:
            await action
        except InvalidInput:
            raise
        except DomainError:
            self.forget()
            raise
        self.forget()

    def answer(self) -> Answer:
        """Everything said in this turn, as the channel can show it: no buttons in a group
        that shows none, and no message with more buttons than the channel's messages hold
        (pickers page theirs; anything else goes on in a further message)."""
        capabilities, incoming = self.capabilities, self.incoming
        replies = tuple(self.replies)
        if incoming.chat_kind == "group" and not capabilities.group_buttons:
            replies = without_buttons(replies, incoming.chat_id)
        limit = capabilities.buttons_per_message
        if any(count(reply.buttons) > limit for reply in replies):
            replies = overflow(replies, limit, self.t("page-continued"))
        return Answer(replies, self.toast, self.alert)

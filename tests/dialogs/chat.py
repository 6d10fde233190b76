"""A person typing and pressing buttons in a chat, driving the dialogs directly."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Button, Incoming, Reply
from bot.dialogs.payloads import Cancel, Offer, decode
from bot.domain.model import Attachment
from bot.services.turns import open_turn


@dataclass
class Chat:
    """One person in one chat; keeps what the bot answered and counts the person's actions."""

    dialogs: Dialogs
    user_id: str
    name: str
    now: datetime
    chat_id: str | None = None
    kind: str = "private"
    language_code: str | None = "zh-hans"
    answers: list[Answer] = field(default_factory=list)
    taps: int = 0
    typed: int = 0
    channel: str = "telegram"

    async def _send(self, **what: object) -> Answer:
        self.now += timedelta(seconds=5)
        incoming = Incoming(
            channel=self.channel,
            chat_id=self.chat_id or self.user_id,
            chat_kind=self.kind,  # type: ignore[arg-type]
            user_id=self.user_id,
            user_name=self.name,
            at=self.now,
            language_code=self.language_code,
        )
        answer = await self.dialogs.handle(replace(incoming, **what))  # type: ignore[arg-type]
        self.answers.append(answer)
        await self._no_trap(answer)
        self._fits(answer)
        return answer

    def _fits(self, answer: Answer) -> None:
        """On a channel that declared what it holds, every reply is within it."""
        deps = self.dialogs.deps
        if self.channel not in deps.capabilities:
            return
        capabilities = deps.capabilities_of(self.channel)
        for reply in answer.replies:
            group = self.kind == "group" and reply.chat_id == self.chat_id
            assert capabilities.fits(reply, group), f"too much for {self.channel}: {reply}"

    async def _no_trap(self, answer: Answer) -> None:
        """Every prompt of a dialog offers a way out: Cancel, or at least /cancel in words."""
        for chat in dict.fromkeys(reply.chat_id for reply in answer.replies):
            uow = self.dialogs.deps.new_uow()
            _, state = await open_turn(uow, self.channel, chat, self.user_id)
            if state is None:
                continue
            last = [reply for reply in answer.replies if reply.chat_id == chat][-1]
            payloads = [button.payload for row in last.buttons for button in row]
            way_out = "/cancel" in last.text or any(
                isinstance(decode(p), Cancel) or _declines(decode(p)) for p in payloads
            )
            assert way_out, f"step {state.name} traps the person: {last.text!r}"

    async def command(self, name: str, argument: str = "") -> Answer:
        """Send /name argument (one tap: commands are menu buttons too)."""
        self.taps += 1
        return await self._send(command=name, argument=argument)

    async def say(self, text: str) -> Answer:
        """Type a message."""
        self.typed += 1
        return await self._send(text=text)

    async def share_contact(self, phone: str, own: bool = True) -> Answer:
        """Press the contact-sharing button."""
        self.taps += 1
        return await self._send(contact_phone=phone, contact_is_own=own)

    async def send_file(self, attachment: Attachment, caption: str | None = None) -> Answer:
        """Send a photo or document."""
        self.typed += 1
        return await self._send(attachments=(attachment,), text=caption)

    async def press(self, label: str) -> Answer:
        """Press the newest inline button with this label."""
        self.taps += 1
        button = self.find_button(label)
        return await self._send(button=button.payload, button_message_id="1")

    async def press_payload(self, payload: str) -> Answer:
        """Press a button by its payload, as a forged or stale press would."""
        self.taps += 1
        return await self._send(button=payload, button_message_id="1")

    def find_button(self, label: str) -> Button:
        """The newest inline button with this label."""
        for answer in reversed(self.answers):
            for reply in reversed(answer.replies):
                for row in reply.buttons:
                    for button in row:
                        if button.label == label:
                            return button
        raise AssertionError(f"no button {label!r} in {self.last_texts()}")

    def last(self) -> Reply:
        """The newest reply."""
        for answer in reversed(self.answers):
            if answer.replies:
                return answer.replies[-1]
        raise AssertionError("the bot has not answered")

    def last_texts(self) -> list[str]:
        """Texts of the newest answer (and its toast)."""
        answer = self.answers[-1]
        texts = [r.text for r in answer.replies]
        return [*texts, answer.toast] if answer.toast else texts


def _declines(payload: object) -> bool:
    """A No to an offer leaves it as Cancel would."""
    return isinstance(payload, Offer) and not payload.accept

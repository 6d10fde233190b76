"""The fake messenger as a channel of the contract: what it records is what the chat shows."""

from __future__ import annotations

from bot.dialogs.capabilities import Capabilities
from bot.dialogs.notices import DeliveryError
from bot.domain.model import Attachment
from tests.fakes import FakeMessenger
from tests.messengers.harness import Pressed, Shown

CHAT = "8001"
BLOCKED = "8002"


class FakeChannel:
    """A FakeMessenger with the channel name and capabilities it is given."""

    def __init__(self, channel: str, capabilities: Capabilities) -> None:
        self.fake = FakeMessenger(channel, capabilities)
        self.messenger = self.fake
        self.chat = CHAT

    def shown(self) -> list[Shown]:
        """The recorded messages of the chat, edits applied."""
        return [
            Shown(
                number,
                reply.text,
                tuple(b.payload for row in reply.buttons for b in row),
                reply.file.kind if reply.file else None,
            )
            for number, reply in self.fake.shown.get(CHAT, {}).items()
        ]

    async def press(self, message: Shown, payload: str) -> Pressed:
        """A press of a button the message shows comes back unchanged."""
        assert payload in message.payloads
        return Pressed(payload, message.id)

    async def attachment(self, kind: str) -> Attachment:
        """A file by a reference the fake takes as it is."""
        return Attachment(kind, f"fake-{kind}", "现场.jpg" if kind == "photo" else "报告.pdf")

    def flood(self) -> None:
        """The fake is told to refuse the next send as a 429 would."""
        self.fake.failures.append(DeliveryError("Too Many Requests: retry after 3", retry_after=3))

    def unreachable(self) -> str:
        """A chat the fake treats as having blocked the bot."""
        self.fake.blocked.add(BLOCKED)
        return BLOCKED

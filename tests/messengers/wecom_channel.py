"""WeComMessenger as a channel of the contract: the app's API client against the emulator,
clicks coming back through a real callback receiver (signed, encrypted XML)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime

from bot.domain.model import Attachment
from handlers.wecom.api import WeComClient
from handlers.wecom.callback import CallbackReceiver
from handlers.wecom.crypto import WeComCrypto
from handlers.wecom.inbound import to_incoming
from handlers.wecom.limiter import MemberLimiter
from handlers.wecom.messenger import WeComMessenger
from sandbox.wecom import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    DEFAULT_TOKEN,
    Received,
    WeComSandbox,
    WeComSandboxServer,
)
from tests.messengers.harness import Pressed, Shown
from tests.sandbox.conftest import FrozenClock

MEMBER = "WangJingLi"
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60
PATH = "/wecom/callback"


class WeComChannel:
    """A member's chat with the app; the client's back-off and the limiter take no time."""

    def __init__(self, server: WeComSandboxServer, clock: FrozenClock) -> None:
        self.sandbox: WeComSandbox = server.sandbox
        self.sandbox.add_member(MEMBER, "王经理")
        self.chat = MEMBER
        self.client = WeComClient(
            server.base_url, DEFAULT_CORP_ID, DEFAULT_SECRET, backoff=(0.001,) * 3
        )

        async def sleep(seconds: float) -> None:
            clock.advance(seconds)

        limiter = MemberLimiter(clock=clock, sleep=sleep)
        self.messenger = WeComMessenger(
            self.client, DEFAULT_AGENT_ID, limiter, fetch_file=self._fetch
        )
        self.callbacks: list[dict[str, str]] = []

    async def _fetch(self, file: Attachment) -> bytes:
        """Another channel's file, fetched for upload."""
        return JPEG

    async def store(self, key: str, fields: Mapping[str, str]) -> bool:
        """What the callback receiver took, kept as the channel's inbox would keep it."""
        self.callbacks.append(dict(fields))
        return True

    def shown(self) -> list[Shown]:
        """What reached the member, cards as they show now."""
        return [_shown(received) for received in self.sandbox.read_received(MEMBER)]

    async def press(self, message: Shown, payload: str) -> Pressed:
        """Click the card's button; the callback reaches the receiver, is parsed as the bot
        parses it, and its response code is handed to the messenger as the channel does."""
        push, code = self.sandbox.click(MEMBER, message.id, payload)
        await self.sandbox.wait_push(push, 5.0)
        assert push.outcome == "delivered"
        incoming = to_incoming(self.callbacks[-1], datetime.now(UTC))
        assert incoming is not None and incoming.button is not None
        self.messenger.note_click(message.id, MEMBER, code)
        return Pressed(incoming.button, incoming.button_message_id)

    async def attachment(self, kind: str) -> Attachment:
        """A photo from another channel (fetched and uploaded), or a file the member sent."""
        if kind == "photo":
            return Attachment("photo", "telegram-file-id", "现场.jpg")
        push = self.sandbox.send_file(MEMBER, b"%PDF-1.4 report", "报告.pdf")
        return Attachment("document", f"wecom:{push.fields['MediaId']}", "报告.pdf")

    def flood(self) -> None:
        """45009 (frequency) on the call and on each of the client's own retries."""
        self.sandbox.inject_fault(45009, count=4)

    def unreachable(self) -> str:
        """A userid the corp does not have (WeCom answers 81013)."""
        return "NoSuchMember"


def _shown(received: Received) -> Shown:
    card = received.card
    if card is not None:
        title = card.card.get("main_title", {}).get("title", "")
        sub = card.card.get("sub_title_text")
        text = f"{title}\n{sub}" if sub else str(title)
        return Shown(card.task_id, text, tuple(card.button_keys()))
    if received.msgtype == "text":
        return Shown(received.msgid, str(received.content["content"]))
    kind = {"image": "photo", "file": "document"}.get(received.msgtype, received.msgtype)
    return Shown(received.msgid, "", file=kind)


@contextlib.asynccontextmanager
async def wecom_channel() -> AsyncIterator[WeComChannel]:
    """A started emulator on a frozen clock, and a callback receiver its pushes reach."""
    clock = FrozenClock()
    server = WeComSandboxServer(clock=clock)
    await server.start()
    channel = WeComChannel(server, clock)
    crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
    # The emulator signs its pushes with the wall clock, as WeCom does; only messages carry
    # its frozen time.
    receiver = CallbackReceiver(crypto, channel.store, PATH)
    port = await receiver.start("127.0.0.1", 0)
    server.sandbox.configure_callback(url=f"http://127.0.0.1:{port}{PATH}")
    try:
        yield channel
    finally:
        await receiver.stop()
        await channel.client.close()
        await server.stop()

"""The WeCom half of the channel driver: the real WeComChannel against the WeCom emulator.

The channel runs as `zhibao run` runs it (`WeComChannel.run` in a task): the emulator pushes
members' messages and clicks, encrypted and signed, to the channel's CallbackReceiver on a
loopback port; the channel stores them in the inbox and its runner handles them. `settle`
waits until every push was answered and every stored callback handled, answers included.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Incoming
from bot.i18n.catalog import default_catalog
from bot.services import inbox
from bot.services.ports import UnitOfWorkFactory
from handlers.wecom.api import WeComClient
from handlers.wecom.channel import CallbackAddress, WeComChannel
from handlers.wecom.crypto import WeComCrypto
from handlers.wecom.inbound import CHANNEL
from sandbox.wecom import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    DEFAULT_TOKEN,
    Received,
    WeComSandbox,
)

SETTLE_SECONDS = 5.0
# The pusher's pause between tries: WeCom's is longer; tests need not wait for it.
RETRY_DELAY = 0.05


class CountingDialogs(Dialogs):
    """The dialogs, counting the turns under way, so a test knows when handling is over."""

    busy = 0
    # When set, a turn waits for it before it starts: a test may "crash" the bot mid-turn.
    gate: asyncio.Event | None = None

    async def handle(self, incoming: Incoming, deliver: Any = None) -> Answer:
        """Handle as the dialogs do, counted while it lasts."""
        self.busy += 1
        try:
            if self.gate is not None:
                await self.gate.wait()
            return await super().handle(incoming, deliver)
        finally:
            self.busy -= 1


def wecom_channel(base_url: str) -> WeComChannel:
    """A channel to the emulator at `base_url` with WeCom's sample credentials; its callback
    server takes a free loopback port."""
    client = WeComClient(base_url, DEFAULT_CORP_ID, DEFAULT_SECRET)
    crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
    return WeComChannel(client, crypto, DEFAULT_AGENT_ID, CallbackAddress("127.0.0.1", 0))


class WeComSide:
    """One WeComChannel running against the emulator, and the members it serves."""

    def __init__(self, sandbox: WeComSandbox, channel: WeComChannel) -> None:
        self.sandbox, self.channel = sandbox, channel
        self.stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.dialogs: CountingDialogs | None = None
        self.new_uow: UnitOfWorkFactory | None = None
        self.clock: Callable[[], datetime] | None = None

    async def start(
        self,
        dialogs: CountingDialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        wake: Callable[[], object],
    ) -> None:
        """Open the channel, run it, and point the emulator's callbacks at it."""
        self.dialogs, self.new_uow, self.clock = dialogs, new_uow, clock
        await self.channel.open(default_catalog())
        self.task = asyncio.create_task(self.channel.run(dialogs, new_uow, clock, wake, self.stop))
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.channel.port is None:
            assert not self.task.done(), self.task.exception()
            assert time.monotonic() < deadline, "the callback server did not start"
            await asyncio.sleep(0.01)
        url = f"http://127.0.0.1:{self.channel.port}{self.channel.address.path}"
        self.sandbox.configure_callback(url=url, retry_delay=RETRY_DELAY)

    async def close(self, crash: bool = False) -> None:
        """Stop the channel: cleanly, or as a crash would (what is under way is cut off)."""
        if self.task is not None:
            if crash:
                self.task.cancel()
            self.stop.set()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self.task, SETTLE_SECONDS)
            self.task = None
        await self.channel.close()

    async def restarted(self) -> WeComSide:
        """A new channel on the same emulator and database, as after a process restart."""
        assert self.dialogs is not None and self.new_uow is not None and self.clock is not None
        side = WeComSide(self.sandbox, wecom_channel(self.channel.client.base_url))
        await side.start(CountingDialogs(self.dialogs.deps), self.new_uow, self.clock, no_wake)
        return side

    async def settle(self) -> None:
        """Wait until every callback was delivered and everything stored was handled."""
        deadline = time.monotonic() + SETTLE_SECONDS
        for push in list(self.sandbox.pusher.pushes):
            await self.sandbox.wait_push(push, max(deadline - time.monotonic(), 0.01))
        while not await self._idle():
            assert self.task is not None and not self.task.done(), "the channel stopped"
            assert time.monotonic() < deadline, "the WeCom channel did not settle"
            await asyncio.sleep(0.005)

    async def _idle(self) -> bool:
        assert self.dialogs is not None and self.new_uow is not None
        if self.dialogs.busy:
            return False
        return not await inbox.pending_updates(self.new_uow(), CHANNEL, 1)

    # What members see ----------------------------------------------------------------------

    def received(self, userid: str) -> list[Received]:
        """What reached the member, oldest first."""
        return self.sandbox.read_received(userid)

    def texts(self, userid: str) -> list[str]:
        """What the member received as words, cards as they show now, oldest first."""
        return [shown(message) for message in self.received(userid)]

    def chat_texts(self, chatid: str) -> list[str]:
        """What the app posted in one of its group chats, oldest first."""
        return [shown(message) for message in self.sandbox.read_chat(chatid)]

    def press(self, userid: str, label: str) -> str:
        """Click the newest live button with this label; the card's task_id."""
        for message in reversed(self.received(userid)):
            copy = message.card
            if copy is None:
                continue
            for button in copy.card.get("button_list", []):
                if button.get("text") == label and str(button.get("key")) in copy.button_keys():
                    self.sandbox.click(userid, copy.task_id, str(button["key"]))
                    return copy.task_id
        raise AssertionError(f"{userid} has no button {label!r}: {self.texts(userid)}")

    def forge(self, userid: str, key: str) -> None:
        """A click carrying a key the member was never shown, on their newest card."""
        cards = [m.card for m in self.received(userid) if m.card is not None]
        assert cards, f"{userid} has no card"
        task_id = cards[-1].task_id
        fields: dict[str, str | int] = {
            "ToUserName": DEFAULT_CORP_ID,
            "FromUserName": userid,
            "CreateTime": int(time.time()),
            "MsgType": "event",
            "Event": "template_card_event",
            "EventKey": key,
            "TaskId": task_id,
            "CardType": "button_interaction",
            "ResponseCode": self.sandbox.issue_code(task_id, "click"),
            "AgentID": DEFAULT_AGENT_ID,
        }
        self.sandbox.pusher.enqueue(fields)


def no_wake() -> None:
    """The driver dispatches on its own turns; a wake needs nothing done."""


def shown(message: Received) -> str:
    """A message as the member reads it: a text's words, a card's title, lines and label."""
    if message.card is None:
        content = message.content
        return str(content.get("content") or content.get("media_id") or message.msgtype)
    card = message.card.card
    lines = [str(card.get("main_title", {}).get("title", ""))]
    if card.get("sub_title_text"):
        lines.append(str(card["sub_title_text"]))
    lines += [f"{p['keyname']}：{p['value']}" for p in card.get("horizontal_content_list", [])]
    if message.card.replaced_name:
        lines.append(message.card.replaced_name)
    return "\n".join(lines)

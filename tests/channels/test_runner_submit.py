"""Updates pushed one by one (WeCom's callbacks) are handled as they come: in order within
their chat, chats side by side, each once, and a stop waits for what is under way."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Incoming
from bot.services import inbox
from handlers.inbox_runner import InboxRunner, Payload
from tests.fakes import FakeDatabase

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


class Turns:
    """A channel whose payloads name their chat and text."""

    channel = "test"

    def lane_of(self, payload: Payload) -> object:
        return payload["chat"]

    def to_incoming(self, payload: Payload, now: datetime) -> Incoming:
        chat = str(payload["chat"])
        return Incoming("test", chat, "private", chat, chat, now, text=str(payload["text"]))

    async def answer(self, key: str, payload: Payload, answer: Answer) -> list[str | None]:
        return []


class SlowDialogs:
    """Dialogs that take a while per turn and note when each turn starts and ends."""

    def __init__(self, db: FakeDatabase) -> None:
        self.db, self.running, self.most = db, 0, 0
        self.log: list[str] = []

    async def handle(self, incoming: Incoming, deliver: Any = None) -> Answer:
        self.running += 1
        self.most = max(self.most, self.running)
        await asyncio.sleep(0.02)
        assert incoming.inbox_id is not None
        # The turn's close: its effects and its inbox mark in one transaction.
        await inbox.mark_handled(self.db.unit_of_work(), "test", incoming.inbox_id, NOW)
        self.log.append(f"{incoming.chat_id}:{incoming.text}")
        self.running -= 1
        return Answer()


async def stored(runner: InboxRunner, key: str, payload: Mapping[str, str]) -> None:
    assert await runner.ingest([(key, key, payload)]) == 1
    runner.submit(key, payload)


async def test_a_chat_in_order_and_chats_side_by_side_each_once() -> None:
    db = FakeDatabase()
    dialogs = SlowDialogs(db)
    runner = InboxRunner(Turns(), cast(Dialogs, dialogs), db.unit_of_work, lambda: NOW)
    for n in range(3):
        for chat in ("a", "b", "c"):
            await stored(runner, f"{chat}{n}", {"chat": chat, "text": str(n)})
    await runner.finish(5)
    for chat in ("a", "b", "c"):
        assert [e for e in dialogs.log if e.startswith(chat)] == [f"{chat}:{n}" for n in range(3)]
    assert len(dialogs.log) == 9 and dialogs.most == 3
    assert await inbox.pending_updates(db.unit_of_work(), "test") == []


async def test_a_stop_cut_short_leaves_the_rest_for_the_next_start() -> None:
    db = FakeDatabase()
    dialogs = SlowDialogs(db)
    runner = InboxRunner(Turns(), cast(Dialogs, dialogs), db.unit_of_work, lambda: NOW)
    for n in range(5):
        await stored(runner, f"a{n}", {"chat": "a", "text": str(n)})
    await runner.finish(0.03)
    left = await inbox.pending_updates(db.unit_of_work(), "test")
    assert 0 < len(left) < 5
    again = InboxRunner(Turns(), cast(Dialogs, dialogs), db.unit_of_work, lambda: NOW)
    assert await again.drain() == len(left)
    assert sorted(dialogs.log) == [f"a:{n}" for n in range(5)]

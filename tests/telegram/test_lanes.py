"""Updates are handled in order within a chat, several chats at once, and each turn commits
its dialog state together with its inbox mark, only after the answer went out."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest

from bot.dialogs.engine import Deliver, Dialogs
from bot.dialogs.events import Answer, Incoming
from bot.services import turns
from handlers.inbox_runner import LANES
from handlers.telegram.runtime import TelegramRuntime, chat_of
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, last_text, people, press

OTHERS = [6101, 6102, 6103]


class Recorder:
    """Wraps handle_entry: who started and finished when, and how many ran at once."""

    def __init__(self, runtime: TelegramRuntime) -> None:
        self.inner = runtime.runner.handle_entry
        self.log: list[tuple[str, object, str]] = []
        self.running = self.most = 0

    async def __call__(self, key: str, payload: Mapping[str, Any]) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        self.log.append(("start", chat_of(payload), str(payload["update_id"])))
        await asyncio.sleep(0.01)  # as if waiting for the Bot API
        await self.inner(key, payload)
        self.log.append(("end", chat_of(payload), str(payload["update_id"])))
        self.running -= 1


async def test_chats_run_side_by_side_and_each_chat_in_order(
    loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    people(loop)
    for user in OTHERS:
        loop.sandbox.create_user(user_id=user, first_name=f"访客{user}", language_code="zh")
    recorder = Recorder(loop.runtime)
    monkeypatch.setattr(loop.runtime.runner, "handle_entry", recorder)
    for round_ in range(3):
        for user in [MEMBER, *OTHERS]:
            loop.sandbox.send_text(user, f"/help {round_}")
    await loop.turn()
    chats = {chat for _, chat, _ in recorder.log}  # the four people's and the group (joined)
    assert len(chats) == 5
    assert recorder.most == min(LANES, len(chats)), "every chat was handled at once"
    for user in [MEMBER, *OTHERS]:
        mine = [(kind, number) for kind, chat, number in recorder.log if chat == user]
        # One update of a chat ends before the next one of that chat starts.
        assert [kind for kind, _ in mine] == ["start", "end"] * 3
        numbers = [int(number) for kind, number in mine if kind == "start"]
        assert numbers == sorted(numbers)
        assert len(bot_messages(loop, user)) == 3


class Crash(BaseException):
    """The process dying: nothing of ours catches it (unlike an Exception, a bug of ours)."""


class UndeliverableDialogs(Dialogs):
    """Dialogs whose answer cannot be sent: the process dies while sending it."""

    async def handle(self, incoming: Incoming, deliver: Deliver | None = None) -> Answer:
        """Work the turn out, then fail where the answer would go out."""

        async def dying(answer: Answer) -> list[str | None]:
            raise Crash("the process died while sending")

        return await super().handle(incoming, dying)


async def test_a_turn_whose_answer_never_went_out_is_handled_again_from_its_start(
    loop: Loop,
) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    await press(loop, MEMBER, "铝箔扩建")
    _, before = await turns.open_turn(loop.city.new_uow(), "telegram", str(MEMBER), str(MEMBER))
    loop.runtime.runner.dialogs = UndeliverableDialogs(loop.runtime.runner.dialogs.deps)
    loop.sandbox.send_text(MEMBER, "厂区道路还没有修通")
    with pytest.raises(Crash):
        await loop.turn()
    _, after = await turns.open_turn(loop.city.new_uow(), "telegram", str(MEMBER), str(MEMBER))
    assert after == before, "neither the state nor the inbox mark was written"
    restarted = loop.restart()
    await restarted.poll_once(0)
    assert "文字 1 条" in last_text(loop, MEMBER)

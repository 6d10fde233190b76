"""A fault while handling one update never stops the bot, nor loops after a restart."""

from __future__ import annotations

import asyncio

from bot.dialogs.engine import Deliver, Dialogs
from bot.dialogs.events import Answer, Incoming
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, people


class FaultyDialogs(Dialogs):
    """Dialogs with a bug that shows on one particular message."""

    async def handle(self, incoming: Incoming, deliver: Deliver | None = None) -> Answer:
        """Fail on "boom", behave otherwise."""
        if incoming.text == "boom":
            raise RuntimeError("a bug of ours")
        return await super().handle(incoming, deliver)


async def test_a_failing_update_gets_an_apology_and_the_next_one_is_served(loop: Loop) -> None:
    people(loop)
    runtime = loop.runtime
    runtime.runner.dialogs = FaultyDialogs(runtime.runner.dialogs.deps)
    loop.sandbox.send_text(MEMBER, "boom")
    loop.sandbox.send_text(MEMBER, "/help")
    await loop.turn()
    texts = [m.text or "" for m in bot_messages(loop, MEMBER)]
    assert texts[0] == "操作未能完成，请稍后再试。"
    assert texts[1].startswith("可用功能")
    restarted = loop.restart()
    await restarted.poll_once(0)
    assert len(bot_messages(loop, MEMBER)) == 2, "nothing is handled twice after a restart"


async def test_delivery_rounds_asked_for_at_once_do_not_send_twice(loop: Loop) -> None:
    people(loop)  # the alu group, with the bot in it
    await loop.city.file()
    await asyncio.gather(*(loop.dispatcher.run_once() for _ in range(3)))
    assert len(bot_messages(loop, int(ALU_GROUP))) == 1

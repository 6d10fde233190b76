"""Restarts of Telegram and of the bot: numbers start again, the inbox still knows what is new.

The sandbox numbers updates (and messages) from 1 on every start, as Telegram numbers
updates afresh after a quiet week; a redelivery of the same update is still known (§13).
"""

from __future__ import annotations

import asyncio
import json

from bot.services import inbox
from handlers.telegram.translate import CHANNEL
from tests.telegram.conftest import Loop, next_second
from tests.telegram.hooks import World, help_update, until, webhook_running
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, last_text, people, press


async def test_after_telegram_and_the_bot_restart_new_messages_are_answered_at_once(
    loop: Loop,
) -> None:
    people(loop)
    for _ in range(4):
        loop.sandbox.send_text(MEMBER, "/help")
    await loop.turn()
    assert len(bot_messages(loop, MEMBER)) == 4
    await next_second()
    await loop.sandbox.reset()  # update ids and message ids start again at 1
    people(loop)
    loop.restart()
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    assert last_text(loop, MEMBER) == "这个问题涉及哪个项目？"
    await press(loop, MEMBER, "铝箔扩建")
    loop.sandbox.send_text(MEMBER, "变电站迟迟不能送电")
    await loop.turn()
    assert "文字 1 条" in last_text(loop, MEMBER)
    assert await inbox.pending_updates(loop.city.new_uow(), CHANNEL) == []


async def test_updates_fetched_again_before_they_were_confirmed_are_handled_once(
    loop: Loop,
) -> None:
    people(loop)
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()  # handled; only the next getUpdates would confirm it
    loop.restart()  # the process died first: the new one fetches the same updates again
    await loop.turn()
    assert [m.text for m in bot_messages(loop, MEMBER)] == ["这个问题涉及哪个项目？"]
    await press(loop, MEMBER, "铝箔扩建")
    prompts = len(bot_messages(loop, MEMBER))
    loop.restart()
    await loop.turn()  # the press, fetched again
    assert len(bot_messages(loop, MEMBER)) == prompts
    loop.sandbox.send_text(MEMBER, "道路还没有修通")
    await loop.turn()
    assert "文字 1 条" in last_text(loop, MEMBER), "the filing went on from the right step"


async def test_a_webhook_after_a_restart_takes_an_old_update_id_and_ignores_a_redelivery(
    world: World,
) -> None:
    async with webhook_running(world):
        world.sandbox.send_text(MEMBER, "/help")
        await until(lambda: len(world.answers()) == 1)
    await next_second()
    await world.sandbox.reset()
    world.sandbox.create_user(user_id=MEMBER, first_name="王经理", language_code="zh-hans")
    async with webhook_running(world) as hook:
        sent = world.sandbox.send_text(MEMBER, "/new")  # update 1 and message 1 again
        await until(lambda: world.answers() == ["这个问题涉及哪个项目？"])
        # Telegram delivering that update once more (its 200 got lost, say).
        again = help_update(1, sent.message_id, sent.date, "/new")
        body = json.dumps(again).encode()
        statuses = await asyncio.gather(*(hook.post(body, hook.options.secret) for _ in range(2)))
        assert statuses == [(200, "")] * 2
        await asyncio.sleep(0.3)
        assert world.answers() == ["这个问题涉及哪个项目？"]
    assert await inbox.pending_updates(world.app.uow(), CHANNEL) == []

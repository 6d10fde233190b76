"""Stopping the bot: the long poll is given up at once, a turn being handled never is."""

from __future__ import annotations

import asyncio

import pytest

from bot.services import turns
from bot.services.ports import UnitOfWork
from bot.services.queries import show_issue
from bot.services.turns import TurnOutcome
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, press
from tests.telegram.test_officer_flow import GROUP, OFFICER, filed, officials


async def test_a_stop_while_polling_ends_the_run_at_once(loop: Loop) -> None:
    stop = asyncio.Event()
    running = asyncio.create_task(loop.runtime.run_polling(stop))
    await asyncio.sleep(0.3)  # well into a long poll that would wait 25 s
    stop.set()
    await asyncio.wait_for(running, 2)


async def test_a_stop_during_a_turn_lets_it_finish_so_nothing_is_done_twice(
    loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    await officials(loop)
    code = await filed(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)
    await press(loop, OFFICER, "答复企业", user_id=OFFICER)
    loop.sandbox.send_text(OFFICER, "已协调供电公司，今日送电")
    await loop.turn()
    send = bot_messages(loop, OFFICER)[-1]
    loop.sandbox.press_button(OFFICER, send.message_id, data=button(send, "发送"), user_id=OFFICER)
    stop = asyncio.Event()
    real_close = turns.close_turn

    async def close_while_stopping(uow: UnitOfWork, outcome: TurnOutcome) -> None:
        stop.set()  # Ctrl-C arrives while the turn closes, after its reply went out
        await asyncio.sleep(0.2)
        await real_close(uow, outcome)

    monkeypatch.setattr(turns, "close_turn", close_while_stopping)
    await asyncio.wait_for(loop.runtime.run_polling(stop), 10)
    monkeypatch.setattr(turns, "close_turn", real_close)
    restarted = loop.restart()
    await restarted.drain()
    await loop.dispatch()
    view = await show_issue(loop.city.new_uow(), loop.city.admin, code)
    assert [e.kind for e in view.events].count("replied") == 1
    replies = [m for m in bot_messages(loop, MEMBER) if m.text and "今日送电" in m.text]
    assert len(replies) == 1

"""getUpdates as Telegram serves it: long polling, offsets, allowed_updates and conflicts."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Conflict

from sandbox.telegram import Sandbox, SandboxServer
from sandbox.telegram.records import UserRecord
from tests.sandbox.conftest import make_bot


async def test_long_poll_returns_as_soon_as_a_message_arrives(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    assert not poll.done()
    started = time.monotonic()
    sandbox.send_text(user.id, "/start")
    [update] = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1
    assert update.message is not None and update.message.text == "/start"
    assert update.message.entities[0].type == "bot_command"


async def test_empty_long_poll_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_updates_are_redelivered_until_confirmed(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    for text in ("一", "二", "三"):
        sandbox.send_text(user.id, text)
    first = await bot.get_updates()
    again = await bot.get_updates()
    assert [u.update_id for u in first] == [u.update_id for u in again] == [1, 2, 3]
    assert [u.update_id for u in await bot.get_updates(offset=2, limit=1)] == [2]
    rest = await bot.get_updates(offset=3)
    assert [_text(u) for u in rest] == ["三"]
    assert await bot.get_updates(offset=4) == ()
    assert sandbox.list_pending_updates() == []


async def test_negative_offset_keeps_only_the_last_updates(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    for text in ("a", "b", "c"):
        sandbox.send_text(user.id, text)
    assert [_text(u) for u in await bot.get_updates(offset=-1)] == ["c"]
    assert [_text(u) for u in await bot.get_updates()] == ["c"]


async def test_allowed_updates_are_remembered(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    sent = await bot.send_message(user.id, "?", reply_markup=_button())
    assert await bot.get_updates(allowed_updates=["callback_query"]) == ()
    sandbox.send_text(user.id, "filtered out")
    sandbox.press_button(user.id, sent.message_id, data="go")
    [update] = await bot.get_updates()
    assert update.callback_query is not None and update.callback_query.data == "go"
    await bot.get_updates(offset=update.update_id + 1, allowed_updates=[])
    sandbox.send_text(user.id, "wanted again")
    assert [_text(u) for u in await bot.get_updates()] == ["wanted again"]


async def test_a_second_poller_terminates_the_first(
    server: SandboxServer, bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    async with make_bot(server) as other:
        assert await other.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 2)
        sandbox.send_text(user.id, "hi")
        assert [_text(u) for u in await other.get_updates(timeout=1)] == ["hi"]


async def test_get_updates_refused_while_a_webhook_is_set(bot: Bot) -> None:
    assert await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


def _text(update: Update) -> str | None:
    return update.message.text if update.message is not None else None


def _button() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])

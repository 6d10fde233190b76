"""Flood limits on demand: 30/s per bot, 1/s per private chat (no burst), 20/min per group."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from sandbox.telegram import ApiError, Sandbox, SandboxServer
from tests.sandbox.conftest import FrozenClock, make_bot

# Reading RetryAfter.retry_after warns about its coming change to timedelta; both are handled.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def send_to_many(bot: Bot, chat_ids: list[int]) -> list[RetryAfter]:
    refusals: list[RetryAfter] = []
    for chat_id in chat_ids:
        try:
            await bot.send_message(chat_id, "通知")
        except RetryAfter as error:
            refusals.append(error)
    return refusals


async def flooded_server(clock: FrozenClock, flood: bool) -> tuple[SandboxServer, list[int]]:
    sandbox = Sandbox(clock=clock, flood=flood)
    users = [sandbox.create_user().id for _ in range(40)]
    server = SandboxServer(sandbox)
    await server.start()
    return server, users


async def test_40_chats_at_once_exceed_30_per_second(clock: FrozenClock) -> None:
    server, users = await flooded_server(clock, flood=True)
    try:
        async with make_bot(server) as bot:
            refusals = await send_to_many(bot, users)
            assert len(refusals) == 10
            assert all(seconds(error) >= 1 for error in refusals)
            clock.advance(1)
            assert await send_to_many(bot, users[30:]) == []
    finally:
        await server.stop()


async def test_no_limits_when_off(clock: FrozenClock) -> None:
    server, users = await flooded_server(clock, flood=False)
    try:
        async with make_bot(server) as bot:
            assert await send_to_many(bot, users + users) == []
    finally:
        await server.stop()


async def test_one_message_per_second_per_private_chat(clock: FrozenClock) -> None:
    sandbox = Sandbox(clock=clock, flood=True)
    user = sandbox.create_user()
    await sandbox.call("sendMessage", {"chat_id": user.id, "text": "1"})
    with pytest.raises(ApiError) as caught:
        await sandbox.call("sendMessage", {"chat_id": user.id, "text": "2"})
    assert caught.value.to_json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    clock.advance(1)
    await sandbox.call("sendMessage", {"chat_id": user.id, "text": "2"})


async def test_edits_count_and_refusals_do_not(clock: FrozenClock) -> None:
    sandbox = Sandbox(clock=clock, flood=True)
    user = sandbox.create_user()
    sent = await sandbox.call("sendMessage", {"chat_id": user.id, "text": "1"})
    edit = {"chat_id": user.id, "message_id": sent["message_id"], "text": "1b"}
    with pytest.raises(ApiError, match="retry after 1"):
        await sandbox.call("editMessageText", edit)
    clock.advance(1)
    await sandbox.call("editMessageText", edit)


async def test_twenty_per_minute_per_group(clock: FrozenClock) -> None:
    sandbox = Sandbox(clock=clock)
    owner = sandbox.create_user()
    group = sandbox.create_group("园区企业群", [owner.id])
    sandbox.add_bot_to_group(group.id, by=owner.id)
    sandbox.set_flood_control(True)
    for n in range(20):
        await sandbox.call("sendMessage", {"chat_id": group.id, "text": str(n)})
        clock.advance(0.5)
    with pytest.raises(ApiError) as caught:
        await sandbox.call("sendMessage", {"chat_id": group.id, "text": "21st"})
    assert caught.value.retry_after == 50
    sandbox.set_flood_control(False)
    await sandbox.call("sendMessage", {"chat_id": group.id, "text": "21st"})

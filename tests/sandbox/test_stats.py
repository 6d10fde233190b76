"""The stats control action: calls, accepted messages, flood 429s and injected faults."""

from __future__ import annotations

import time
from typing import Any

import aiohttp
import pytest

from sandbox.telegram import DEFAULT_TOKEN, Sandbox
from sandbox.telegram.records import UserRecord
from tests.sandbox.conftest import post_control

EMPTY = {
    "calls": {},
    "messages": 0,
    "answered_429": 0,
    "faults_injected": 0,
    "first_message_at": None,
    "last_message_at": None,
}


async def call(http: aiohttp.ClientSession, method: str, **body: Any) -> Any:
    async with http.post(f"/bot{DEFAULT_TOKEN}/{method}", json=body) as response:
        return await response.json()


async def read_stats(http: aiohttp.ClientSession, query: str = "") -> Any:
    async with http.get(f"/control/stats{query}") as response:
        assert response.status == 200
        return (await response.json())["result"]


async def test_stats_count_calls_messages_and_faults(
    http: aiohttp.ClientSession, sandbox: Sandbox, user: UserRecord
) -> None:
    assert await read_stats(http) == EMPTY
    before = time.monotonic()
    sent = await call(http, "sendMessage", chat_id=user.id, text="1")
    message_id = sent["result"]["message_id"]
    await call(http, "editMessageText", chat_id=user.id, message_id=message_id, text="1b")
    await call(http, "getMe")
    await call(http, "sendMessage", chat_id=user.id, text="")
    await post_control(http, "faults", {"status": 500})
    await call(http, "sendMessage", chat_id=user.id, text="2")
    await post_control(http, "faults", {"status": 200})
    await call(http, "sendMessage", chat_id=user.id, text="3")
    await call(http, "noSuchMethod")
    after = time.monotonic()
    stats = await read_stats(http)
    first, last = stats.pop("first_message_at"), stats.pop("last_message_at")
    assert stats == {
        "calls": {"editMessageText": 1, "getMe": 1, "noSuchMethod": 1, "sendMessage": 4},
        "messages": 2,
        "answered_429": 0,
        "faults_injected": 2,
    }
    assert before <= first <= last <= after
    assert sandbox.read_stats()["messages"] == 2


async def test_answered_429_counts_only_the_flood_limits(
    http: aiohttp.ClientSession, user: UserRecord
) -> None:
    await post_control(http, "flood", {"enabled": True})
    first = await call(http, "sendMessage", chat_id=user.id, text="1")
    flooded = await call(http, "sendMessage", chat_id=user.id, text="2")
    await post_control(http, "faults", {"status": 429, "retry_after": 3})
    injected = await call(http, "sendMessage", chat_id=user.id, text="3")
    assert first["ok"] and flooded["error_code"] == injected["error_code"] == 429
    stats = await read_stats(http)
    assert (stats["answered_429"], stats["faults_injected"], stats["messages"]) == (1, 1, 1)
    assert stats["first_message_at"] == stats["last_message_at"]
    assert stats["calls"] == {"sendMessage": 3}


async def test_reset_body_reads_then_starts_afresh(
    http: aiohttp.ClientSession, user: UserRecord
) -> None:
    await call(http, "sendMessage", chat_id=user.id, text="1")
    status, answer = await post_control(http, "stats", {"reset": True})
    assert status == 200 and answer["result"]["messages"] == 1
    assert await read_stats(http) == EMPTY
    await call(http, "sendMessage", chat_id=user.id, text="2")
    assert (await read_stats(http, "?reset=true"))["calls"] == {"sendMessage": 1}
    assert await read_stats(http) == EMPTY


async def test_reset_action_clears_stats_and_faults(
    http: aiohttp.ClientSession, sandbox: Sandbox, user: UserRecord
) -> None:
    await call(http, "sendMessage", chat_id=user.id, text="1")
    await post_control(http, "faults", {"status": 502, "count": 4})
    assert await post_control(http, "reset") == (200, {"ok": True, "result": True})
    assert await read_stats(http) == EMPTY
    assert await post_control(http, "faults") == (200, {"ok": True, "result": []})
    again = sandbox.create_user()
    assert (await call(http, "sendMessage", chat_id=again.id, text="1"))["ok"]
    assert sandbox.read_stats(reset=True)["messages"] == 1
    assert sandbox.read_stats() == EMPTY


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"reset": "maybe"}, "reset must be true or false"),
        ({"reset": True, "since": 0}, 'stats takes only {"reset": true}'),
    ],
)
async def test_bad_stats_bodies_are_refused(
    http: aiohttp.ClientSession, body: Any, error: str
) -> None:
    assert await post_control(http, "stats", body) == (
        400,
        {"ok": False, "error": f"ControlError: {error}"},
    )

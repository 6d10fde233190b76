"""The faults control action over HTTP: the exact bodies, answers and refusals."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from sandbox.telegram import DEFAULT_TOKEN
from sandbox.telegram.records import UserRecord
from tests.sandbox.conftest import post_control


async def send(http: aiohttp.ClientSession, chat_id: int) -> tuple[int, Any]:
    body = {"chat_id": chat_id, "text": "通知"}
    async with http.post(f"/bot{DEFAULT_TOKEN}/sendMessage", json=body) as response:
        return response.status, await response.json()


async def test_fault_bodies_and_answers(http: aiohttp.ClientSession, user: UserRecord) -> None:
    body = {
        "status": 429,
        "count": 2,
        "method": "sendMessage",
        "chat_id": user.id,
        "retry_after": 5,
        "delay": 0.05,
    }
    pending = {**body, "description": "Too Many Requests: retry after 5"}
    assert await post_control(http, "faults", body) == (200, {"ok": True, "result": [pending]})
    assert await send(http, user.id) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 5",
            "parameters": {"retry_after": 5},
        },
    )
    async with http.get("/control/faults") as response:
        assert await response.json() == {"ok": True, "result": [{**pending, "count": 1}]}
    assert await post_control(http, "faults", {"clear": True}) == (200, {"ok": True, "result": []})
    assert (await send(http, user.id))[0] == 200


@pytest.mark.parametrize(
    ("status", "description"),
    [
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (403, "Forbidden: bot was blocked by the user"),
        (400, "Bad Request: chat not found"),
    ],
)
async def test_error_envelopes_over_http(
    http: aiohttp.ClientSession, user: UserRecord, status: int, description: str
) -> None:
    _, answer = await post_control(http, "faults", {"status": status})
    assert answer["result"] == [
        {
            "status": status,
            "count": 1,
            "method": None,
            "chat_id": None,
            "retry_after": None,
            "delay": 0.0,
            "description": description,
        }
    ]
    expected = {"ok": False, "error_code": status, "description": description}
    assert await send(http, user.id) == (status, expected)


BAD_FAULTS = [
    ({"count": 3}, "a fault needs a status"),
    ({"status": "500"}, "status must be 200 or an integer 400-599, not '500'"),
    ({"status": True}, "status must be 200 or an integer 400-599, not True"),
    ({"status": 302}, "status must be 200 or an integer 400-599, not 302"),
    ({"status": 418}, "status 418 has no known description: give one"),
    ({"status": 500, "count": 0}, "count must be a positive integer, not 0"),
    ({"status": 500, "method": "sendMesage"}, "method must name a Bot API method"),
    ({"status": 500, "chat_id": "@news"}, "chat_id must be an integer, not '@news'"),
    ({"status": 500, "retry_after": 5}, "retry_after must be a positive integer and goes only"),
    ({"status": 429, "retry_after": 0}, "retry_after must be a positive integer and goes only"),
    ({"status": 500, "delay": -1}, "delay must be a number of seconds, 0 or more, not -1"),
    ({"status": 500, "delay": "2"}, "delay must be a number of seconds"),
    ({"status": 200, "description": "Slow"}, "description must be a string and goes only"),
    ({"status": 500, "chat": 1}, "unknown fault fields ['chat']"),
    ({"clear": True, "status": 500}, 'clear goes alone, as {"clear": true}'),
    ({"clear": False}, 'clear goes alone, as {"clear": true}'),
    ([{"status": 500}], "the body must be a JSON object"),
]


@pytest.mark.parametrize(("body", "error"), BAD_FAULTS)
async def test_bad_fault_bodies_are_refused(
    http: aiohttp.ClientSession, body: Any, error: str
) -> None:
    status, answer = await post_control(http, "faults", body)
    assert (status, answer["ok"]) == (400, False)
    assert answer["error"].startswith(f"ControlError: {error}")
    assert await post_control(http, "faults") == (200, {"ok": True, "result": []})

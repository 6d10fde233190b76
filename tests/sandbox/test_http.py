"""The HTTP surface without any SDK: request encodings, error envelopes, control API."""

from __future__ import annotations

import base64
import json
from typing import Any

import aiohttp

from sandbox.telegram import DEFAULT_TOKEN


async def control(http: aiohttp.ClientSession, action: str, **body: Any) -> Any:
    async with http.post(f"/control/{action}", json=body) as response:
        answer = await response.json()
        assert response.status == 200, answer
        return answer["result"]


async def bot_api(http: aiohttp.ClientSession, method: str, **kwargs: Any) -> tuple[int, Any]:
    async with http.post(f"/bot{DEFAULT_TOKEN}/{method}", **kwargs) as response:
        return response.status, await response.json()


async def test_json_form_multipart_and_query_encodings(http: aiohttp.ClientSession) -> None:
    user = await control(http, "users", first_name="Zhang")
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    status, body = await bot_api(
        http, "sendMessage", json={"chat_id": user["id"], "text": "json", "reply_markup": markup}
    )
    assert (status, body["result"]["reply_markup"]) == (200, markup)
    form = {"chat_id": str(user["id"]), "text": "form", "reply_markup": json.dumps(markup)}
    status, body = await bot_api(http, "sendMessage", data=form)
    assert (status, body["result"]["text"]) == (200, "form")
    parts = aiohttp.FormData()
    parts.add_field("chat_id", str(user["id"]))
    parts.add_field("document", b"bytes", filename="note.txt", content_type="text/plain")
    status, body = await bot_api(http, "sendDocument", data=parts)
    assert (status, body["result"]["document"]["file_name"]) == (200, "note.txt")
    async with http.get(f"/bot{DEFAULT_TOKEN}/getMe") as response:
        assert (await response.json())["result"]["username"] == "zhibao123456_bot"


async def test_error_envelopes(http: aiohttp.ClientSession) -> None:
    status, body = await bot_api(http, "noSuchMethod", json={})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    async with http.post("/bot1:wrong/getMe") as response:
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    status, body = await bot_api(
        http, "sendMessage", data=b"{broken", headers={"Content-Type": "application/json"}
    )
    assert (status, body["description"]) == (400, "Bad Request: can't parse JSON object")


async def test_control_api_drives_a_conversation(http: aiohttp.ClientSession) -> None:
    user = await control(http, "users", first_name="Chen", language_code="zh-hans")
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    await control(http, "messages", user_id=user["id"], text="/start")
    _, body = await bot_api(
        http, "sendMessage", json={"chat_id": user["id"], "text": "hi", "reply_markup": markup}
    )
    sent = await control(http, "wait", chat_id=user["id"], count=1, timeout=1)
    assert sent[0]["text"] == "hi" and sent[0]["reply_markup"] == markup
    press = await control(
        http, "presses", chat_id=user["id"], message_id=sent[0]["message_id"], data="ok"
    )
    _, body = await bot_api(
        http,
        "answerCallbackQuery",
        json={"callback_query_id": press["callback_query_id"], "text": "done"},
    )
    assert body == {"ok": True, "result": True}
    answer = await control(http, "callback_answer", callback_query_id=press["callback_query_id"])
    assert answer == {"text": "done"}
    history = await control(http, "history", chat_id=user["id"])
    assert [m["outgoing"] for m in history] == [False, True]
    updates = await control(http, "updates")
    assert [next(k for k in u if k != "update_id") for u in updates] == [
        "message",
        "callback_query",
    ]


async def test_control_api_files_groups_and_switches(http: aiohttp.ClientSession) -> None:
    user = await control(http, "users")
    encoded = base64.b64encode(b"%PDF").decode()
    doc = await control(
        http, "documents", user_id=user["id"], data_base64=encoded, file_name="a.pdf"
    )
    _, file = await bot_api(http, "getFile", json={"file_id": doc["document"]["file_id"]})
    async with http.get(f"/file/bot{DEFAULT_TOKEN}/{file['result']['file_path']}") as response:
        assert await response.read() == b"%PDF"
    group = await control(http, "groups", title="群", members=[user["id"]])
    assert await control(http, "group_bots", group_id=group["id"], by=user["id"]) is True
    assert await control(http, "flood", enabled=True) is True
    await bot_api(http, "sendMessage", json={"chat_id": user["id"], "text": "1"})
    status, body = await bot_api(http, "sendMessage", json={"chat_id": user["id"], "text": "2"})
    assert (status, body["parameters"]) == (429, {"retry_after": 1})
    assert await control(http, "reset") is True
    assert await control(http, "updates") == []


async def test_control_api_refuses_nonsense(http: aiohttp.ClientSession) -> None:
    async with http.post("/control/messages", json={"user_id": 1, "text": "x"}) as response:
        assert response.status == 400
        assert (await response.json())["ok"] is False
    async with http.post("/control/teleport", json={}) as response:
        assert response.status == 404

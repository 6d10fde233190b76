"""The playground's HTTP server: the page, its files, the control passthrough and /api/."""

from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest_asyncio

from sandbox.playground import PlaygroundServer
from sandbox.playground.server import STATIC_DIR
from sandbox.telegram import DEFAULT_TOKEN, Sandbox

CLOCK = {"now": "2026-11-23T10:00:00+08:00", "shown": "2026-11-23 10:00 周一", "offset_seconds": 0}
ISSUE = {
    "code": "ZB-0001",
    "state": "claimed",
    "text": "停电三天",
    "clocks": [{"name": "reply", "due_at": "2026-11-26T10:00:00+08:00", "status": "running"}],
    "timeline": [{"at": "2026-11-23T10:00:00+08:00", "kind": "filed", "actor": "王经理"}],
}


class FakeHooks:
    """What the bot side provides, with time travel that only counts."""

    def __init__(self) -> None:
        self.offset = 0
        self.broken = False

    async def personas(self) -> dict[str, Any]:
        if self.broken:
            raise RuntimeError("the bot is down")
        person: dict[str, Any] = {"key": "enterprise", "role_zh": "企业", "role_en": "Enterprise"}
        person |= {"name": "王经理", "user_id": 1001, "chat_id": 1001, "language": "zh"}
        group = {"key": "group", "chat_id": -100123, "title": "高端铝业专班", "speaker": 2001}
        return {"personas": [person], "group": group}

    async def clock(self) -> dict[str, Any]:
        return {**CLOCK, "offset_seconds": self.offset}

    async def travel(self, step: str) -> dict[str, Any]:
        if step == "deadline":
            raise ValueError("no deadline ahead")
        self.offset += {"hour": 3600, "workday": 86400}[step]
        return await self.clock()

    async def issues(self) -> list[dict[str, Any]]:
        return [{"code": "ZB-0001", "state": "claimed", "enterprise": "铝业", "next_due": None}]

    async def issue(self, code: str) -> dict[str, Any] | None:
        return ISSUE if code == ISSUE["code"] else None


@pytest_asyncio.fixture
async def hooks() -> FakeHooks:
    """Fake bot-side hooks."""
    return FakeHooks()


@pytest_asyncio.fixture
async def page(sandbox: Sandbox, hooks: FakeHooks) -> AsyncIterator[aiohttp.ClientSession]:
    """A client on a playground server listening on a free port."""
    server = PlaygroundServer(sandbox, hooks)
    base = await server.start(port=0)
    async with aiohttp.ClientSession(base_url=base) as session:
        yield session
    await server.stop()


async def fetch(http: aiohttp.ClientSession, path: str, body: Any = None) -> tuple[int, Any]:
    """GET (or POST JSON when a body is given): the status and the decoded answer."""
    method = "GET" if body is None else "POST"
    async with http.request(method, path, json=body) as response:
        assert response.content_type == "application/json"
        return response.status, await response.json()


async def test_page_and_its_files_are_served_with_their_types(
    page: aiohttp.ClientSession,
) -> None:
    async with page.get("/") as response:
        assert (response.status, response.content_type) == (200, "text/html")
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        html = await response.text()
    assert 'data-testid="travel-deadline"' in html
    scripts = {p.name for p in STATIC_DIR.glob("*.js")}
    imported = set(
        re.findall(
            r'from "\./([\w-]+\.js)"',
            "".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in scripts),
        )
    )
    assert imported <= scripts and "app.js" in scripts
    wanted = {"style.css": "text/css", "favicon.svg": "image/svg+xml"}
    wanted |= {name: "text/javascript" for name in scripts}
    for name, content_type in wanted.items():
        async with page.get(f"/static/{name}") as response:
            assert (response.status, response.content_type) == (200, content_type), name
    async with page.get("/favicon.ico") as response:
        assert response.content_type == "image/svg+xml"
    for missing in ("/static/nothing.js", "/static/..%2Fserver.py", "/static/.hidden.css"):
        async with page.get(missing) as response:
            assert response.status == 404, missing


def test_the_page_draws_its_icons_without_an_emoji_font() -> None:
    # A browser without an emoji font draws a missing-glyph box for 📎 (issue 12).
    emoji = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
    for path in STATIC_DIR.iterdir():
        if path.suffix in (".js", ".html", ".css"):
            code = "\n".join(
                line
                for line in path.read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith("//")  # a comment may name the glyph
            )
            assert not emoji.findall(code), f"{path.name} shows {emoji.findall(code)}"
    pane = (STATIC_DIR / "pane.js").read_text(encoding="utf-8")
    assert 'icon("attach")' in pane


def test_the_page_has_every_word_in_both_languages() -> None:
    words = (STATIC_DIR / "i18n.js").read_text(encoding="utf-8")
    zh, en = words.split("\n  en: {\n", 1)
    keys = [set(re.findall(r"^    (\w+): ", part, re.M)) for part in (zh, en.split("\n};")[0])]
    assert keys[0] == keys[1] and {"hint_enterprise", "waitUntil", "overdue"} <= keys[0]
    assert '"输入 /new 反映问题' in zh and '"Type /new to report a problem' in en


async def test_api_answers_from_the_hooks(page: aiohttp.ClientSession, hooks: FakeHooks) -> None:
    status, body = await fetch(page, "/api/personas")
    assert (status, body["result"]["group"]["speaker"]) == (200, 2001)
    assert await fetch(page, "/api/clock") == (200, {"ok": True, "result": CLOCK})
    status, body = await fetch(page, "/api/clock", {"step": "workday"})
    assert (status, body["result"]["offset_seconds"]) == (200, 86400)
    status, body = await fetch(page, "/api/issues")
    assert (status, body["result"][0]["code"]) == (200, "ZB-0001")
    assert await fetch(page, "/api/issues/ZB-0001") == (200, {"ok": True, "result": ISSUE})
    status, body = await fetch(page, "/api/users")
    assert {"id": 123456, "name": "Zhibao", "is_bot": True} in body["result"]


async def test_api_errors_are_json(page: aiohttp.ClientSession, hooks: FakeHooks) -> None:
    for bad in ({"step": "year"}, {}, ["hour"]):
        status, body = await fetch(page, "/api/clock", bad)
        assert (status, body["ok"]) == (400, False)
        assert "hour, workday, deadline" in body["error"]
    assert await fetch(page, "/api/clock", {"step": "deadline"}) == (
        400,
        {"ok": False, "error": "no deadline ahead"},
    )
    async with page.post("/api/clock", data=b"{not json") as response:
        assert response.status == 400
    assert await fetch(page, "/api/issues/ZB-9999") == (
        404,
        {"ok": False, "error": "no issue ZB-9999"},
    )
    status, body = await fetch(page, "/api/nothing")
    assert (status, body["ok"]) == (404, False)
    hooks.broken = True
    assert await fetch(page, "/api/personas") == (500, {"ok": False, "error": "internal error"})


async def test_control_api_passes_through(page: aiohttp.ClientSession, sandbox: Sandbox) -> None:
    status, body = await fetch(page, "/control/users", {"user_id": 1001, "first_name": "王"})
    assert (status, body["result"]["id"]) == (200, 1001)
    status, body = await fetch(page, "/control/messages", {"user_id": 1001, "text": "/start"})
    assert status == 200
    markup = {"inline_keyboard": [[{"text": "签收", "callback_data": "claim:1"}]]}
    await sandbox.call(
        "sendMessage",
        {"chat_id": 1001, "text": "<b>hi</b>", "parse_mode": "HTML", "reply_markup": markup},
    )
    status, body = await fetch(page, "/control/history?chat_id=1001")
    assert [m["outgoing"] for m in body["result"]] == [False, True]
    assert body["result"][1]["entities"] == [{"type": "bold", "offset": 0, "length": 2}]
    press = {"chat_id": 1001, "message_id": 2, "data": "claim:1", "user_id": 1001}
    status, body = await fetch(page, "/control/presses", press)
    assert status == 200 and body["result"]["callback_query_id"]
    status, body = await fetch(page, "/control/presses", {**press, "data": "nope"})
    assert (status, body["ok"]) == (400, False)


async def test_files_people_sent_can_be_downloaded(
    page: aiohttp.ClientSession, sandbox: Sandbox
) -> None:
    sandbox.create_user(1001, "王")
    upload = {"user_id": 1001, "file_name": "报告.pdf", "mime_type": "application/pdf"}
    upload["data_base64"] = base64.b64encode(b"%PDF-1.4").decode()
    status, body = await fetch(page, "/control/documents", upload)
    file_id = body["result"]["document"]["file_id"]
    async with page.get(f"/files/{file_id}") as response:
        assert (response.status, response.content_type) == (200, "application/pdf")
        assert "attachment" in response.headers["Content-Disposition"]
        assert await response.read() == b"%PDF-1.4"
    photo = {"user_id": 1001, "data_base64": base64.b64encode(b"\xff\xd8jpeg").decode()}
    status, body = await fetch(page, "/control/photos", photo)
    small = body["result"]["photo"][0]["file_id"]
    async with page.get(f"/files/{small}") as response:
        assert (response.content_type, await response.read()) == ("image/jpeg", b"\xff\xd8jpeg")
    # The sandbox's raw download route is not served here: it would show uploads inline.
    path = sandbox.files.get(file_id).file_path  # type: ignore[union-attr]
    async with page.get(f"/file/bot{DEFAULT_TOKEN}/{path}") as response:
        assert response.status == 404
    status, body = await fetch(page, "/files/unknown")
    assert (status, body) == (404, {"ok": False, "error": "no such file"})


async def test_port_zero_start_twice_and_stop_leave_the_sandbox(
    sandbox: Sandbox, hooks: FakeHooks
) -> None:
    server = PlaygroundServer(sandbox, hooks)
    base = await server.start(port=0)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base) and not base.endswith(":0")
    assert await server.start(port=0) == base
    await server.stop()
    await server.stop()
    assert sandbox.create_user(1002).id == 1002


async def test_other_pages_and_hosts_are_refused(page: aiohttp.ClientSession) -> None:
    hostile = {"Origin": "http://evil.example"}
    body = {"user_id": 1001, "text": "hi"}
    async with page.post("/control/messages", json=body, headers=hostile) as response:
        assert response.status == 403
    async with page.post("/api/clock", json={"step": "hour"}, headers=hostile) as response:
        assert response.status == 403
    async with page.get("/control/reset") as response:
        assert response.status == 405, "a GET must not change anything"
    async with page.get("/api/personas", headers={"Host": "rebound.example:8080"}) as response:
        assert response.status == 403
    async with page.get("/control/history?chat_id=1001") as response:
        assert response.status in (200, 400), "reading by GET is still allowed"

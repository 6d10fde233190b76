"""The WeCom emulator over HTTP, and its pusher: callbacks encrypted, signed and retried."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from handlers.wecom.crypto import WeComCrypto
from handlers.wecom.inbound import outer_encrypt, parse_xml
from sandbox.wecom import (
    DEFAULT_AES_KEY,
    DEFAULT_CORP_ID,
    DEFAULT_TOKEN,
    WeComSandbox,
    WeComSandboxServer,
)
from tests.sandbox.conftest import FrozenClock

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60


@pytest.fixture
def wecom(clock: FrozenClock) -> WeComSandbox:
    """An emulator with two members."""
    world = WeComSandbox(clock=clock)
    for userid in ("ZhaoZhuanYuan", "SunZuZhang"):
        world.add_member(userid)
    return world


class Callback:
    """A bot's callback endpoint that answers as told: statuses in turn, or late."""

    def __init__(self, answers: list[int | float]) -> None:
        self.answers = answers
        self.requests: list[tuple[dict[str, str], bytes]] = []

    async def echo(self, request: web.Request) -> web.Response:
        q = request.query
        crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
        crypto.check(q["msg_signature"], q["timestamp"], q["nonce"], q["echostr"])
        return web.Response(text=crypto.decrypt(q["echostr"]))

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((dict(request.query), await request.read()))
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, float):
            await asyncio.sleep(answer)
            return web.Response(text="success")
        return web.Response(status=answer, text="")


@pytest_asyncio.fixture
async def served(wecom: WeComSandbox) -> AsyncIterator[tuple[WeComSandboxServer, Callback]]:
    """The emulator over HTTP, pushing to a callback endpoint on loopback."""
    endpoint = Callback([])
    app = web.Application()
    app.router.add_post("/wecom/callback", endpoint.handle)
    app.router.add_get("/wecom/callback", endpoint.echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/wecom/callback"
    wecom.configure_callback(url=url, timeout=0.1, retry_delay=0.01)
    server = WeComSandboxServer(wecom)
    await server.start()
    yield server, endpoint
    await server.stop()
    await runner.cleanup()


async def test_pushes_are_encrypted_and_signed(
    served: tuple[WeComSandboxServer, Callback],
) -> None:
    server, endpoint = served
    push = server.sandbox.send_text("ZhaoZhuanYuan", "园区变电站迟迟没有送电")
    assert (await server.sandbox.wait_push(push, 5)).outcome == "delivered"
    query, body = endpoint.requests[0]
    encrypt, to_user = outer_encrypt(body)
    crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
    crypto.check(query["msg_signature"], query["timestamp"], query["nonce"], encrypt)
    fields = parse_xml(crypto.decrypt(encrypt))
    assert to_user == DEFAULT_CORP_ID and fields["Content"] == "园区变电站迟迟没有送电"
    assert fields["MsgType"] == "text" and fields["FromUserName"] == "ZhaoZhuanYuan"
    assert fields["MsgId"].isdigit() and fields["AgentID"] == "1000002"


async def test_pushes_retry_like_wecom(served: tuple[WeComSandboxServer, Callback]) -> None:
    server, endpoint = served
    endpoint.answers[:] = [500, 0.3, 200]
    push = await server.sandbox.wait_push(server.sandbox.follow("SunZuZhang"), 5)
    assert push.outcome == "delivered"
    assert [a.status for a in push.attempts] == [500, None, 200]
    assert len({body for _, body in endpoint.requests}) == 1  # the same request each time
    endpoint.answers[:] = [502, 502, 502, 200]
    failed = await server.sandbox.wait_push(server.sandbox.send_text("SunZuZhang", "hi"), 5)
    assert failed.outcome == "failed" and len(failed.attempts) == 3
    assert server.sandbox.read_stats()["pushes"] == {"delivered": 1, "failed": 1, "attempts": 6}


async def test_over_http(served: tuple[WeComSandboxServer, Callback]) -> None:
    server, _ = served
    async with aiohttp.ClientSession(base_url=server.base_url) as http:
        async with http.get("/cgi-bin/message/send", params={"access_token": "x"}) as refused:
            assert refused.status == 200 and (await refused.json())["errcode"] == 40014
        token = server.sandbox.new_token()[0]
        form = aiohttp.FormData()
        form.add_field("media", JPEG, filename="现场.jpg", content_type="image/jpeg")
        params = {"access_token": token, "type": "image"}
        async with http.post("/cgi-bin/media/upload", params=params, data=form) as uploaded:
            media_id = (await uploaded.json())["media_id"]
        params = {"access_token": token, "media_id": media_id}
        async with http.get("/cgi-bin/media/get", params=params) as got:
            assert await got.read() == JPEG
        server.sandbox.inject_fault(status=502)
        async with http.post("/cgi-bin/message/send", params={"access_token": token}) as bad:
            assert bad.status == 502
        async with http.post("/control/clicks", json={"userid": "x"}) as control:
            assert control.status == 400 and not (await control.json())["ok"]
        body = {"userid": "SunZuZhang", "text": "你好", "wait": 5}
        async with http.post("/control/messages", json=body) as pushed:
            assert (await pushed.json())["result"]["outcome"] == "delivered"


async def test_url_verification(served: tuple[WeComSandboxServer, Callback]) -> None:
    server, _ = served
    assert await server.sandbox.pusher.verify() == {"ok": True, "status": 200, "error": None}
    server.sandbox.configure_callback(token="another-token")
    assert (await server.sandbox.pusher.verify())["ok"] is False

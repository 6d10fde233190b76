"""The WeCom API client against the emulator: the token, busy answers, errors and media."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from handlers.wecom.api import WeComClient, WeComError, WeComUnreachable
from sandbox.wecom import DEFAULT_AGENT_ID, DEFAULT_CORP_ID, DEFAULT_SECRET, WeComSandboxServer

FAST = (0.001, 0.001, 0.001)
SEND = "/cgi-bin/message/send"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40


def text(touser: str = "ZhaoZhuanYuan") -> dict[str, object]:
    return {
        "touser": touser,
        "agentid": DEFAULT_AGENT_ID,
        "msgtype": "text",
        "text": {"content": "你好"},
    }


@pytest_asyncio.fixture
async def server() -> AsyncIterator[WeComSandboxServer]:
    """The emulator on loopback with one member."""
    running = WeComSandboxServer()
    running.sandbox.add_member("ZhaoZhuanYuan", "赵专员")
    await running.start()
    yield running
    await running.stop()


@pytest_asyncio.fixture
async def client(server: WeComSandboxServer) -> AsyncIterator[WeComClient]:
    """A client of the emulator's app with a fast back-off."""
    made = WeComClient(server.base_url, DEFAULT_CORP_ID, DEFAULT_SECRET, backoff=FAST)
    yield made
    await made.close()


def calls(server: WeComSandboxServer, path: str) -> int:
    return int(server.sandbox.read_stats()["calls"].get(path, 0))


async def test_the_token_is_fetched_once(server: WeComSandboxServer, client: WeComClient) -> None:
    for _ in range(3):
        answer = await client.call(SEND, text())
        assert answer["errcode"] == 0 and answer["msgid"]
    assert calls(server, "gettoken") == 1


async def test_an_expired_token_is_fetched_again(
    server: WeComSandboxServer, client: WeComClient
) -> None:
    await client.call(SEND, text())
    server.sandbox.expire_tokens()
    assert (await client.call(SEND, text()))["errcode"] == 0
    server.sandbox.inject_fault(40014)
    assert (await client.call(SEND, text()))["errcode"] == 0
    assert calls(server, "gettoken") == 3
    assert len(server.sandbox.read_received("ZhaoZhuanYuan")) == 3


async def test_a_token_refused_twice_is_an_error(
    server: WeComSandboxServer, client: WeComClient
) -> None:
    server.sandbox.inject_fault(42001, count=2)
    with pytest.raises(WeComError) as caught:
        await client.call(SEND, text())
    assert caught.value.errcode == 42001


@pytest.mark.parametrize("errcode", [45009, 45033, -1])
async def test_busy_answers_are_retried(
    server: WeComSandboxServer, client: WeComClient, errcode: int
) -> None:
    server.sandbox.inject_fault(errcode, count=3)
    assert (await client.call(SEND, text()))["errcode"] == 0
    server.sandbox.inject_fault(errcode, count=4)
    with pytest.raises(WeComError) as caught:
        await client.call(SEND, text())
    assert caught.value.errcode == errcode
    assert calls(server, "message/send") == 8


async def test_other_errors_are_raised_with_the_answer(client: WeComClient) -> None:
    with pytest.raises(WeComError) as caught:
        await client.call(SEND, text("Ghost"))
    assert caught.value.errcode == 81013
    assert caught.value.answer["invaliduser"] == "ghost"


async def test_a_wrong_secret_is_refused_and_never_shown(server: WeComSandboxServer) -> None:
    secret = "a-secret-that-must-not-show"
    wrong = WeComClient(server.base_url, DEFAULT_CORP_ID, secret, backoff=FAST)
    try:
        with pytest.raises(WeComError) as caught:
            await wrong.call(SEND, text())
        assert caught.value.errcode == 40001
        assert secret not in str(caught.value) and secret not in repr(wrong)
    finally:
        await wrong.close()


async def test_http_failures_are_unreachable(
    server: WeComSandboxServer, client: WeComClient
) -> None:
    server.sandbox.inject_fault(status=502)
    with pytest.raises(WeComUnreachable) as caught:
        await client.call(SEND, text())
    token = await client.token()
    assert "502" in str(caught.value) and token not in str(caught.value)
    gone = WeComClient("http://127.0.0.1:9", DEFAULT_CORP_ID, DEFAULT_SECRET)
    try:
        with pytest.raises(WeComUnreachable):
            await gone.token()
    finally:
        await gone.close()


async def test_get_calls_and_query_paths(client: WeComClient) -> None:
    body = {"userlist": ["ZhaoZhuanYuan", "ZhaoZhuanYuan"], "name": "x"}
    with pytest.raises(WeComError) as caught:
        await client.call("/cgi-bin/appchat/create", body)
    assert caught.value.errcode == 86006
    with pytest.raises(WeComError) as missing:
        await client.call("/cgi-bin/appchat/get?chatid=nope", method="GET")
    assert missing.value.errcode == 86003


async def test_media_up_and_down(client: WeComClient) -> None:
    image = await client.upload("image", "现场.png", PNG)
    assert await client.download(image) == PNG
    document = await client.upload("file", "供电答复函.pdf", b"%PDF-1.4 ...")
    assert await client.download(document) == b"%PDF-1.4 ..."
    with pytest.raises(WeComError) as refused:
        await client.upload("image", "not.png", b"plain text, not an image")
    assert refused.value.errcode == 40004
    with pytest.raises(WeComError) as gone:
        await client.download("no-such-media")
    assert gone.value.errcode == 40007

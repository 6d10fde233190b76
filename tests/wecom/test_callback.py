"""The callback URL on loopback: verification, storing once, and refusing forgeries."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field

import aiohttp
import pytest
from yarl import URL

from handlers.wecom.callback import CallbackReceiver
from handlers.wecom.crypto import WeComCrypto
from tests.wecom.vectors import SET_B

NOW = 1476422779.0  # set B's POST; its GET was signed 6406 s before


@dataclass
class Inbox:
    """The durable inbox's stand-in: keeps each key once, like the real insert."""

    entries: dict[str, Mapping[str, str]] = field(default_factory=dict)
    wakes: int = 0
    failing: bool = False
    # Set once the work a wake starts has finished; the answer must not wait for it.
    work_done: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def store(self, key: str, fields: Mapping[str, str]) -> bool:
        if self.failing:
            raise ConnectionError("the database went away")
        if key in self.entries:
            return False
        self.entries[key] = dict(fields)
        # As the channel submits a fresh callback to the runner: handled after the answer.
        self.wakes += 1
        self.tasks.append(asyncio.create_task(self._work()))
        return True

    async def _work(self) -> None:
        await self.release.wait()
        self.work_done.set()


@dataclass
class Hook:
    """A running receiver and a client to call it as WeCom would."""

    base: str
    inbox: Inbox
    crypto: WeComCrypto
    session: aiohttp.ClientSession
    clock: list[float]

    async def get(self, query: str) -> tuple[int, str, str]:
        url = URL(f"{self.base}/wecom/callback?{query}", encoded=True)
        async with self.session.get(url) as response:
            return response.status, await response.text(), response.content_type

    async def post(
        self, body: bytes, params: Mapping[str, str], path: str = "/wecom/callback"
    ) -> tuple[int, str]:
        async with self.session.post(self.base + path, params=params, data=body) as response:
            return response.status, await response.text()

    def signed(
        self, plaintext: str, timestamp: str = str(int(NOW))
    ) -> tuple[bytes, dict[str, str]]:
        """A POST as WeCom builds it for plaintext, signed now."""
        encrypt = self.crypto.encrypt(plaintext)
        return envelope(encrypt), signature_params(self.crypto, timestamp, "5150", encrypt)


def envelope(encrypt: str) -> bytes:
    return (
        f"<xml><ToUserName><![CDATA[{SET_B.corp_id}]]></ToUserName>"
        f"<Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"
    ).encode()


def signature_params(
    crypto: WeComCrypto, timestamp: str, nonce: str, encrypt: str
) -> dict[str, str]:
    signature = crypto.sign(timestamp, nonce, encrypt)
    return {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}


def text_message(msg_id: str, content: str = "你好") -> str:
    return (
        f"<xml><ToUserName>{SET_B.corp_id}</ToUserName><FromUserName>ZhaoLei</FromUserName>"
        f"<CreateTime>{int(NOW)}</CreateTime><MsgType>text</MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId>"
        "<AgentID>1000002</AgentID></xml>"
    )


@pytest.fixture
async def hook() -> AsyncIterator[Hook]:
    crypto = WeComCrypto(SET_B.token, SET_B.encoding_aes_key, SET_B.corp_id)
    inbox, clock = Inbox(), [NOW]
    receiver = CallbackReceiver(crypto, inbox.store, wall_clock=lambda: clock[0])
    port = await receiver.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as session:
            yield Hook(f"http://127.0.0.1:{port}", inbox, crypto, session, clock)
    finally:
        inbox.release.set()
        await asyncio.gather(*inbox.tasks)
        await receiver.stop()


def get_query(echostr: str) -> str:
    get = SET_B.get
    return (
        f"msg_signature={get.msg_signature}&timestamp={get.timestamp}&nonce={get.nonce}"
        f"&echostr={echostr}"
    )


async def test_url_verification_answers_the_decrypted_echostr(hook: Hook) -> None:
    hook.clock[0] = float(SET_B.get.timestamp)
    escaped = SET_B.get.encrypt.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    assert await hook.get(get_query(escaped)) == (200, SET_B.get.plaintext, "text/plain")
    # A "+" left unescaped arrives as a space; base64 has none, so it is read back as "+".
    assert (await hook.get(get_query(SET_B.get.encrypt)))[:2] == (200, SET_B.get.plaintext)
    assert hook.inbox.entries == {} and hook.inbox.wakes == 0


async def test_verification_with_a_forged_signature_or_no_echostr_is_refused(hook: Hook) -> None:
    hook.clock[0] = float(SET_B.get.timestamp)
    forged = get_query(SET_B.get.encrypt).replace(SET_B.get.msg_signature, "0" * 40)
    assert (await hook.get(forged))[0] == 403
    assert (await hook.get(get_query("")))[0] == 403  # the signature was over the echostr
    assert (await hook.get("echostr=abc"))[0] == 403


async def test_the_official_post_is_stored_once_across_wecoms_retries(hook: Hook) -> None:
    post = SET_B.post
    params = {
        "msg_signature": post.msg_signature,
        "timestamp": post.timestamp,
        "nonce": post.nonce,
    }
    for _ in range(3):
        assert await hook.post(envelope(post.encrypt), params) == (200, "")
    assert list(hook.inbox.entries) == ["m:1456453720"]
    assert hook.inbox.entries["m:1456453720"]["Content"] == "你好"
    assert hook.inbox.wakes == 1


async def test_the_answer_comes_before_the_woken_work_finishes(hook: Hook) -> None:
    body, params = hook.signed(text_message("88001"))
    assert await hook.post(body, params) == (200, "")
    assert hook.inbox.wakes == 1 and not hook.inbox.work_done.is_set()
    hook.inbox.release.set()
    await asyncio.wait_for(hook.inbox.work_done.wait(), 5)


async def test_a_card_click_is_stored_under_its_event_key(hook: Hook) -> None:
    click = (
        f"<xml><ToUserName>{SET_B.corp_id}</ToUserName><FromUserName>ZhaoLei</FromUserName>"
        f"<CreateTime>{int(NOW)}</CreateTime><MsgType>event</MsgType>"
        "<Event>template_card_event</Event><EventKey>claim:42</EventKey><TaskId>t-42</TaskId>"
        "<CardType>button_interaction</CardType><ResponseCode>rc</ResponseCode></xml>"
    )
    body, params = hook.signed(click)
    assert await hook.post(body, params) == (200, "")
    assert list(hook.inbox.entries) == [f"e:ZhaoLei:{int(NOW)}:template_card_event:claim:42:t-42"]


@pytest.mark.parametrize(
    "change",
    ["signature", "nonce", "timestamp", "missing", "body"],
)
async def test_a_forged_request_is_refused_and_stores_nothing(hook: Hook, change: str) -> None:
    body, params = hook.signed(text_message("88002"))
    if change == "signature":
        params["msg_signature"] = "0" * 40
    elif change == "nonce":
        params["nonce"] = "5151"
    elif change == "timestamp":
        params["timestamp"] = str(int(NOW) + 1)
    elif change == "missing":
        del params["msg_signature"]
    else:
        body = hook.signed(text_message("88003"))[0]
    assert await hook.post(body, params) == (403, "forbidden")
    assert hook.inbox.entries == {} and hook.inbox.wakes == 0


async def test_a_message_for_another_corp_is_refused(hook: Hook) -> None:
    stranger = WeComCrypto(SET_B.token, SET_B.encoding_aes_key, "ww0000000000000000")
    encrypt = stranger.encrypt(text_message("88004"))
    params = signature_params(hook.crypto, str(int(NOW)), "1", encrypt)
    assert (await hook.post(envelope(encrypt), params))[0] == 403
    assert hook.inbox.entries == {}


@pytest.mark.parametrize("skew", [-301.0, 301.0, -86400.0])
async def test_a_replayed_old_or_future_request_is_refused(hook: Hook, skew: float) -> None:
    body, params = hook.signed(text_message("88005"))
    hook.clock[0] = NOW - skew
    assert (await hook.post(body, params))[0] == 403
    hook.clock[0] = NOW - 299.0 if skew < 0 else NOW + 299.0
    assert (await hook.post(body, params))[0] == 200
    assert list(hook.inbox.entries) == ["m:88005"]


@pytest.mark.parametrize(
    "body",
    [b"", b"garbage", b"<xml><Encrypt>", b"<xml><ToUserName>x</ToUserName></xml>", b"\xff"],
)
async def test_a_garbage_body_is_a_bad_request(hook: Hook, body: bytes) -> None:
    params = signature_params(hook.crypto, str(int(NOW)), "1", "x")
    assert (await hook.post(body, params))[0] == 400
    assert hook.inbox.entries == {}


@pytest.mark.parametrize(
    "plaintext",
    [
        "not xml at all",
        "<xml><Content>no kind</Content></xml>",
        '<!DOCTYPE x [<!ENTITY a "b">]><xml/>',
    ],
)
async def test_a_signed_body_with_garbage_inside_is_a_bad_request(
    hook: Hook, plaintext: str
) -> None:
    body, params = hook.signed(plaintext)
    assert (await hook.post(body, params))[0] == 400
    assert hook.inbox.entries == {}


async def test_a_body_over_a_megabyte_is_too_large(hook: Hook) -> None:
    body, params = hook.signed(text_message("88006"))
    padded = body.replace(b"</xml>", b"<Pad>" + b"x" * (1024 * 1024) + b"</Pad></xml>")
    assert (await hook.post(padded, params))[0] == 413
    assert hook.inbox.entries == {}


async def test_a_failed_store_is_not_acknowledged_so_wecom_retries(hook: Hook) -> None:
    body, params = hook.signed(text_message("88007"))
    hook.inbox.failing = True
    assert (await hook.post(body, params))[0] == 503
    hook.inbox.failing = False
    assert await hook.post(body, params) == (200, "")
    assert list(hook.inbox.entries) == ["m:88007"]


async def test_only_the_callback_path_is_served(hook: Hook) -> None:
    body, params = hook.signed(text_message("88008"))
    assert (await hook.post(body, params, path="/healthz"))[0] == 404
    assert (await hook.post(body, params, path="/wecom/callback/x"))[0] == 404
    assert hook.inbox.entries == {}


async def test_refusals_log_one_line_without_secrets(
    hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    body, params = hook.signed(text_message("88009"))
    forged = {**params, "msg_signature": "f" * 40}
    with caplog.at_level(logging.INFO, logger="handlers.wecom.callback"):
        assert (await hook.post(body, forged))[0] == 403
    lines = [r.getMessage() for r in caplog.records if r.name == "handlers.wecom.callback"]
    assert len(lines) == 1 and "signature does not match" in lines[0]
    for secret in (SET_B.token, SET_B.encoding_aes_key, params["msg_signature"], "f" * 40):
        assert secret not in caplog.text

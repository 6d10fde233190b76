"""The WeCom messenger against the emulator: texts, cards, updates, errors, limits, files."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.dialogs.events import Button, Reply
from bot.dialogs.notices import DeliveryError
from bot.domain.model import Attachment
from handlers.wecom.api import WeComClient
from handlers.wecom.limiter import MemberLimiter
from handlers.wecom.messenger import WeComMessenger
from sandbox.wecom import DEFAULT_AGENT_ID, DEFAULT_CORP_ID, DEFAULT_SECRET, WeComSandboxServer
from tests.sandbox.conftest import FrozenClock

OFFICER = "ZhaoZhuanYuan"
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60
CLAIM = (Button("签收", "claim:1"), Button("详情", "details:1"))
CARD = "ZB-2026-000001 · 待签收 · 紧急\n企业：宏达铝业"


class Setup:
    """The emulator, a messenger of its app, and the clock both run on."""

    def __init__(self, server: WeComSandboxServer, clock: FrozenClock) -> None:
        self.server, self.sandbox, self.clock = server, server.sandbox, clock
        self.client = WeComClient(
            server.base_url, DEFAULT_CORP_ID, DEFAULT_SECRET, backoff=(0.001,) * 3
        )

        async def sleep(seconds: float) -> None:
            clock.advance(seconds)  # the limiter's waits pass on the emulator's clock

        self.limiter = MemberLimiter(clock=clock, sleep=sleep)
        self.messenger = WeComMessenger(self.client, DEFAULT_AGENT_ID, self.limiter)

    def received(self, userid: str = OFFICER) -> list[dict[str, object]]:
        return [message.to_control() for message in self.sandbox.read_received(userid)]


@pytest_asyncio.fixture
async def setup() -> AsyncIterator[Setup]:
    clock = FrozenClock()
    server = WeComSandboxServer(clock=clock)
    server.sandbox.add_member(OFFICER, "赵专员")
    server.sandbox.add_member("SunZuZhang", "孙组长")
    await server.start()
    made = Setup(server, clock)
    yield made
    await made.client.close()
    await server.stop()


async def test_long_text_is_split(setup: Setup) -> None:
    text = "\n".join(f"第{n}条：" + "园区变电站迟迟没有送电。" * 8 for n in range(40))
    ref = await setup.messenger.send(Reply(OFFICER, text))
    parts = [m["text"]["content"] for m in setup.received()]  # type: ignore[index]
    assert len(parts) > 1 and "\n".join(parts) == text
    assert ref == f"{OFFICER}:{setup.received()[-1]['msgid']}"
    assert setup.sandbox.read_stats()["truncated"] == 0


async def test_buttons_make_a_card(setup: Setup) -> None:
    ref = await setup.messenger.send(Reply(OFFICER, CARD, (CLAIM,)))
    chat, _, task_id = ref.rpartition(":")
    (card,) = setup.received()
    assert chat == OFFICER and card["task_id"] == task_id
    shown = card["template_card"]
    assert shown["main_title"] == {"title": "ZB-2026-000001 · 待签收 · 紧急"}  # type: ignore[index]
    assert setup.sandbox.read_card(task_id, OFFICER).button_keys() == ["claim:1", "details:1"]


async def test_more_than_six_buttons(setup: Setup) -> None:
    row = tuple(Button(f"专班{n}", f"team:{n}") for n in range(8))
    ref = await setup.messenger.send(Reply(OFFICER, "请选择专班", (row,)))
    cards = setup.received()
    assert [c["task_id"] for c in cards] == [ref.rpartition(":")[2] + s for s in ("", "-2")]
    keys = [
        k for c in cards for k in setup.sandbox.read_card(str(c["task_id"]), OFFICER).button_keys()
    ]
    assert keys == [f"team:{n}" for n in range(8)]


async def test_a_click_lets_the_card_be_updated(setup: Setup) -> None:
    task_id = (await setup.messenger.send(Reply(OFFICER, CARD, (CLAIM,)))).rpartition(":")[2]
    _, code = setup.sandbox.click(OFFICER, task_id, "claim:1")
    setup.messenger.note_click(task_id, OFFICER, code)
    signed = Reply(OFFICER, "已由 赵专员 签收", edit_message_id=task_id)
    assert await setup.messenger.send(signed) == f"{OFFICER}:{task_id}"
    copy = setup.sandbox.read_card(task_id, OFFICER)
    assert copy.replaced_name == "已由 赵专员 签收" and len(setup.received()) == 1
    assert setup.sandbox.codes[code].used


async def test_updates_use_the_send_code_then_clicks(setup: Setup) -> None:
    task_id = (await setup.messenger.send(Reply(OFFICER, CARD, (CLAIM,)))).rpartition(":")[2]
    details = ((Button("详情", "details:1"),),)
    edit = Reply(OFFICER, "ZB-2026-000001 · 已签收\n赵专员", details, edit_message_id=task_id)
    assert await setup.messenger.send(edit) == f"{OFFICER}:{task_id}"
    copy = setup.sandbox.read_card(task_id, OFFICER)
    assert copy.button_keys() == ["details:1"] and copy.updates == 1
    _, code = setup.sandbox.click(OFFICER, task_id, "details:1")
    setup.messenger.note_click(task_id, OFFICER.lower(), code)
    await setup.messenger.send(Reply(OFFICER, "已办结", edit_message_id=task_id))
    assert copy.replaced_name == "已办结" and copy.updates == 2
    assert len(setup.received()) == 1


async def test_a_used_code_means_a_new_card(setup: Setup) -> None:
    task_id = (await setup.messenger.send(Reply(OFFICER, CARD, (CLAIM,)))).rpartition(":")[2]
    await setup.messenger.send(Reply(OFFICER, "已签收", edit_message_id=task_id))
    again = Reply(OFFICER, CARD, (CLAIM,), edit_message_id=task_id)
    ref = await setup.messenger.send(again)
    assert ref != f"{OFFICER}:{task_id}" and len(setup.received()) == 2
    with pytest.raises(DeliveryError) as caught:
        await setup.messenger.send(
            Reply(OFFICER, CARD, (CLAIM,), edit_message_id=task_id, edit_only=True)
        )
    assert caught.value.permanent and len(setup.received()) == 2


async def test_a_code_wecom_refuses_means_a_new_card(setup: Setup) -> None:
    task_id = (await setup.messenger.send(Reply(OFFICER, CARD, (CLAIM,)))).rpartition(":")[2]
    setup.clock.advance(73 * 3600)
    await setup.messenger.send(Reply(OFFICER, "已签收", edit_message_id=task_id))
    assert setup.sandbox.read_card(task_id, OFFICER).replaced_name is None
    assert len(setup.received()) == 2


async def test_busy_wecom_is_retried_then_deferred(setup: Setup) -> None:
    setup.sandbox.inject_fault(45009, count=2)
    await setup.messenger.send(Reply(OFFICER, "通知"))
    setup.sandbox.inject_fault(45009, count=4)
    with pytest.raises(DeliveryError) as caught:
        await setup.messenger.send(Reply(OFFICER, "通知"))
    assert not caught.value.permanent and caught.value.retry_after == 60.0
    assert len(setup.received()) == 1


async def test_an_expired_token_is_renewed(setup: Setup) -> None:
    await setup.messenger.send(Reply(OFFICER, "一"))
    setup.sandbox.expire_tokens()
    await setup.messenger.send(Reply(OFFICER, "二"))
    assert setup.sandbox.read_stats()["calls"]["gettoken"] == 2 and len(setup.received()) == 2


async def test_unknown_members_and_gateways(setup: Setup) -> None:
    with pytest.raises(DeliveryError) as unknown:
        await setup.messenger.send(Reply("Ghost", "通知"))
    assert unknown.value.permanent
    setup.sandbox.inject_fault(60020)
    with pytest.raises(DeliveryError) as untrusted:
        await setup.messenger.send(Reply(OFFICER, "通知"))
    assert untrusted.value.permanent
    setup.sandbox.inject_fault(status=503)
    with pytest.raises(DeliveryError) as down:
        await setup.messenger.send(Reply(OFFICER, "通知"))
    assert not down.value.permanent and down.value.retry_after is None


async def test_the_limiter_keeps_a_member_under_wecom_limits(setup: Setup) -> None:
    start = setup.clock.now
    for n in range(70):
        await setup.messenger.send(Reply(OFFICER, f"第{n}条"))
    await setup.messenger.send(Reply("SunZuZhang", "别人不受影响"))
    stats = setup.sandbox.read_stats()
    assert stats["silent_drops"] == 0 and len(setup.received()) == 70
    assert setup.clock.now - start >= 120  # 28 a minute: the third minute had to come
    assert setup.limiter.count("SunZuZhang", 60) == 1


async def test_answers_count_without_waiting(setup: Setup) -> None:
    for _ in range(28):
        await setup.messenger.answer(Reply(OFFICER, "好"))
    assert setup.limiter.waited == 0 and setup.limiter.count(OFFICER, 60) == 28
    with pytest.raises(DeliveryError) as caught:
        await setup.messenger.answer(Reply(OFFICER, "太快了"))
    assert caught.value.retry_after is not None and 0 < caught.value.retry_after <= 61
    await setup.messenger.send(Reply(OFFICER, "通知"))
    assert setup.limiter.waited > 0 and setup.sandbox.read_stats()["silent_drops"] == 0


async def test_group_chats_take_text(setup: Setup) -> None:
    await setup.client.call(
        "/cgi-bin/appchat/create", {"userlist": [OFFICER, "SunZuZhang"], "chatid": "alu"}
    )
    ref = await setup.messenger.send(Reply("appchat:alu", "【新问题】ZB-2026-000001", (CLAIM,)))
    assert ref.startswith("appchat:alu:")
    (post,) = setup.sandbox.read_chat("alu")
    assert post.msgtype == "text" and post.content["content"] == "【新问题】ZB-2026-000001"
    with pytest.raises(DeliveryError) as caught:
        await setup.messenger.send(Reply("appchat:alu", "x", edit_message_id="m", edit_only=True))
    assert caught.value.permanent


async def test_files(setup: Setup) -> None:
    media_id = await setup.client.upload("image", "现场.jpg", JPEG)
    photo = Attachment("photo", f"wecom:{media_id}", "现场.jpg")
    await setup.messenger.send(Reply(OFFICER, "ZB-2026-000001 附件 1/2", file=photo))
    foreign = Attachment("photo", "telegram-file-id", "现场2.jpg")
    await setup.messenger.send(Reply(OFFICER, "", file=foreign))
    kinds = [m["msgtype"] for m in setup.received()]
    assert kinds == ["image", "text", "text"]
    assert setup.received()[-1]["text"] == {"content": "📎 现场2.jpg"}

    async def fetch(attachment: Attachment) -> bytes:
        return JPEG if attachment.name == "现场2.jpg" else b"not really a picture"

    setup.messenger.fetch_file = fetch
    await setup.messenger.send(Reply(OFFICER, "", file=foreign))
    await setup.messenger.send(Reply(OFFICER, "", file=Attachment("photo", "x", "odd.jpg")))
    assert [m["msgtype"] for m in setup.received()[3:]] == ["image", "file"]

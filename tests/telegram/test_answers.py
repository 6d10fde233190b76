"""A turn's answer against Telegram's failures: retried, skipped when refused, or kept in the
outbox for the dispatcher, in order; never lost, and within a bounded wait (§13)."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.dialogs.events import Answer, Reply
from bot.domain.notice import Notice, NoticeStatus
from bot.services import inbox
from bot.services.delivery import KEPT_ANSWER
from handlers.answering import AnswerPolicy, AnswerSender
from handlers.telegram.translate import CHANNEL
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, button, people

QUICK = AnswerPolicy(backoff=(0.05, 0.1, 0.2), patience=1.0)
KEY = "m:5001:7:1795652400"


def sender(loop: Loop, policy: AnswerPolicy = QUICK) -> AnswerSender:
    """An answer sender on the loop's messenger and outbox, with a quick back-off."""
    return AnswerSender(
        loop.runtime.messenger, loop.db.unit_of_work, lambda: loop.city.now, policy
    )


def three(texts: tuple[str, ...] = ("第一条", "第二条", "第三条")) -> Answer:
    """An answer of several replies to the member."""
    return Answer(replies=tuple(Reply(str(MEMBER), text) for text in texts))


async def kept(loop: Loop) -> list[Notice]:
    """The answers kept in the outbox, oldest first."""
    async with loop.db.unit_of_work().reading() as uow:
        return [n for n in await uow.notices.find() if n.template == KEPT_ANSWER]


def texts(loop: Loop) -> list[str]:
    """What the member has been sent, oldest first."""
    return [m.text or "" for m in bot_messages(loop, MEMBER)]


async def test_a_reply_that_keeps_failing_is_kept_and_the_dispatcher_sends_it(loop: Loop) -> None:
    people(loop)
    loop.runtime.answers.policy = QUICK
    loop.sandbox.inject_fault(500, 4, method="sendMessage", chat_id=MEMBER)
    sent = loop.sandbox.send_text(MEMBER, "/help")
    await loop.runtime.poll_once(0)
    assert texts(loop) == []
    (notice,) = await kept(loop)
    key = f"m:{MEMBER}:{sent.message_id}:{sent.date}"
    assert (notice.dedupe_key, notice.chat_id) == (f"answer:telegram:{key}:0:0", str(MEMBER))
    assert notice.status is NoticeStatus.QUEUED and notice.params["text"].startswith("可用功能")
    assert await inbox.pending_updates(loop.city.new_uow(), CHANNEL) == [], "the turn closed"
    await loop.dispatch()
    assert len(texts(loop)) == 1 and texts(loop)[0].startswith("可用功能")
    assert [n.status for n in await kept(loop)] == [NoticeStatus.SENT]
    assert loop.sandbox.read_stats()["faults_injected"] == 4


async def test_the_rest_of_an_answer_waits_behind_the_reply_that_failed_in_order(
    loop: Loop,
) -> None:
    people(loop)
    loop.sandbox.inject_fault(200, 1, method="sendMessage")  # the first reply goes
    loop.sandbox.inject_fault(502, 4, method="sendMessage")  # the second never does now
    result = await sender(loop).send(KEY, three(), None)
    assert result[0] is not None and result[1:] == [None, None]
    assert texts(loop) == ["第一条"]
    notices = await kept(loop)
    assert [(n.dedupe_key, n.params["text"]) for n in notices] == [
        (f"answer:telegram:{KEY}:1:0", "第二条"),
        (f"answer:telegram:{KEY}:1:1", "第三条"),
    ]
    # The same update handled again (after a crash) and failing the same way: kept once.
    loop.sandbox.inject_fault(200, 1, method="sendMessage")
    loop.sandbox.inject_fault(502, 4, method="sendMessage")
    await sender(loop).send(KEY, three(), None)
    assert len(await kept(loop)) == 2
    await loop.dispatch()
    assert texts(loop) == ["第一条", "第一条", "第二条", "第三条"]


@pytest.mark.parametrize("status", [400, 403])
async def test_a_refused_reply_is_skipped_and_the_next_one_goes(loop: Loop, status: int) -> None:
    people(loop)
    loop.sandbox.inject_fault(status, 1, method="sendMessage")
    result = await sender(loop).send(KEY, three(), None)
    assert result[0] is None and None not in result[1:]
    assert texts(loop) == ["第二条", "第三条"]
    assert await kept(loop) == []
    assert loop.sandbox.read_stats()["calls"]["sendMessage"] == 3, "a refusal is not retried"


async def test_a_429_waits_as_long_as_telegram_asks(loop: Loop) -> None:
    people(loop)
    loop.sandbox.inject_fault(429, 1, method="sendMessage", retry_after=1)
    started = time.monotonic()
    result = await sender(loop, AnswerPolicy(patience=3.0)).send(KEY, three(("好",)), None)
    assert time.monotonic() - started >= 1.0
    assert result[0] is not None and texts(loop) == ["好"]
    assert await kept(loop) == []


async def test_a_429_longer_than_the_patience_keeps_the_reply_and_holds_the_outbox(
    loop: Loop,
) -> None:
    people(loop)
    loop.sandbox.inject_fault(429, 1, method="sendMessage", retry_after=30)
    started = time.monotonic()
    assert await sender(loop).send(KEY, three(("好",)), None) == [None]
    assert time.monotonic() - started < 0.5, "no waiting for what cannot fit"
    assert [n.params["text"] for n in await kept(loop)] == ["好"]
    limiter = loop.runtime.messenger.limiter
    with pytest.raises(TimeoutError):  # the dispatcher's sends wait out Telegram's 30 s
        await asyncio.wait_for(limiter.acquire(str(MEMBER)), 0.3)


async def test_an_answer_waits_no_longer_than_its_patience(loop: Loop) -> None:
    people(loop)
    loop.sandbox.inject_fault(500, 100)
    policy = AnswerPolicy(backoff=(0.3, 0.6, 1.2), patience=1.0)
    started = time.monotonic()
    assert await sender(loop, policy).send(KEY, three(), None) == [None, None, None]
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 2.0, elapsed  # 0.3 and 0.6 fit in the second; 1.2 does not
    assert loop.sandbox.read_stats()["faults_injected"] == 3 and texts(loop) == []
    assert len(await kept(loop)) == 3


async def test_a_button_answer_is_retried_and_never_kept(loop: Loop) -> None:
    people(loop)
    loop.runtime.answers.policy = QUICK
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    menu = bot_messages(loop, MEMBER)[-1]
    loop.sandbox.inject_fault(502, 2, method="answerCallbackQuery")
    pressed = loop.sandbox.press_button(MEMBER, menu.message_id, text="铝箔扩建")
    await loop.turn()
    assert loop.sandbox.get_callback_answer(pressed) is not None
    loop.sandbox.send_text(MEMBER, "厂区道路还没有修通")
    await loop.turn()
    loop.sandbox.inject_fault(500, 10, method="answerCallbackQuery")
    summary = bot_messages(loop, MEMBER)[-1]
    pressed = loop.sandbox.press_button(MEMBER, summary.message_id, text="完成")
    await loop.turn()
    assert loop.sandbox.get_callback_answer(pressed) is None, "given up, the turn went on"
    assert button(bot_messages(loop, MEMBER)[-1], "一般")
    assert await kept(loop) == []


async def test_a_later_answer_waits_behind_answers_kept_for_its_chat(loop: Loop) -> None:
    people(loop)
    answers = sender(loop)
    loop.sandbox.inject_fault(502, 4, method="sendMessage")
    await answers.send(KEY, three(("第一条",)), None)
    assert texts(loop) == []
    # Telegram takes messages again, but the kept answer has not gone yet: the next answer
    # must not overtake it.
    result = await answers.send("m:5001:8:1795652401", three(("第二条",)), None)
    assert result == [None] and texts(loop) == []
    await loop.dispatch()
    assert texts(loop) == ["第一条", "第二条"]
    # Once nothing waits, answers go at once again.
    result = await answers.send("m:5001:9:1795652402", three(("第三条",)), None)
    assert result[0] is not None and texts(loop) == ["第一条", "第二条", "第三条"]

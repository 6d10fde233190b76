"""Many enterprise members filing at once while Telegram fails a fifth of the bot's sends:
every filing completes, and every receipt arrives, once (or, with time-outs, at least once).
"""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from bot.domain.people import ChannelIdentity, Person, Role
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues
from handlers.answering import AnswerPolicy
from handlers.telegram.limiter import SendLimiter, Window
from sandbox.telegram.records import StoredMessage
from storage.database import Database
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop, started_loop
from tests.telegram.test_enterprise_flow import bot_messages, button

FIRST_MEMBER = 940_000_001
RECEIPT = "已受理，编号 "
CODE = re.compile(r"ZB-\d{4}-\d{6}")
# Shorter waits than in production, so sixty filings take seconds; the rules are the same.
BRISK = AnswerPolicy(backoff=(0.1, 0.2, 0.4), patience=2.0)
# Turns a member may wait for a prompt kept in the outbox (its dispatch may fail as well).
PATIENT_TURNS = 6
SENDS = ("sendMessage", "editMessageText", "editMessageReplyMarkup")


async def members(loop: Loop, count: int) -> list[int]:
    """`count` colleagues of the test city's member, each with their own Telegram chat."""
    found = []
    async with loop.db.unit_of_work() as uow:
        for n in range(count):
            user = loop.sandbox.create_user(FIRST_MEMBER + n, f"职员{n}", language_code="zh").id
            identity = ChannelIdentity("telegram", str(user), str(user))
            person = Person(
                f"职员{n}",
                frozenset({Role.MEMBER}),
                enterprise_id=loop.city.enterprise,
                identities=(identity,),
            )
            await uow.people.add(person)
            found.append(user)
        await uow.commit()
    # The task force's group, where each filing is posted, takes them all without waiting.
    loop.sandbox.create_group("高端铝业专班", members=found[:1], group_id=int(ALU_GROUP))
    loop.sandbox.add_bot_to_group(int(ALU_GROUP), by=found[0])
    loop.runtime.messenger.limiter = SendLimiter(group=Window(1000, 1.0))
    loop.runtime.answers.policy = BRISK
    return found


def storm(loop: Loop, faults: list[dict[str, Any]], share: float, calls: int) -> None:
    """About `share` of the next `calls` sends, edits and button answers fail as given."""
    chance = random.Random(20261203)
    for method in (*SENDS, "answerCallbackQuery"):
        for _ in range(calls):
            fault = chance.choice(faults) if chance.random() < share else {"status": 200}
            loop.sandbox.inject_fault(method=method, **fault)


def newest_with(loop: Loop, chat: int, label: str) -> StoredMessage | None:
    """The bot's newest message in the chat with a button of this label."""
    for message in reversed(bot_messages(loop, chat)):
        try:
            button(message, label)
        except AssertionError:
            continue
        return message
    return None


async def everyone_presses(loop: Loop, chats: list[int], label: str) -> None:
    """Each member presses the newest such button once it is there; then the bot answers."""
    waiting = list(chats)
    for _ in range(PATIENT_TURNS):
        for chat in list(waiting):
            message = newest_with(loop, chat, label)
            if message is not None:
                loop.sandbox.press_button(chat, message.message_id, text=label)
                waiting.remove(chat)
        await loop.turn()
        if not waiting:
            return
    raise AssertionError(f"{len(waiting)} members never got a {label!r} button")


async def everyone_files(loop: Loop, chats: list[int]) -> dict[int, list[str]]:
    """Every member files through /new; the receipts each member got."""
    for chat in chats:
        loop.sandbox.send_text(chat, "/new")
    await loop.turn()
    await everyone_presses(loop, chats, "铝箔扩建")
    for chat in chats:
        loop.sandbox.send_text(chat, f"{chat} 号厂房的变电站迟迟不能送电")
    await loop.turn()
    for label in ("完成", "一般", "提交"):
        await everyone_presses(loop, chats, label)
    for _ in range(PATIENT_TURNS):
        receipts = {
            chat: [m.text or "" for m in bot_messages(loop, chat) if RECEIPT in (m.text or "")]
            for chat in chats
        }
        if all(receipts.values()):
            return receipts
        await loop.turn()
    raise AssertionError("some receipts never arrived")


async def test_with_a_fifth_of_sends_failing_every_filing_completes_with_one_receipt(
    loop: Loop,
) -> None:
    chats = await members(loop, 60)
    # Mostly server errors; a 429 makes its lane wait a whole second, as Telegram asks.
    errors = [{"status": 500}, {"status": 502}] * 2 + [{"status": 429, "retry_after": 1}]
    storm(loop, errors, 0.2, 600)
    receipts = await everyone_files(loop, chats)
    assert {len(found) for found in receipts.values()} == {1}, "each receipt exactly once"
    issues = await list_issues(loop.city.new_uow(), loop.city.admin, IssueQuery())
    assert len(issues) == 60
    codes = {CODE.findall(found[0])[0] for found in receipts.values()}
    assert codes == {issue.code for issue in issues}
    assert loop.sandbox.read_stats()["faults_injected"] > 0


@pytest_asyncio.fixture
async def impatient(sqlite_database: Database) -> AsyncIterator[Loop]:
    """A loop whose bot stops waiting for Telegram's answer after a quarter of a second."""
    async with started_loop(sqlite_database, read_timeout=0.25) as started:
        yield started


async def test_with_sends_timing_out_every_receipt_arrives_at_least_once(
    impatient: Loop,
) -> None:
    loop = impatient
    chats = await members(loop, 30)
    # Carried out, but answered after the bot gave up: it cannot know the message went.
    storm(loop, [{"status": 200, "delay": 0.5}, {"status": 500, "delay": 0.5}], 0.2, 300)
    receipts = await everyone_files(loop, chats)
    assert all(len(found) >= 1 for found in receipts.values())
    issues = await list_issues(loop.city.new_uow(), loop.city.admin, IssueQuery())
    assert len(issues) == 30, "a reply sent twice never files twice"

"""Injected faults as clients see them: Telegram's errors, time-outs and late answers."""

from __future__ import annotations

import time

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from sandbox.telegram import ApiError, Sandbox
from sandbox.telegram.records import UserRecord
from tests.sandbox.conftest import FrozenClock
from tests.sandbox.test_flood import seconds

# Reading RetryAfter.retry_after warns about its coming change to timedelta; both are handled.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

# PTB drops the "Bad Request: " prefix and capitalises what is left.
STATUSES = [
    (500, NetworkError, "Internal Server Error"),
    (502, NetworkError, "Bad Gateway"),
    (403, Forbidden, "Forbidden: bot was blocked by the user"),
    (400, BadRequest, "Chat not found"),
]


def text(chat_id: int, words: str = "通知") -> dict[str, object]:
    return {"chat_id": chat_id, "text": words}


@pytest.mark.parametrize(("status", "error", "message"), STATUSES)
async def test_each_status_reaches_ptb_as_telegrams_error(
    bot: Bot,
    sandbox: Sandbox,
    user: UserRecord,
    status: int,
    error: type[Exception],
    message: str,
) -> None:
    sandbox.inject_fault(status)
    with pytest.raises(error) as caught:
        await bot.send_message(user.id, "通知")
    assert type(caught.value) is error and str(caught.value) == message
    assert sandbox.list_sent_messages(user.id) == []
    await bot.send_message(user.id, "通知")
    assert len(sandbox.list_sent_messages(user.id)) == 1


async def test_429_reaches_ptb_as_retry_after(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    sandbox.inject_fault(429, retry_after=5)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(user.id, "通知")
    assert seconds(caught.value) == 5
    assert sandbox.list_sent_messages(user.id) == []


async def test_error_bodies_in_process(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.inject_fault(429, retry_after=7)
    sandbox.inject_fault(401)
    sandbox.inject_fault(400, description="Bad Request: message is too long")
    answers = []
    for _ in range(3):
        with pytest.raises(ApiError) as caught:
            await sandbox.call("sendMessage", text(user.id))
        answers.append(caught.value.to_json())
    assert answers == [
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
        {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"},
    ]


async def test_count_is_consumed_one_call_at_a_time(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.inject_fault(500, 3)
    for left in ([2], [1], []):
        with pytest.raises(ApiError, match="500 Internal Server Error"):
            await sandbox.call("sendMessage", text(user.id))
        assert [fault.count for fault in sandbox.list_faults()] == left
    await sandbox.call("sendMessage", text(user.id))
    assert len(sandbox.list_sent_messages(user.id)) == 1


async def test_method_and_chat_filters(sandbox: Sandbox, user: UserRecord) -> None:
    other = sandbox.create_user()
    mine = await sandbox.call("sendMessage", text(user.id, "1"))
    theirs = await sandbox.call("sendMessage", text(other.id, "1"))
    sandbox.inject_fault(403, 5, method="EDITMESSAGETEXT", chat_id=user.id)
    assert sandbox.list_faults()[0].method == "editMessageText"
    await sandbox.call("sendMessage", text(user.id, "2"))
    await sandbox.call(
        "editMessageText", {**text(other.id, "1b"), "message_id": theirs["message_id"]}
    )
    with pytest.raises(ApiError, match="403 Forbidden: bot was blocked by the user"):
        await sandbox.call(
            "editMessageText", {**text(user.id, "1b"), "message_id": mine["message_id"]}
        )
    assert [m.text for m in sandbox.list_sent_messages(user.id)] == ["1", "2"]
    assert [m.text for m in sandbox.list_sent_messages(other.id)] == ["1b"]
    assert sandbox.list_faults()[0].count == 4


async def test_without_a_method_only_message_calls_match(
    sandbox: Sandbox, user: UserRecord
) -> None:
    sent = await sandbox.call("sendMessage", text(user.id))
    sandbox.inject_fault(502, 3)
    await sandbox.call("getMe")
    await sandbox.call("sendChatAction", {"chat_id": user.id, "action": "typing"})
    assert sandbox.list_faults()[0].count == 3
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    edit = {"chat_id": user.id, "message_id": sent["message_id"], "reply_markup": markup}
    with pytest.raises(ApiError, match="502 Bad Gateway"):
        await sandbox.call("editMessageReplyMarkup", edit)
    document = {"chat_id": user.id, "document": "no-such-file"}
    with pytest.raises(ApiError, match="502 Bad Gateway"):
        await sandbox.call("sendDocument", document)
    await sandbox.call("deleteMessage", {"chat_id": user.id, "message_id": sent["message_id"]})
    assert sandbox.list_faults()[0].count == 1


async def test_each_call_takes_from_the_first_matching_entry(
    sandbox: Sandbox, user: UserRecord
) -> None:
    other = sandbox.create_user()
    sandbox.inject_fault(403, chat_id=user.id)
    sandbox.inject_fault(500, 2)
    with pytest.raises(ApiError, match="500"):
        await sandbox.call("sendMessage", text(other.id))
    with pytest.raises(ApiError, match="403"):
        await sandbox.call("sendMessage", text(user.id))
    with pytest.raises(ApiError, match="500"):
        await sandbox.call("sendMessage", text(user.id))
    assert sandbox.list_faults() == []
    await sandbox.call("sendMessage", text(user.id))


async def test_a_delay_beyond_the_read_timeout_times_the_client_out(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    sandbox.inject_fault(500, delay=0.3)
    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "通知", read_timeout=0.1)
    assert sandbox.list_faults() == []
    await bot.send_message(user.id, "通知", read_timeout=0.1)
    assert len(sandbox.list_sent_messages(user.id)) == 1


async def test_status_200_with_a_delay_is_carried_out_late(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    sandbox.inject_fault(200, 2, delay=0.3)
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "慢", read_timeout=0.1)
    assert sandbox.list_sent_messages(user.id) == []
    # The client gave up, but the call is still carried out, as when Telegram is slow.
    await sandbox.wait_for_messages(user.id, 1, seconds=2)
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    message = await bot.send_message(user.id, "慢2", read_timeout=2)
    assert message.text == "慢2" and time.monotonic() - started >= 0.3
    assert [m.text for m in sandbox.list_sent_messages(user.id)] == ["慢", "慢2"]


async def test_clear_and_reset_drop_pending_faults(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.inject_fault(500, 5)
    sandbox.inject_fault(429)
    sandbox.clear_faults()
    assert sandbox.list_faults() == []
    await sandbox.call("sendMessage", text(user.id))
    sandbox.inject_fault(500)
    await sandbox.reset()
    assert sandbox.list_faults() == []
    again = sandbox.create_user()
    await sandbox.call("sendMessage", text(again.id))


async def test_faulted_calls_neither_send_nor_count_against_flood(clock: FrozenClock) -> None:
    sandbox = Sandbox(clock=clock, flood=True)
    user = sandbox.create_user()
    sandbox.inject_fault(502, 2)
    for _ in range(2):
        with pytest.raises(ApiError, match="502"):
            await sandbox.call("sendMessage", text(user.id, "0"))
    await sandbox.call("sendMessage", text(user.id, "1"))
    assert [m.text for m in sandbox.list_sent_messages(user.id)] == ["1"]
    with pytest.raises(ApiError, match="429 Too Many Requests: retry after 1"):
        await sandbox.call("sendMessage", text(user.id, "2"))

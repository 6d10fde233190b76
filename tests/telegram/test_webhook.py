"""`zhibao run --webhook`: the real runtime receiving the sandbox's pushes (§12, §13, §14)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets

import aiohttp
import pytest

from app.root import serve
from bot.services import inbox
from handlers.telegram.service import TelegramChannel
from handlers.telegram.translate import CHANNEL, inbox_key
from handlers.telegram.webhook import (
    SECRET_ENV,
    SECRET_PATTERN,
    WebhookSetupError,
    parse_listen,
    webhook_secret,
)
from tests.telegram.hooks import MEMBER, World, help_update, pending, until, webhook_running


async def test_the_member_gets_help_through_the_webhook(world: World) -> None:
    async with webhook_running(world) as hook:
        world.sandbox.send_text(MEMBER, "/help")
        await until(lambda: len(world.answers()) == 1)
        assert world.answers()[0].startswith("可用功能：")
        info = await world.sandbox.call("getWebhookInfo")
        assert info["url"] == hook.options.url
        assert info["allowed_updates"] == ["message", "callback_query", "my_chat_member"]
        assert world.sandbox.get_bot().webhook.secret_token == hook.options.secret
        await until(lambda: world.sandbox.get_bot().updates.pending_count == 0)
    assert await pending(world) == []
    # Stopping leaves the webhook set: other instances may still be serving it.
    assert (await world.sandbox.call("getWebhookInfo"))["url"] == hook.options.url


async def test_a_wrong_or_missing_secret_is_refused_and_changes_nothing(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    body = json.dumps(help_update(700001, 90001)).encode()
    wrong = secrets.token_urlsafe(32)
    # INFO is what `zhibao run --verbose` logs (PTB itself shows call parameters at DEBUG).
    with caplog.at_level(logging.INFO):
        async with webhook_running(world) as hook:
            assert await hook.post(body, wrong) == (403, "forbidden")
            assert (await hook.post(body, None))[0] == 403
            assert (await hook.post(body, hook.options.secret[:-1]))[0] == 403
            assert await pending(world) == []
            # Had a refused call stored it, this would be a duplicate and go unanswered.
            assert await hook.post(body, hook.options.secret) == (200, "")
            await until(lambda: len(world.answers()) == 1)
    assert hook.options.secret not in caplog.text and wrong not in caplog.text
    assert "without the right secret token" in caplog.text


async def test_a_malformed_body_is_refused_and_stores_nothing(world: World) -> None:
    bodies = [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"message": {}}',
        b'{"update_id": "7"}',
        b'{"update_id": -1}',
        b'{"update_id": 700002, "message": "text"}',
        b'{"update_id": 700003, "message": {"text": "no date, no chat"}}',
    ]
    async with webhook_running(world) as hook:
        for body in bodies:
            assert await hook.post(body, hook.options.secret) == (400, "malformed update"), body
        assert await pending(world) == []
        assert world.answers() == []


async def test_an_update_delivered_twice_is_handled_once(world: World) -> None:
    body = json.dumps(help_update(700004, 90004)).encode()
    async with webhook_running(world) as hook:
        first = await asyncio.gather(*(hook.post(body, hook.options.secret) for _ in range(3)))
        assert first == [(200, "")] * 3
        await until(lambda: len(world.answers()) == 1)
        assert await hook.post(body, hook.options.secret) == (200, "")
        await asyncio.sleep(0.2)
        assert len(world.answers()) == 1
        assert await pending(world) == []


async def test_health_and_other_paths(world: World) -> None:
    async with webhook_running(world) as hook, aiohttp.ClientSession() as session:
        async with session.get(f"{hook.root}/healthz") as response:
            assert (response.status, await response.text()) == (200, "ok")
        async with session.post(f"{hook.root}/telegram/guessed") as response:
            assert response.status == 404
        async with session.get(hook.options.url) as response:
            assert response.status == 405


async def test_updates_left_by_a_crash_are_handled_at_start(world: World) -> None:
    update = help_update(700005, 90005)
    stored = await inbox.store_updates(
        world.app.uow(), CHANNEL, [("700005", inbox_key(update), update)], world.clock()
    )
    assert stored == 1
    async with webhook_running(world):
        await until(lambda: len(world.answers()) == 1)
    assert await pending(world) == []


async def test_the_webhook_can_be_deleted_on_exit(world: World) -> None:
    async with webhook_running(world, delete_on_exit=True):
        pass
    assert (await world.sandbox.call("getWebhookInfo"))["url"] == ""


async def test_long_polling_deletes_a_webhook_first(world: World) -> None:
    await world.sandbox.call("setWebhook", {"url": "http://127.0.0.1:9/gone"})
    task = asyncio.create_task(serve(world.app, [TelegramChannel(world.bot())], asyncio.Event()))
    try:
        world.sandbox.send_text(MEMBER, "/help")
        await until(lambda: len(world.answers()) == 1)
        assert (await world.sandbox.call("getWebhookInfo"))["url"] == ""
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def test_the_secret_is_generated_or_taken_from_the_environment() -> None:
    generated, given = webhook_secret({})
    assert not given and SECRET_PATTERN.fullmatch(generated) and len(generated) >= 32
    assert webhook_secret({})[0] != generated
    assert webhook_secret({SECRET_ENV: "shared_Secret-1"}) == ("shared_Secret-1", True)
    with pytest.raises(WebhookSetupError) as refused:
        webhook_secret({SECRET_ENV: "has spaces+plus"})
    assert "spaces" not in str(refused.value)


def test_listen_addresses() -> None:
    assert parse_listen("127.0.0.1:8443") == ("127.0.0.1", 8443)
    assert parse_listen("[::1]:8443") == ("::1", 8443)
    for bad in ("8443", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000"):
        with pytest.raises(WebhookSetupError):
            parse_listen(bad)

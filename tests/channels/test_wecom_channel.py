"""The WeCom channel's own behaviours through the emulator (issue 13): WeCom's retries, a
crash between storing and handling, cards updated in place, an expired access token, and
refusals that come as messages since WeCom has no toasts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest_asyncio
from aiohttp import web

from bot.services import inbox
from handlers.wecom.inbound import CHANNEL
from tests.channels.driver import Driver
from tests.channels.test_flows import cast, say, tap
from tests.telegram.hooks import until


@pytest_asyncio.fixture
async def failing_proxy(wecom: Driver) -> AsyncIterator[str]:
    """A URL that passes each callback on to the bot and then answers WeCom 502, as a
    gateway that lost the bot's answer would: WeCom tries again, with the same request."""
    side = wecom.wecom
    assert side is not None and side.sandbox.callback.url is not None
    target = side.sandbox.callback.url

    async def forward(request: web.Request) -> web.Response:
        async with (
            aiohttp.ClientSession() as session,
            session.post(target, params=request.query, data=await request.read()) as answer,
        ):
            await answer.read()
        return web.Response(status=502)

    app = web.Application()
    app.router.add_post("/callback", forward)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/callback"
    finally:
        await runner.cleanup()


async def test_a_callback_wecom_tries_three_times_is_handled_once(
    wecom: Driver, failing_proxy: str
) -> None:
    side = wecom.wecom
    assert side is not None
    await wecom.join("member", "wecom", "王经理", wecom.city.member)
    side.sandbox.configure_callback(url=failing_proxy)
    push = side.sandbox.send_text("member", "/help")
    await side.sandbox.wait_push(push, 5)
    assert push.outcome == "failed" and [a.status for a in push.attempts] == [502] * 3
    await wecom.turn()
    answers = wecom.texts("member")
    assert len(answers) == 1 and answers[0].startswith("可用功能")


async def test_a_callback_stored_before_a_crash_is_handled_once_after_restart(
    wecom: Driver,
) -> None:
    side = wecom.wecom
    assert side is not None and side.dialogs is not None
    await wecom.join("member", "wecom", "王经理", wecom.city.member)
    side.dialogs.gate = asyncio.Event()  # the turn never gets going: the process dies first
    push = side.sandbox.send_text("member", "/help")
    await side.sandbox.wait_push(push, 5)
    await until(lambda: side.dialogs is not None and side.dialogs.busy == 1)
    await wecom.restart_wecom()
    await wecom.turn()
    assert push.outcome == "delivered" and len(push.attempts) == 1
    assert len(wecom.texts("member")) == 1 and wecom.texts("member")[0].startswith("可用功能")
    assert await inbox.pending_updates(wecom.city.new_uow(), CHANNEL) == []


async def test_a_click_updates_the_clickers_card_in_place(wecom: Driver) -> None:
    await cast(wecom)
    side = wecom.wecom
    assert side is not None
    await wecom.city.file()
    await wecom.turn()
    cards = [m.card for m in side.received("officer") if m.card is not None]
    assert len(cards) == 1 and cards[0].updates == 0
    updates = side.sandbox.read_stats()["card_updates"]
    await tap(wecom, "officer", "签收")
    card = side.sandbox.read_card(cards[0].task_id, "officer")
    assert card.clicks and card.updates == 1 and "经办人：赵专员" in wecom.texts("officer")[0]
    assert len(side.received("officer")) == 1, "updated, not sent anew"
    assert side.sandbox.read_stats()["card_updates"] > updates


async def test_an_access_token_that_expired_mid_run_is_renewed(wecom: Driver) -> None:
    side = wecom.wecom
    assert side is not None
    await wecom.join("member", "wecom", "王经理", wecom.city.member)
    await say(wecom, "member", "/help")
    side.sandbox.expire_tokens()
    await say(wecom, "member", "/help")
    assert [t[:4] for t in wecom.texts("member")] == ["可用功能"] * 2
    assert side.sandbox.read_stats()["calls"]["gettoken"] == 2


async def test_a_refusal_comes_as_a_text_message(wecom: Driver) -> None:
    side = wecom.wecom
    assert side is not None
    await wecom.join("member", "wecom", "王经理", wecom.city.member)
    await say(wecom, "member", "/new", "/cancel")
    await tap(wecom, "member", "铝箔扩建")
    last = side.received("member")[-1]
    assert last.msgtype == "text" and "按钮已失效" in last.content["content"]

"""The channels every Messenger is checked on: the fake (as Telegram and as WeCom), the
Telegram messenger against the Telegram sandbox, the WeCom messenger against the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.dialogs.capabilities import TELEGRAM_LIKE
from handlers.wecom.messenger import WECOM
from tests.messengers.fake_channel import FakeChannel
from tests.messengers.harness import Harness
from tests.messengers.telegram_channel import telegram_channel
from tests.messengers.wecom_channel import wecom_channel

CHANNELS = ["fake-telegram", "fake-wecom", "telegram", "wecom"]


@pytest_asyncio.fixture(params=CHANNELS)
async def channel(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """One channel with its messenger, fresh for each test."""
    name = request.param
    if name == "fake-telegram":
        yield FakeChannel("telegram", TELEGRAM_LIKE)
    elif name == "fake-wecom":
        yield FakeChannel("wecom", WECOM)
    elif name == "telegram":
        async with telegram_channel() as telegram:
            yield telegram
    else:
        async with wecom_channel() as wecom:
            yield wecom

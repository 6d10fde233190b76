"""The WeCom channel of `zhibao run`: the city's app, or the local WeCom emulator without one."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from bot.config.settings import WeComSettings
from handlers.wecom.api import WeComClient
from handlers.wecom.channel import CallbackAddress, WeComChannel
from handlers.wecom.crypto import WeComCrypto
from sandbox.wecom import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    DEFAULT_TOKEN,
    CallbackConfig,
    WeComSandboxServer,
)

WECOM_SANDBOX_PORT = 8083
WECOM_SANDBOX_PORT_ENV = "ZHIBAO_WECOM_SANDBOX_PORT"


@dataclass
class WeComSetup:
    """The channel, and the emulator standing in for WeCom when the city has no app yet."""

    channel: WeComChannel
    emulator: WeComSandboxServer | None = None


def wecom_channel(wecom: WeComSettings) -> WeComChannel:
    """The city's own WeCom app, from its configuration."""
    crypto = WeComCrypto(wecom.token, wecom.encoding_aes_key, wecom.corp_id)
    client = WeComClient(wecom.base_url, wecom.corp_id, wecom.secret)
    address = CallbackAddress(wecom.callback_host, wecom.callback_port, wecom.callback_path)
    return WeComChannel(client, crypto, wecom.agent_id, address)


async def emulated_wecom(wecom: WeComSettings, clock: Callable[[], float]) -> WeComSetup:
    """The local WeCom emulator and a channel to it, with WeCom's sample token and key."""
    address = CallbackAddress(wecom.callback_host, wecom.callback_port, wecom.callback_path)
    url = f"http://{address.host}:{address.port}{address.path}"
    emulator = WeComSandboxServer(callback=CallbackConfig(url=url), clock=clock)
    port = int(os.environ.get(WECOM_SANDBOX_PORT_ENV, "").strip() or WECOM_SANDBOX_PORT)
    base = await emulator.start("127.0.0.1", port)
    crypto = WeComCrypto(DEFAULT_TOKEN, DEFAULT_AES_KEY, DEFAULT_CORP_ID)
    client = WeComClient(base, DEFAULT_CORP_ID, DEFAULT_SECRET)
    return WeComSetup(WeComChannel(client, crypto, DEFAULT_AGENT_ID, address), emulator)


def explain_emulator(base: str) -> str:
    """How to act as a WeCom member against the emulator."""
    return "\n".join(
        [
            f"zhibao: no WeCom app configured, so the bot talks to the local WeCom emulator at "
            f"{base}",
            "act as a WeCom member through its control API, for example:",
            f'  curl -s {base}/control/members -d \'{{"userid": "wangjl", "name": "王经理"}}\'',
            f'  curl -s {base}/control/messages -d \'{{"userid": "wangjl", "text": "/start"}}\'',
            f"  curl -s '{base}/control/received?userid=wangjl'",
        ]
    )

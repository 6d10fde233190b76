"""The channels a city runs: `[telegram] enabled` and the WeCom self-built app of `[wecom]`.

WeCom's secrets (the app secret, the callback token and EncodingAESKey) come from the
environment only (ZHIBAO_WECOM_SECRET, ZHIBAO_WECOM_TOKEN, ZHIBAO_WECOM_ENCODING_AES_KEY): a
configuration file is copied, mailed and committed; a secret in it is refused.
"""

from __future__ import annotations

import re

from bot.config.reader import Fields, Origin, show
from bot.config.settings import WeComSettings

SECRETS = ("secret", "token", "encoding_aes_key")
_CORP_ID = re.compile(r"[A-Za-z0-9]{1,64}")
_AES_KEY = re.compile(r"[A-Za-z0-9+/]{43}")
_PATH = re.compile(r"/[A-Za-z0-9._~/-]*")


def read_wecom(wecom: Fields, origin: Origin) -> WeComSettings:
    """The [wecom] table, checked; secrets only from the environment."""
    for key in SECRETS:
        value = wecom.text(key, "", allow_empty=True)
        if value and ("wecom", key) not in origin.variables:
            raise wecom.error(
                key,
                f"secrets come from the environment only: set ZHIBAO_WECOM_{key.upper()} and "
                "remove the key from the file",
            )
    corp_id = wecom.text("corp_id", "", allow_empty=True).strip()
    if corp_id and not _CORP_ID.fullmatch(corp_id):
        raise wecom.error("corp_id", f"{show(corp_id)} is not a WeCom corp id such as ww1436e0e6…")
    key = wecom.text("encoding_aes_key", "", allow_empty=True).strip()
    if key and not _AES_KEY.fullmatch(key):
        raise wecom.error("encoding_aes_key", "an EncodingAESKey is 43 letters and digits")
    path = wecom.text("callback_path").strip()
    if not _PATH.fullmatch(path):
        raise wecom.error(
            "callback_path", f"{show(path)} is not a URL path such as /wecom/callback"
        )
    base_url = wecom.text("base_url").strip().rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise wecom.error("base_url", f"{show(base_url)} is not an http(s) URL")
    enabled = wecom.value("enabled", True)
    if not isinstance(enabled, bool):
        raise wecom.error("enabled", f"{show(enabled)} is not true or false")
    port = wecom.integer("callback_port", minimum=1)
    if port > 65535:
        raise wecom.error("callback_port", f"{port} is not a port number (1 to 65535)")
    return WeComSettings(
        enabled=enabled,
        corp_id=corp_id,
        agent_id=wecom.integer("agent_id", minimum=0),
        secret=wecom.text("secret", "", allow_empty=True).strip(),
        token=wecom.text("token", "", allow_empty=True).strip(),
        encoding_aes_key=key,
        base_url=base_url,
        callback_host=wecom.text("callback_host").strip(),
        callback_port=port,
        callback_path=path,
    )


def read_telegram_enabled(telegram: Fields) -> bool:
    """Whether the city runs Telegram at all (mainland cities may not)."""
    enabled = telegram.value("enabled", True)
    if not isinstance(enabled, bool):
        raise telegram.error("enabled", f"{show(enabled)} is not true or false")
    return enabled

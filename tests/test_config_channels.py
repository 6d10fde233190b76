"""The channels a city runs: `[telegram] enabled` and `[wecom]`, its secrets from the
environment only."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
SECRETS = {
    "ZHIBAO_WECOM_SECRET": "app-secret",
    "ZHIBAO_WECOM_TOKEN": "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
    "ZHIBAO_WECOM_ENCODING_AES_KEY": KEY,
}


def write(folder: Path, text: str) -> Path:
    path = folder / "zhibao.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_by_default_both_channels_are_enabled_and_wecom_has_no_app(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, ""), environ={})
    assert settings.telegram_enabled and settings.wecom.enabled
    assert not settings.wecom.configured
    assert settings.wecom.callback_path == "/wecom/callback"


def test_the_app_comes_from_the_file_and_its_secrets_from_the_environment(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, '[wecom]\ncorp_id = "ww1436e0e65a779aee"\nagent_id = 1000002\n')
    environ = SECRETS | {"ZHIBAO_TELEGRAM_ENABLED": "false", "ZHIBAO_WECOM_CALLBACK_PORT": "9100"}
    settings = load_settings(path, environ=environ)
    assert not settings.telegram_enabled
    wecom = settings.wecom
    assert wecom.configured and wecom.secret == "app-secret" and wecom.encoding_aes_key == KEY
    assert (wecom.corp_id, wecom.agent_id, wecom.callback_port) == (
        "ww1436e0e65a779aee",
        1000002,
        9100,
    )


@pytest.mark.parametrize("key", ["secret", "token", "encoding_aes_key"])
def test_a_secret_in_the_file_is_refused_in_words(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, f'[wecom]\n{key} = "{KEY}"\n'), environ={})
    assert f"set ZHIBAO_WECOM_{key.upper()}" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('corp_id = "ww 1"', "not a WeCom corp id"),
        ('callback_path = "wecom"', "not a URL path"),
        ('base_url = "qyapi.weixin.qq.com"', "not an http(s) URL"),
        ("callback_port = 70000", "not a port number"),
        ('enabled = "yes"', "not true or false"),
    ],
)
def test_bad_wecom_keys_are_named(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, f"[wecom]\n{text}\n"), environ={})
    assert problem in str(raised.value)


def test_a_bad_key_from_the_environment_is_named(tmp_path: Path) -> None:
    environ = {"ZHIBAO_WECOM_ENCODING_AES_KEY": "short"}
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, ""), environ=environ)
    assert "43 letters and digits" in str(raised.value)


def test_what_a_partial_app_lacks_is_listed(tmp_path: Path) -> None:
    path = write(tmp_path, '[wecom]\ncorp_id = "ww1436e0e65a779aee"\n')
    wecom = load_settings(path, environ={"ZHIBAO_WECOM_SECRET": "s"}).wecom
    assert not wecom.configured
    assert wecom.missing() == [
        "ZHIBAO_WECOM_AGENT_ID",
        "ZHIBAO_WECOM_TOKEN",
        "ZHIBAO_WECOM_ENCODING_AES_KEY",
    ]

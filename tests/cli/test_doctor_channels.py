"""`zhibao doctor` checks the channels the city runs (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def channel_lines(cli: Cli, *, expect_ok: bool = True) -> list[str]:
    result = (
        cli.ok("doctor", "--at", "2026-06-01")
        if expect_ok
        else cli("doctor", "--at", "2026-06-01")
    )
    return [line for line in result.lines if "channels:" in line]


def test_by_default_both_channels_run_on_their_sandboxes(cli: Cli, initialised: Path) -> None:
    assert channel_lines(cli) == [
        "ok       channels: Telegram enabled, without TELEGRAM_BOT_TOKEN (the sandbox)",
        "ok       channels: WeCom enabled without an app (the local emulator stands in)",
    ]


def test_a_wecom_only_city_with_its_app(
    cli: Cli, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "ZHIBAO_TELEGRAM_ENABLED": "false",
        "ZHIBAO_WECOM_CORP_ID": "ww1436e0e65a779aee",
        "ZHIBAO_WECOM_AGENT_ID": "1000002",
        "ZHIBAO_WECOM_SECRET": "s",
        "ZHIBAO_WECOM_TOKEN": "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
        "ZHIBAO_WECOM_ENCODING_AES_KEY": "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
    }.items():
        monkeypatch.setenv(name, value)
    assert channel_lines(cli) == [
        "ok       channels: WeCom app 1000002 of ww1436e0e65a779aee at https://qyapi.weixin.qq.com"
    ]


def test_a_partial_app_and_no_channel_at_all_are_errors(
    cli: Cli, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIBAO_WECOM_CORP_ID", "ww1436e0e65a779aee")
    (line,) = [x for x in channel_lines(cli, expect_ok=False) if "WeCom" in x]
    assert line.startswith("ERROR    channels: the WeCom app is configured in part; set ")
    assert "ZHIBAO_WECOM_SECRET" in line and "ZHIBAO_WECOM_CORP_ID" not in line
    monkeypatch.setenv("ZHIBAO_TELEGRAM_ENABLED", "false")
    monkeypatch.setenv("ZHIBAO_WECOM_ENABLED", "false")
    assert channel_lines(cli, expect_ok=False) == [
        "ERROR    channels: Telegram and WeCom are both disabled; the bot reaches nobody"
    ]

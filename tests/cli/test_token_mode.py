"""`zhibao run` with a token, against a Bot API server that is not its own: the server's root
in either form people write it, and a refused token said in words."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from handlers.telegram.service import server_root
from sandbox.telegram import DEFAULT_TOKEN
from tests.cli.test_restart import BIN, STOP_SECONDS, control, environment, free_port, running

START_SECONDS = 20.0


@pytest.mark.parametrize(
    "written",
    [
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8081/",
        " http://127.0.0.1:8081/bot ",
        "http://127.0.0.1:8081/bot/",
    ],
)
def test_the_servers_root_is_taken_with_or_without_bot(written: str) -> None:
    assert server_root(written) == "http://127.0.0.1:8081"


@pytest.fixture
def sandbox() -> Iterator[dict[str, str]]:
    """Only the sandbox, as another party's Bot API server; the environment to reach it."""
    env = environment()
    port = free_port()
    env["ZHIBAO_SANDBOX_PORT"] = str(port)
    process = subprocess.Popen(
        [str(BIN / "zhibao"), "sandbox", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                control(env, "stats", {})
                break
            except (OSError, RuntimeError):
                assert time.monotonic() < deadline, "the sandbox never came up"
                time.sleep(0.1)
        yield env
    finally:
        process.terminate()
        process.wait(timeout=STOP_SECONDS)


def initialised(folder: Path, env: dict[str, str]) -> None:
    """A fresh folder after `zhibao init`."""
    subprocess.run(
        [str(BIN / "zhibao"), "init"], cwd=folder, env=env, check=True, capture_output=True
    )


def test_a_refused_token_is_said_in_words(tmp_path: Path, sandbox: dict[str, str]) -> None:
    initialised(tmp_path, sandbox)
    env = {
        **sandbox,
        "TELEGRAM_BOT_TOKEN": "123:not-a-token-the-server-knows",
        "ZHIBAO_TELEGRAM_BASE_URL": f"http://127.0.0.1:{sandbox['ZHIBAO_SANDBOX_PORT']}",
    }
    done = subprocess.run(
        [str(BIN / "zhibao"), "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=START_SECONDS,
    )
    assert done.returncode != 0
    err = done.stderr.decode()
    assert "rejected TELEGRAM_BOT_TOKEN" in err and "Traceback" not in err


def test_a_base_url_ending_in_bot_reaches_the_server(
    tmp_path: Path, sandbox: dict[str, str]
) -> None:
    initialised(tmp_path, sandbox)
    port = sandbox["ZHIBAO_SANDBOX_PORT"]
    env = {
        **sandbox,
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "ZHIBAO_TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot",
    }
    control(env, "users", {"user_id": 7001, "first_name": "Chen"})
    with running(tmp_path, env) as process:
        # The sandbox holds the update until the bot's first getUpdates.
        control(env, "messages", {"user_id": 7001, "text": "/help"})
        wait = {"chat_id": 7001, "count": 1, "timeout": START_SECONDS}
        found = control(env, "wait", wait, START_SECONDS)
        assert process.poll() is None and found
    err = (tmp_path / "run.err").read_text()
    # The configured bot_username is not the server's bot: invite links would be wrong.
    assert "[telegram] bot_username is zhibao_bot but this bot is @" in err

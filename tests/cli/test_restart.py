"""`zhibao run` stopped and started again on the same folder still hears people at once.

Without a token the run brings its own sandbox, which numbers updates and messages from 1
on every start (as Telegram numbers updates afresh after a quiet week): the inbox must take
them for new messages, not for the ones the last run handled (§13).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
CHECKOUT = Path(__file__).resolve().parents[2]
ENTERPRISE = 1001  # the demo city's enterprise member (王经理)
START_SECONDS = 20.0
ANSWER_SECONDS = 5.0
STOP_SECONDS = 10.0


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment() -> dict[str, str]:
    """This environment without a token or ZHIBAO_* settings; the sandbox and page on free
    ports."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ZHIBAO_") and name != "TELEGRAM_BOT_TOKEN"
    }
    sandbox_port = free_port()
    page_port = free_port()
    while page_port == sandbox_port:
        page_port = free_port()
    env.update(ZHIBAO_SANDBOX_PORT=str(sandbox_port), ZHIBAO_PLAYGROUND_PORT=str(page_port))
    # The code of this checkout, whichever one the installed `zhibao` was installed from.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CHECKOUT), env.get("PYTHONPATH")]))
    return env


def control(env: dict[str, str], action: str, body: dict[str, Any], wait: float = 2.0) -> Any:
    """Call the sandbox's control API; the result, or raise when it is not ok."""
    url = f"http://127.0.0.1:{env['ZHIBAO_SANDBOX_PORT']}/control/{action}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=wait + 2) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        answer = json.load(error)
    if not answer.get("ok"):
        raise RuntimeError(f"{action}: {answer.get('error', answer)}")
    return answer["result"]


@contextmanager
def running(folder: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """`zhibao run` in the folder until the block ends, then Ctrl-C (SIGINT) and its exit."""
    with (folder / "run.err").open("ab") as err:
        process = subprocess.Popen(
            [str(BIN / "zhibao"), "run"],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_SECONDS)


def say(env: dict[str, str], process: subprocess.Popen[bytes], text: str) -> None:
    """The demo enterprise writes `text` as soon as the sandbox knows them."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            control(env, "messages", {"user_id": ENTERPRISE, "text": text})
            return
        except (OSError, RuntimeError):
            # Not listening yet, or the demo people not made yet.
            assert process.poll() is None, "zhibao run ended"
            assert time.monotonic() < deadline, "the sandbox never came up"
            time.sleep(0.1)


def answers(env: dict[str, str], count: int, seconds: float) -> list[str]:
    """The bot's first `count` messages to the demo enterprise, waiting up to `seconds`."""
    found = control(
        env, "wait", {"chat_id": ENTERPRISE, "count": count, "timeout": seconds}, seconds
    )
    return [str(message.get("text") or "") for message in found]


def test_after_a_restart_the_bot_answers_new_at_once(tmp_path: Path) -> None:
    env = environment()
    init = subprocess.run(
        [str(BIN / "zhibao"), "init"], cwd=tmp_path, env=env, capture_output=True, check=False
    )
    assert init.returncode == 0, init.stderr.decode(errors="replace")
    try:
        with running(tmp_path, env) as first:
            say(env, first, "/help")
            assert answers(env, 1, START_SECONDS)[0].startswith("可用功能")
        assert first.returncode == 0
        with running(tmp_path, env) as second:
            say(env, second, "/new")
            started = time.monotonic()
            (answer,) = answers(env, 1, ANSWER_SECONDS)
            assert time.monotonic() - started < ANSWER_SECONDS
            assert answer and "可用功能" not in answer and "未能完成" not in answer
        assert second.returncode == 0
    except (AssertionError, RuntimeError):
        errors = (tmp_path / "run.err").read_text(errors="replace")
        pytest.fail(f"zhibao run misbehaved; its standard error:\n{errors}")

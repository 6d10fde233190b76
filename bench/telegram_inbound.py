"""Inbound throughput: zhibao's filing flow against a bare python-telegram-bot echo bot.

Each part gets its own sandbox process (`python -m sandbox.telegram`) and bot process:
`bench.telegram_echo`, then `zhibao run` on a fresh `zhibao init` folder seeded (by
`bench.telegram_zhibao`) with one enterprise member with one project per simulated user.
Users act concurrently, each sending its next update once the previous one is answered (echo:
5 messages; zhibao: /new, the description, 完成, 一般, 提交): the same closed-loop load.

Latency: from just before the control call that posts an update until the driver sees the
answer. Messages are awaited with /control/wait (woken by the bot's send, no polling). A press
is answered by answerCallbackQuery, which the control API cannot await: after waiting for the
press's new message (if any), /control/callback_answer is polled every 1 ms doubling to 8 ms,
so those figures are late by at most the interval.
Usage: python -m bench.telegram_inbound [--users N] [--rounds R]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import aiohttp

from bench.telegram_zhibao import PrepareError, clean_env, count_rows, prepare
from sandbox.telegram import DEFAULT_TOKEN

ROOT = Path(__file__).resolve().parent.parent
FIRST_USER = 810_000_001
STEPS = 5
START_SECONDS = 60.0
ANSWER_SECONDS = 30.0
STOP_GRACE = 2.0
STOP_SECONDS = 10.0
WAIT_SLICE = 2.0
MAX_POLL_INTERVAL = 0.008
# The flow's presses and the bot messages in the chat after each (None: 提交 edits in place).
FLOW_BUTTONS = (("完成", 3), ("一般", 4), ("提交", None))

Messages = list[dict[str, Any]]
Flow = Callable[["Control", int, list[float]], Awaitable[None]]
BotSpec = tuple[list[str], Path, dict[str, str]]  # argv, cwd, environment; {base}: the URL
Shape = tuple[int, int]  # users, rounds


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


class Processes:
    """Child processes logging to files in a folder; stop_all ends every one, bounded."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.running: list[tuple[str, subprocess.Popen[bytes], Path]] = []

    @staticmethod
    def free_port() -> int:
        """A port on 127.0.0.1 that nothing listens on right now."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return int(probe.getsockname()[1])

    def start(self, name: str, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        """Start a process with stdout and stderr in <folder>/<name>.log."""
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv, cwd=cwd, env=clean_env(env), stdout=out, stderr=subprocess.STDOUT
            )
        self.running.append((name, process, log))

    def check(self) -> None:
        """Raise BenchError, with the end of its log, if a process has exited."""
        for name, process, log in self.running:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:]
                raise BenchError(f"{name} exited with status {process.returncode}:\n{tail}")

    def stop_all(self) -> None:
        """SIGTERM the newest first (bots before the sandbox), SIGKILL what lingers."""
        for _, process, _ in reversed(self.running):
            if process.poll() is None:
                process.terminate()
                # zhibao may sit in its long poll until the sandbox goes: no kill yet.
                with suppress(subprocess.TimeoutExpired):
                    process.wait(STOP_GRACE)
        deadline = time.monotonic() + STOP_SECONDS
        for _, process, _ in self.running:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_SECONDS)
        self.running.clear()


class Control:
    """The sandbox's control API over HTTP, watching the processes while it waits."""

    def __init__(self, session: aiohttp.ClientSession, base: str, procs: Processes) -> None:
        self.session, self.base, self.procs = session, base, procs

    async def call(self, action: str, **body: Any) -> Any:
        """POST /control/<action>; raises BenchError on a refusal."""
        async with self.session.post(f"{self.base}/control/{action}", json=body) as response:
            data = await response.json()
        if not data.get("ok"):
            raise BenchError(f"/control/{action} {body}: {data.get('error')}")
        return data["result"]

    async def wait_sent(self, chat_id: int, count: int, seconds: float) -> Messages:
        """The bot's messages to the chat once there are `count` of them (bounded wait)."""
        for _ in range(max(1, round(seconds / WAIT_SLICE))):
            with suppress(BenchError):  # the sandbox refuses a wait that timed out
                found: Messages = await self.call(
                    "wait", chat_id=chat_id, count=count, timeout=WAIT_SLICE
                )
                return found
            self.procs.check()
        raise BenchError(f"chat {chat_id}: fewer than {count} bot messages after {seconds:.0f} s")

    async def wait_answer(self, query_id: str, seconds: float) -> None:
        """Poll until the bot has answered the button press (bounded in count and time)."""
        interval = 0.001
        for _ in range(round(seconds / MAX_POLL_INTERVAL)):
            if await self.call("callback_answer", callback_query_id=query_id) is not None:
                return
            await asyncio.sleep(interval)
            interval = min(interval * 2, MAX_POLL_INTERVAL)
        self.procs.check()
        raise BenchError(f"press {query_id} unanswered after {seconds:.0f} s")


def button(messages: Messages, label: str) -> tuple[int, str]:
    """Message id and callback data of the newest button with this label."""
    for message in reversed(messages):
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for key in row:
                if key.get("text") == label:
                    return int(message["message_id"]), str(key["callback_data"])
    texts = [m.get("text") for m in messages]
    raise BenchError(f"no button {label!r} in {texts}")


async def echo_flow(ctl: Control, user: int, latencies: list[float]) -> None:
    """Five messages, each echoed before the next is sent."""
    for step in range(1, STEPS + 1):
        text = f"回声 {user} #{step}"
        started = time.perf_counter()
        await ctl.call("messages", user_id=user, text=text)
        sent = await ctl.wait_sent(user, step, ANSWER_SECONDS)
        latencies.append(time.perf_counter() - started)
        if sent[-1].get("text") != text:
            raise BenchError(f"echo to {user}: {sent[-1].get('text')!r} instead of {text!r}")


async def zhibao_flow(ctl: Control, user: int, latencies: list[float]) -> None:
    """/new, the description, 完成, 一般, 提交: an issue filed, every answer timed."""
    sent: Messages = []
    for count, text in ((1, "/new"), (2, f"厂区变电站迟迟不能送电，企业 {user}")):
        started = time.perf_counter()
        await ctl.call("messages", user_id=user, text=text)
        sent = await ctl.wait_sent(user, count, ANSWER_SECONDS)
        latencies.append(time.perf_counter() - started)
    for label, new_count in FLOW_BUTTONS:
        message_id, data = button(sent, label)
        started = time.perf_counter()
        pressed = await ctl.call(
            "presses", chat_id=user, message_id=message_id, data=data, user_id=user
        )
        if new_count is not None:
            sent = await ctl.wait_sent(user, new_count, ANSWER_SECONDS)
        await ctl.wait_answer(pressed["callback_query_id"], ANSWER_SECONDS)
        latencies.append(time.perf_counter() - started)
    final = (await ctl.call("sent", chat_id=user))[-1].get("text") or ""
    if not final.startswith("已受理"):
        raise BenchError(f"user {user}: the flow ended with {final!r}")


class Part:
    """One bot's figures: updates and seconds per round, per-update latencies."""

    def __init__(self, name: str, rounds: list[tuple[int, float]], latencies: list[float]):
        self.name, self.rounds, self.latencies = name, rounds, sorted(latencies)
        self.rate = sum(n for n, _ in rounds) / sum(s for _, s in rounds)

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile of the latencies, in milliseconds."""
        rank = max(1, min(len(self.latencies), round(fraction * len(self.latencies) + 0.5)))
        return self.latencies[rank - 1] * 1000

    def describe(self, users: int) -> str:
        """One line of figures."""
        each = ", ".join(f"{n / s:.0f}" for n, s in self.rounds)
        return (
            f"{self.name}: {len(self.rounds)} rounds of {users} users x {STEPS} updates, "
            f"{self.rate:.1f} updates/s (rounds: {each}), p50 {self.percentile(0.5):.1f} ms, "
            f"p90 {self.percentile(0.9):.1f} ms, p99 {self.percentile(0.99):.1f} ms, "
            f"max {self.latencies[-1] * 1000:.1f} ms"
        )


async def wait_for_sandbox(base: str, procs: Processes) -> None:
    """Poll getMe every 0.1 s until the sandbox answers (bounded: START_SECONDS)."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        for _ in range(round(START_SECONDS / 0.1)):
            procs.check()
            with suppress(aiohttp.ClientError, TimeoutError):
                async with session.get(f"{base}/bot{DEFAULT_TOKEN}/getMe") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise BenchError(f"the sandbox at {base} did not answer within {START_SECONDS:.0f} s")


async def drive(name: str, base: str, procs: Processes, shape: Shape, flow: Flow) -> Part:
    """Warm the bot up with one extra user's flow (proving it is up), then time each round."""
    users, rounds = shape
    timeout = aiohttp.ClientTimeout(total=ANSWER_SECONDS + 10)
    connector = aiohttp.TCPConnector(limit=users + 10)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        ctl = Control(session, base, procs)
        ids = [FIRST_USER + n for n in range(users * rounds + 1)]
        for user in ids:
            await ctl.call("users", user_id=user, first_name=f"用户{user}", language_code="zh")
        print(f"{name}: waiting for the bot (one warm-up flow)", flush=True)
        await asyncio.wait_for(flow(ctl, ids.pop(), []), START_SECONDS)
        latencies: list[float] = []
        figures: list[tuple[int, float]] = []
        for group in (ids[n : n + users] for n in range(0, len(ids), users)):
            before, started = len(latencies), time.perf_counter()
            await asyncio.gather(*(flow(ctl, user, latencies) for user in group))
            figures.append((len(latencies) - before, time.perf_counter() - started))
    return Part(name, figures, latencies)


def run_part(name: str, folder: Path, bot: BotSpec, shape: Shape, flow: Flow) -> Part:
    """A sandbox and a bot process, the users driven, both processes stopped (also on error)."""
    procs = Processes(folder)
    try:
        port = procs.free_port()
        base = f"http://127.0.0.1:{port}"
        sandbox = [sys.executable, "-m", "sandbox.telegram", "--port", str(port)]
        procs.start("sandbox", sandbox, ROOT, {})
        asyncio.run(wait_for_sandbox(base, procs))
        argv, cwd, env = bot
        filled = {key: value.replace("{base}", base) for key, value in env.items()}
        procs.start(name, [a.replace("{base}", base) for a in argv], cwd, filled)
        return asyncio.run(drive(name, base, procs, shape, flow))
    finally:
        procs.stop_all()


def main(users: int, rounds: int) -> None:
    """Both parts, their figures, and the summary line last."""
    shape, members = (users, rounds), users * rounds + 1  # the last member warms up
    with TemporaryDirectory(prefix="zhibao-inbound-") as temp:
        echo_argv = [sys.executable, "-m", "bench.telegram_echo", "{base}", DEFAULT_TOKEN]
        echo = run_part("echo", Path(temp, "echo"), (echo_argv, ROOT, {}), shape, echo_flow)
        print(echo.describe(users), flush=True)
        folder = Path(temp, "zhibao")
        run = prepare(folder, FIRST_USER, members)
        env = {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "ZHIBAO_TELEGRAM_BASE_URL": "{base}"}
        zhibao = run_part("zhibao", folder, (run, folder, env), shape, zhibao_flow)
        print(zhibao.describe(users), flush=True)
        issues, handled = count_rows(folder / "zhibao.db")
        print(
            f"zhibao: the database holds {issues} issues and {handled} handled updates "
            f"(expected {members} and {members * STEPS}, warm-up included)",
            flush=True,
        )
    print(
        f"inbound: zhibao {zhibao.rate:.1f} updates/s, echo {echo.rate:.1f} updates/s, "
        f"ratio {zhibao.rate / echo.rate:.2f}, p50 {zhibao.percentile(0.5):.1f} ms, "
        f"p99 {zhibao.percentile(0.99):.1f} ms",
        flush=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=40, help="simulated users (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    arguments = parser.parse_args()
    if arguments.users < 1 or arguments.rounds < 1:
        parser.error("--users and --rounds must be at least 1")
    try:
        main(arguments.users, arguments.rounds)
    except (BenchError, PrepareError) as error:
        sys.exit(f"telegram_inbound: error: {error}")

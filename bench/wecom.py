"""WeCom throughput: inbound callbacks against a bare handler, outbound cards to 400 members.

Inbound: members of the emulator (`sandbox.wecom`, in this process) act concurrently, each
sending its next message or click once the previous one was answered: the same closed-loop
load on two callback servers in turn. The bare one is an aiohttp handler that checks and
decrypts each callback (WeComCrypto), answers 200 and echoes the text back through
message/send. zhibao is the real WeComChannel (CallbackReceiver → durable inbox → runner →
dialogs → WeComMessenger) on a migrated SQLite database, and each member registers an
enterprise and files an issue: /start, name, credit code, contact, phone, /new, the
description, then 完成, 一般 and 提交 clicked on the cards. The emulator pushes callbacks
one at a time, as WeCom does; the figure is callbacks per second over the timed rounds.
An answer is seen when the member's view changed: a message arrived or a card was updated
(polled every 1 ms doubling to 8 ms, for both servers alike).

Outbound: 400 members with WeCom identities and one HIGH notice each (a card with its
button), sent by the real Dispatcher through WeComMessenger; the emulator counts what it
dropped silently over WeCom's per-member limits (30 a minute, 1,000 an hour).
Usage: python -m bench.wecom [--users N] [--rounds R] [--members M]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.wecom_parts import (
    BenchError,
    Driver,
    bare_server,
    outbound,
    zhibao_server,
)
from sandbox.wecom import WeComSandboxServer

Flow = Callable[[Driver, str, list[float]], Awaitable[int]]
START_SECONDS = 60.0
ECHO_STEPS = 5
DESCRIPTION = "厂区变电站迟迟不能送电，企业 {user} 无法按期投产。"


async def echo_flow(driver: Driver, user: str, latencies: list[float]) -> int:
    """Five texts, each echoed before the next goes; the callbacks it took."""
    for step in range(ECHO_STEPS):
        text = f"回声 {user} #{step}"
        await driver.say(user, text, latencies)
        if driver.last_text(user) != text:
            raise BenchError(f"echo to {user}: {driver.last_text(user)!r} instead of {text!r}")
    return ECHO_STEPS


async def zhibao_flow(driver: Driver, user: str, latencies: list[float]) -> int:
    """Register an enterprise and file an issue; the callbacks it took."""
    number = int(user.removeprefix("member"))
    texts = [
        "/start",
        f"基准铝业{number}有限公司",
        driver.credit_code(number),
        f"联系人{number}",
        f"139{number:08d}",
        "/new",
        DESCRIPTION.format(user=user),
    ]
    for text in texts:
        await driver.say(user, text, latencies)
    for label in ("完成", "一般", "提交"):
        await driver.click(user, label, latencies)
    await driver.settled(user, lambda text: text.startswith("已受理"))
    return len(texts) + 3


async def drive(
    name: str, emulator: WeComSandboxServer, flow: Flow, users: int, rounds: int
) -> float:
    """A warm-up flow, then `rounds` rounds of `users` members at once: callbacks/s."""
    driver = Driver(emulator.sandbox)
    members = [f"member{n}" for n in range(users * rounds + 1)]
    for member in members:
        emulator.sandbox.add_member(member, f"用户{member}")
    await asyncio.wait_for(flow(driver, members.pop(), []), START_SECONDS)
    latencies: list[float] = []
    done, seconds = 0, 0.0
    for group in (members[n : n + users] for n in range(0, len(members), users)):
        started = time.perf_counter()
        counts = await asyncio.gather(*(flow(driver, user, latencies) for user in group))
        seconds += time.perf_counter() - started
        done += sum(counts)
    latencies.sort()
    p50, p99 = (latencies[int(q * (len(latencies) - 1))] * 1000 for q in (0.5, 0.99))
    rate = done / seconds
    print(
        f"{name}: {rounds} rounds of {users} members, {done} callbacks in {seconds:.2f} s, "
        f"{rate:.1f} callbacks/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms",
        flush=True,
    )
    return rate


async def part(name: str, users: int, rounds: int, folder: Path) -> float:
    """One callback server against a fresh emulator: its callbacks/s."""
    emulator = WeComSandboxServer()
    await emulator.start()
    stop: Callable[[], Awaitable[None]]
    try:
        if name == "bare":
            stop = await bare_server(emulator)
            flow: Flow = echo_flow
        else:
            stop = await zhibao_server(emulator, folder / "zhibao.db")
            flow = zhibao_flow
        try:
            return await drive(name, emulator, flow, users, rounds)
        finally:
            await stop()
    finally:
        await emulator.stop()


async def main(users: int, rounds: int, members: int) -> None:
    """Both inbound parts, the outbound part, and the summary line last."""
    with tempfile.TemporaryDirectory(prefix="zhibao-wecom-") as temp:
        bare = await part("bare", users, rounds, Path(temp))
        zhibao = await part("zhibao", users, rounds, Path(temp))
        ratio = zhibao / bare
        print(f"inbound: zhibao {zhibao:.1f} callbacks/s, bare {bare:.1f}, ratio {ratio:.2f}")
        sent, total, dropped = await outbound(members, Path(temp) / "outbound.db")
    print(
        f"wecom: inbound ratio {ratio:.2f}, outbound {sent}/{total} sent, over-limit {dropped}",
        flush=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20, help="members at once (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--members", type=int, default=400, help="outbound (default 400)")
    arguments = parser.parse_args()
    if min(arguments.users, arguments.rounds, arguments.members) < 1:
        parser.error("--users, --rounds and --members must be at least 1")
    try:
        asyncio.run(main(arguments.users, arguments.rounds, arguments.members))
    except BenchError as error:
        sys.exit(f"wecom: error: {error}")

"""Telegram's send limits kept on our side (§13), on a virtual clock that moves only by sleeps."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Coroutine, Iterable
from typing import Any

import pytest

from handlers.telegram import limiter as limiter_module
from handlers.telegram.limiter import SendLimiter, Window

SPAN = 1.05  # one second and the margin
GROUP_SPAN = 60.05
EPSILON = 1e-9


class VirtualTime:
    """A clock and a sleep: when every task waits, the clock jumps to the earliest wake-up."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def clock(self) -> float:
        return self.now

    async def sleep(self, delay: float) -> None:
        self.sleeps.append(delay)
        woken = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + delay, next(self._order), woken))
        await woken

    async def run(self, *work: Coroutine[Any, Any, Any]) -> list[Any]:
        """Run the coroutines side by side to the end, moving the clock as they sleep."""
        tasks = [asyncio.ensure_future(w) for w in work]
        while True:
            for _ in range(20):  # let every task that can run reach its next sleep
                await asyncio.sleep(0)
            if all(t.done() for t in tasks):
                return [t.result() for t in tasks]
            assert self._sleepers, "every task waits and none sleeps"
            wake, _, woken = heapq.heappop(self._sleepers)
            self.now = max(self.now, wake)
            woken.set_result(None)

    def limiter(self, **kw: Any) -> SendLimiter:
        return SendLimiter(clock=self.clock, sleep=self.sleep, **kw)


async def send_in_turn(
    limiter: SendLimiter, time: VirtualTime, chats: Iterable[str]
) -> list[float]:
    """Acquire for each chat one after another; when each was let through."""
    times = []
    for chat in chats:
        await limiter.acquire(chat)
        times.append(time.now)
    return times


async def send_at(limiter: SendLimiter, time: VirtualTime, chat: str, start: float) -> float:
    """Acquire for the chat once the clock reads `start`; when it was let through."""
    if start > time.now:
        await time.sleep(start - time.now)
    await limiter.acquire(chat)
    return time.now


def most_in_any_window(times: list[float], span: float) -> int:
    """The most sends that fall in one window of `span` seconds (both ends counted)."""
    return max(sum(1 for t in times if start <= t <= start + span - EPSILON) for start in times)


async def test_thirty_one_sends_to_distinct_chats_take_more_than_a_second() -> None:
    time = VirtualTime()
    limiter = time.limiter()
    [times] = await time.run(send_in_turn(limiter, time, (str(n) for n in range(1, 32))))
    assert times[:30] == [0.0] * 30
    assert times[30] >= SPAN - EPSILON and limiter.waited >= SPAN - EPSILON
    assert most_in_any_window(times, SPAN) == 30


async def test_a_hundred_sends_keep_thirty_in_every_window() -> None:
    time = VirtualTime()
    [times] = await time.run(send_in_turn(time.limiter(), time, (str(n) for n in range(100))))
    assert most_in_any_window(times, SPAN) == 30
    assert times[-1] == pytest.approx(3 * SPAN)


async def test_two_sends_to_one_private_chat_are_a_second_apart() -> None:
    time = VirtualTime()
    [times] = await time.run(send_in_turn(time.limiter(), time, ["42", "42"]))
    assert times[1] - times[0] >= SPAN - EPSILON


async def test_the_twenty_first_send_to_a_group_waits_a_minute() -> None:
    time = VirtualTime()
    [times] = await time.run(send_in_turn(time.limiter(), time, ["-1001234"] * 21))
    assert times[:20] == [0.0] * 20
    assert times[20] - times[0] >= GROUP_SPAN - EPSILON


async def test_note_counts_without_waiting_and_the_next_acquire_waits() -> None:
    time = VirtualTime()
    limiter = time.limiter()
    limiter.note("42")
    for n in range(29):
        limiter.note(f"other{n}")
    assert (time.now, limiter.waited, time.sleeps) == (0.0, 0.0, [])
    [times] = await time.run(send_in_turn(limiter, time, ["43"]))
    assert times == [pytest.approx(SPAN)], "the overall window is full"
    [times] = await time.run(send_in_turn(limiter, time, ["42"]))
    assert times == [pytest.approx(SPAN)], "a second after the noted message"


async def test_a_pause_holds_everything() -> None:
    time = VirtualTime()
    limiter = time.limiter()
    limiter.pause(3)
    limiter.pause(1)  # a shorter pause does not cut a longer one short
    results = await time.run(
        send_at(limiter, time, "1", 0),
        send_at(limiter, time, "-100", 0),
        send_at(limiter, time, "2", 2),
    )
    assert results == [3.0, 3.0, 3.0]
    limiter.pause(3)
    [after] = await time.run(send_at(limiter, time, "3", 0))
    assert after == 6.0


async def test_a_busy_private_chat_does_not_hold_up_the_others() -> None:
    time = VirtualTime()
    limiter = time.limiter()
    busy = [send_at(limiter, time, "1", 0) for _ in range(3)]
    group = [send_at(limiter, time, "-100", 0) for _ in range(21)]
    others = [send_at(limiter, time, chat, 0.5) for chat in ("2", "3")]
    results = await time.run(*busy, *group, *others)
    assert sorted(results[:3]) == pytest.approx([0, SPAN, 2 * SPAN])
    assert results[3:23] == [0.0] * 20 and results[23] == pytest.approx(GROUP_SPAN)
    assert results[24:] == [0.5, 0.5]


async def one_chat_while_the_bot_is_busy() -> list[float]:
    """Three sends to one private chat, two waiting on its lock, the third arriving after the
    lock was let go, while the overall window fills and empties at once; when each went."""
    time = VirtualTime()
    # Spans of 1.25 s keep the virtual clock's sums exact.
    limiter = time.limiter(overall=Window(30, 1.0), private_chat=Window(1, 1.0), margin=0.25)
    limiter.note("1")

    async def fill_overall_at(start: float) -> None:
        await time.sleep(start)
        for n in range(30):
            limiter.note(f"f{n}")

    sends = await time.run(
        send_at(limiter, time, "1", 0),  # waits for the noted message, holding the lock
        send_at(limiter, time, "1", 0),  # waits on the lock meanwhile
        fill_overall_at(1.5),
        send_at(limiter, time, "1", 1.5),  # comes after the lock was let go
    )
    return sorted(t for t in sends if t is not None)


async def test_a_private_chat_stays_at_one_a_second_while_the_bot_is_busy() -> None:
    times = await one_chat_while_the_bot_is_busy()
    assert all(b - a >= 1.25 for a, b in itertools.pairwise(times)), times


async def test_a_private_chat_stays_at_one_a_second_past_the_kept_chats(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limiter_module, "KEPT_CHATS", 0)  # as if 10,000 chats were known
    times = await one_chat_while_the_bot_is_busy()
    assert all(b - a >= 1.25 for a, b in itertools.pairwise(times)), times

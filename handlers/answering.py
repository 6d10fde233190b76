"""A turn's answer sent at once if the channel takes it, else kept in the outbox: never lost
(§13). Shared by every channel: its messenger says how a send failed (DeliveryError).

The replies go out in order. A flood answer waits as long as the channel asks; time-outs,
network faults and server errors are tried again after a short back-off; a refusal (a blocked
bot, a chat that is gone, a message the channel will not take) skips that reply, as no retry
would help. A
reply still failing when the answer's patience runs out is kept, with every later reply of
the answer, for the outbox dispatcher to send in order; while they wait, this process keeps
the chat's later answers too, so that none overtakes them. A time-out may mean the channel got the
message after all, so that reply may arrive twice: at least once, never not at all.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from bot.dialogs.events import Answer, Reply
from bot.dialogs.kept_replies import reply_params
from bot.dialogs.notices import DeliveryError
from bot.services.delivery import answers_waiting, keep_answers
from bot.services.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class AnswerPolicy:
    """How hard an answer is tried before the rest of it is left to the outbox.

    `backoff` is the wait before each further try after a time-out or a server error. A
    retry is made only when its wait ends within `patience` of the answer's start, so the
    chat's lane is not held up long (a try under way still has its own time-out).
    """

    backoff: tuple[float, ...] = (0.5, 1.0, 2.0)
    patience: float = 5.0

    def __post_init__(self) -> None:
        if self.patience <= 0 or any(wait <= 0 for wait in self.backoff):
            raise ValueError("patience and every back-off must be more than 0 seconds")


class AnsweringMessenger(Protocol):
    """A channel's messenger as the answers use it: sends at once, failures as DeliveryError."""

    channel: str

    async def answer(self, reply: Reply) -> str: ...


@dataclass(frozen=True)
class Failure:
    """A call given up: refused by the channel for good (`permanent`), or not through in time."""

    error: DeliveryError
    permanent: bool = False


class AnswerSender:
    """Sends the dialogs' answers through the messenger, retrying, and keeps what fails."""

    def __init__(
        self,
        messenger: AnsweringMessenger,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        policy: AnswerPolicy | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.messenger, self.new_uow, self.clock = messenger, new_uow, clock
        self.policy = policy or AnswerPolicy()
        self.monotonic, self.sleep = monotonic, sleep
        # Chats with answers kept in the outbox: a later answer there queues behind them.
        self.behind: set[str] = set()

    async def send(
        self,
        key: str,
        answer: Answer,
        acknowledge: Callable[[], Awaitable[object]] | None = None,
    ) -> list[str | None]:
        """Send the answer's replies in order, then `acknowledge` the pressed button, if any.

        Returns each reply's message id, or None for one refused or kept for later. `key`
        names the answer (its update's inbox key): keeping it again keeps nothing twice.
        """
        deadline = self.monotonic() + self.policy.patience
        replies = answer.replies
        sent: list[str | None] = []
        for n, reply in enumerate(replies):
            if await self._queued_behind(reply.chat_id):
                await self._keep(f"{key}:{n}", replies[n:])
                sent.extend([None] * (len(replies) - n))
                break
            outcome = await self._tried(_sending(self.messenger, reply), deadline)
            if not isinstance(outcome, Failure):
                sent.append(str(outcome))
            elif outcome.permanent:
                # A blocked bot, a chat that is gone: the next replies may still go elsewhere.
                log.warning("a reply to %s was refused: %s", key, outcome.error)
                sent.append(None)
            else:
                log.warning("replies to %s are kept for later: %s", key, outcome.error)
                await self._keep(f"{key}:{n}", replies[n:])
                sent.extend([None] * (len(replies) - n))
                break
        if acknowledge is not None:
            # Never kept: a button's answer is of no use once the client stopped waiting.
            pressed = await self._tried(acknowledge, deadline)
            if isinstance(pressed, Failure):
                log.warning("the button of %s was not answered: %s", key, pressed.error)
        return sent

    async def _tried(self, call: Callable[[], Awaitable[T]], deadline: float) -> T | Failure:
        """The call's result; tried again while another try may help and patience lasts."""
        failures = 0
        while True:
            try:
                return await call()
            except DeliveryError as error:
                # The messenger paused its own sending when the channel asked it to wait.
                if error.permanent:
                    return Failure(error, permanent=True)
                if error.retry_after is not None:
                    wait = error.retry_after
                elif failures >= len(self.policy.backoff):
                    return Failure(error)
                else:  # time-outs, 5xx, connection faults
                    wait = self.policy.backoff[failures]
                    failures += 1
                if self.monotonic() + wait > deadline:
                    return Failure(error)
                await self.sleep(wait)

    async def _queued_behind(self, chat_id: str) -> bool:
        """Whether answers kept earlier for the chat still wait (then this one waits too)."""
        if chat_id not in self.behind:
            return False
        if await answers_waiting(self.new_uow, chat_id):
            return True
        self.behind.discard(chat_id)
        return False

    async def _keep(self, key: str, replies: Sequence[Reply]) -> None:
        kept = [(reply.chat_id, reply_params(reply)) for reply in replies]
        await keep_answers(self.new_uow, self.messenger.channel, key, kept, self.clock())
        self.behind.update(reply.chat_id for reply in replies)


def _sending(messenger: AnsweringMessenger, reply: Reply) -> Callable[[], Awaitable[str]]:
    # Bound here: a lambda in the loop would close over the loop's variable, not this reply.
    return lambda: messenger.answer(reply)

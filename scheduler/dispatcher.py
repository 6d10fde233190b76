"""The outbox dispatcher: sends due notices by priority, within the limits, once (§9, §13)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.dialogs.bundles import bundle
from bot.dialogs.events import Reply
from bot.dialogs.notices import DeliveryError, Messenger, render
from bot.domain.disturbance import coalesce_until, decide, effective_priority
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.i18n.catalog import Catalog
from bot.services.context import Context
from bot.services.delivery import (
    Delivery,
    alert_admins,
    claim_deliveries,
    last_normal_sent,
    record_outcomes,
)
from bot.services.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchPolicy:
    """How hard the dispatcher tries: claims, concurrency, retries and their back-off."""

    batch: int = 100
    workers: int = 8
    # Messages one chat gets in a round; the rest wait for the next round, so one busy chat
    # (a group may take 20 a minute) never keeps a round, and the notices behind it, waiting.
    per_chat: int = 3
    max_attempts: int = 5
    backoff: float = 5.0
    backoff_cap: float = 300.0
    # Long enough to send a whole batch at 30 a second; a dead dispatcher's claim runs out.
    claim_for: timedelta = timedelta(minutes=2)

    def retry_delay(self, attempts: int) -> timedelta:
        """Back-off after the `attempts`-th failed try: doubling, capped."""
        return timedelta(seconds=min(self.backoff * 2 ** (attempts - 1), self.backoff_cap))


@dataclass
class DispatchReport:
    """What one round did, by outcome."""

    claimed: int = 0
    sent: int = 0
    messages: int = 0
    held: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    deferred: int = 0


class Dispatcher:
    """Claims due notices, applies 无事不扰, coalesces routine ones and sends the rest."""

    def __init__(
        self,
        new_uow: UnitOfWorkFactory,
        ctx: Context,
        catalog: Catalog,
        messenger: Messenger,
        holder: str,
        clock: Callable[[], datetime],
        policy: DispatchPolicy | None = None,
    ) -> None:
        self.new_uow, self.ctx, self.catalog, self.messenger = new_uow, ctx, catalog, messenger
        self.holder, self.clock = holder, clock
        self.policy = policy or DispatchPolicy()

    async def run_once(self) -> DispatchReport:
        """One round: claim a batch, decide each notice's fate, send, record outcomes."""
        now = self.clock()
        until = now + self.policy.claim_for
        deliveries = await claim_deliveries(
            self.new_uow,
            self.ctx,
            self.messenger.channel,
            self.holder,
            now,
            until,
            self.policy.batch,
        )
        report = DispatchReport(claimed=len(deliveries))
        outcomes: list[Notice] = []
        sends, routine = self._triage(deliveries, now, outcomes, report)
        for group in routine.values():
            last = await last_normal_sent(self.new_uow, group[0].notice)
            hold = coalesce_until(last, self.ctx.coalesce_window, now)
            if hold is None:
                sends.append(group)
                continue
            outcomes.extend(_held(d.notice, hold) for d in group)
            report.held += len(group)
        sends = self._within_chat_budget(sends, outcomes, report)
        gate = asyncio.Semaphore(self.policy.workers)
        results = await asyncio.gather(*(self._send(group, gate, report) for group in sends))
        for result in results:
            outcomes.extend(result)
        await record_outcomes(self.new_uow, outcomes)
        return report

    def _triage(
        self,
        deliveries: list[Delivery],
        now: datetime,
        outcomes: list[Notice],
        report: DispatchReport,
    ) -> tuple[list[list[Delivery]], dict[tuple[int | None, int | None], list[Delivery]]]:
        """What goes now, alone or (routine notices) by recipient; the rest waits or drops."""
        sends: list[list[Delivery]] = []
        routine: dict[tuple[int | None, int | None], list[Delivery]] = {}
        for delivery in deliveries:
            notice = delivery.notice
            if delivery.chat_id is None or delivery.recipient is None:
                log.warning(
                    "notice %s: %s has no %s chat; dropped",
                    notice.dedupe_key,
                    delivery.who,
                    self.messenger.channel,
                )
                outcomes.append(_ended(notice, NoticeStatus.DROPPED, "unreachable"))
                report.dropped += 1
                continue
            verdict = decide(
                notice.priority, notice.template, delivery.recipient, self.ctx.calendar, now
            )
            if verdict.at is None:
                outcomes.append(_ended(notice, NoticeStatus.DROPPED, verdict.reason))
                report.dropped += 1
            elif verdict.at > now:
                outcomes.append(_held(notice, verdict.at))
                report.held += 1
            elif effective_priority(notice.priority, delivery.recipient) is Priority.NORMAL:
                routine.setdefault((notice.person_id, notice.task_force_id), []).append(delivery)
            else:
                sends.append([delivery])
        return sends, routine

    def _within_chat_budget(
        self, sends: list[list[Delivery]], outcomes: list[Notice], report: DispatchReport
    ) -> list[list[Delivery]]:
        """The sends each chat has room for this round; the others go back, still due."""
        counts: dict[str, int] = {}
        kept = []
        for group in sends:
            chat = group[0].chat_id or ""
            counts[chat] = counts.get(chat, 0) + 1
            if counts[chat] <= self.policy.per_chat:
                kept.append(group)
                continue
            outcomes.extend(_held(d.notice, d.notice.not_before) for d in group)
            report.deferred += len(group)
        return kept

    async def _send(
        self, group: list[Delivery], gate: asyncio.Semaphore, report: DispatchReport
    ) -> list[Notice]:
        outcomes: list[Notice] = []
        renderable: list[tuple[Delivery, Reply]] = []
        for delivery in group:
            try:
                renderable.append((delivery, render(self.catalog, delivery, self.ctx.calendar.tz)))
            except Exception:  # a notice we cannot render would block every one behind it
                log.exception("notice %s cannot be rendered; dropped", delivery.notice.dedupe_key)
                outcomes.append(_ended(delivery.notice, NoticeStatus.DROPPED, "unrenderable"))
                report.dropped += 1
        replies = [reply for _, reply in renderable]
        messages = bundle(self.catalog, group[0].language, replies)
        done = 0
        async with gate:
            for message, count in messages:
                carried = renderable[done : done + count]
                try:
                    ref = await self.messenger.send(message)
                except DeliveryError as error:
                    return outcomes + await self._failed(
                        [d for d, _ in renderable[done:]], error, report
                    )
                except Exception as error:  # a messenger's own fault: retried like a time-out
                    log.exception("sending to %s failed", group[0].who)
                    failure = DeliveryError(repr(error))
                    return outcomes + await self._failed(
                        [d for d, _ in renderable[done:]], failure, report
                    )
                # Recorded per message: a bundle cut short is not sent again in full.
                outcomes.extend(_sent(d.notice, ref, self.clock()) for d, _ in carried)
                done += count
                report.sent += count
                report.messages += 1
        return outcomes

    async def _failed(
        self, group: list[Delivery], error: DeliveryError, report: DispatchReport
    ) -> list[Notice]:
        now = self.clock()
        kept = []
        for delivery in group:
            notice = delivery.notice
            if error.retry_after is not None:
                # Flood control is our pacing's miss, not the notice's fault: no attempt counts.
                wait = timedelta(seconds=error.retry_after)
                kept.append(_held(notice, now + wait, str(error)))
                report.retried += 1
                continue
            attempts = notice.attempts + 1
            if error.permanent or attempts >= self.policy.max_attempts:
                log.warning(
                    "notice %s to %s failed for good: %s", notice.dedupe_key, delivery.who, error
                )
                kept.append(
                    replace(_ended(notice, NoticeStatus.FAILED, str(error)), attempts=attempts)
                )
                await alert_admins(self.new_uow, notice, delivery.who, str(error), now)
                report.failed += 1
                continue
            retry_at = now + self.policy.retry_delay(attempts)
            kept.append(replace(_held(notice, retry_at, str(error)), attempts=attempts))
            report.retried += 1
        return kept


def _sent(notice: Notice, ref: str, at: datetime) -> Notice:
    return replace(
        notice,
        status=NoticeStatus.SENT,
        sent_ref=ref,
        sent_at=at,
        attempts=notice.attempts + 1,
        claimed_by=None,
        claimed_until=None,
        error=None,
    )


def _held(notice: Notice, until: datetime | None, error: str | None = None) -> Notice:
    """Back in the queue, not before `until` (None: at once); the claim ends."""
    return replace(
        notice,
        status=NoticeStatus.QUEUED,
        not_before=until,
        claimed_by=None,
        claimed_until=None,
        error=error if error is not None else notice.error,
    )


def _ended(notice: Notice, status: NoticeStatus, reason: str) -> Notice:
    return replace(notice, status=status, claimed_by=None, claimed_until=None, error=reason[:500])

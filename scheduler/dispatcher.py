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
from bot.domain.relevance import still_relevant
from bot.i18n.catalog import Catalog
from bot.services.card_views import REFRESH_TEMPLATE, Screen, keep_screens, screens_after
from bot.services.channel_routing import ChannelPlan, reroute, route_notices
from bot.services.context import Context
from bot.services.delivery import claim_deliveries, last_normal_sent, record_outcomes
from bot.services.ports import UnitOfWorkFactory
from bot.services.recipients import Delivery
from scheduler.outcomes import ended, held, sent_now

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchPolicy:
    """How hard the dispatcher tries: claims, concurrency, retries and their back-off."""

    batch: int = 100
    workers: int = 8
    # Messages one chat gets in a round; the rest wait for the next round, so a busy chat (a
    # group may take 20 a minute) does not keep the round, and the notices behind it, waiting.
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
        plan: ChannelPlan | None = None,
    ) -> None:
        self.new_uow, self.ctx, self.catalog, self.messenger = new_uow, ctx, catalog, messenger
        self.holder, self.clock = holder, clock
        self.policy = policy or DispatchPolicy()
        # The city's channels: alone, this one (its groups show buttons).
        self.plan = plan or ChannelPlan((messenger.channel,), frozenset({messenger.channel}))

    @property
    def channel(self) -> str:
        """The channel this dispatcher sends on."""
        return self.messenger.channel

    async def run_once(self) -> DispatchReport:
        """One round: claim a batch, decide each notice's fate, send, record outcomes."""
        now = self.clock()
        until = now + self.policy.claim_for
        # Notices are queued for people and task forces; each goes out on the channel that
        # reaches its reader. Any channel's dispatcher may route: it is idempotent.
        await route_notices(self.new_uow, self.plan, now)
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
        settled: list[tuple[Notice, str]] = []
        sends, routine = self._triage(deliveries, now, settled, report)
        for group in routine.values():
            last = await last_normal_sent(self.new_uow, group[0].notice)
            hold = coalesce_until(last, self.ctx.coalesce_window, now)
            if hold is None:
                sends.append(group)
                continue
            settled.extend((held(d.notice, hold), d.who) for d in group)
            report.held += len(group)
        sends = self._within_chat_budget(sends, settled, report)
        # What waits or was dropped is kept before anything is sent; each send is kept as
        # soon as it is done, so a failure later in the round never has it sent twice.
        await record_outcomes(self.new_uow, self.holder, settled, now)
        # One task per chat sends that chat's messages in order; chats go side by side.
        chats: dict[str, list[list[Delivery]]] = {}
        for group in sends:
            chats.setdefault(group[0].chat_id or "", []).append(group)
        gate = asyncio.Semaphore(self.policy.workers)
        results = await asyncio.gather(
            *(self._send_chat(groups, gate, report) for groups in chats.values()),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, BaseException):
                log.error("a send of this round failed", exc_info=result)
        return report

    async def _send_chat(
        self, groups: list[list[Delivery]], gate: asyncio.Semaphore, report: DispatchReport
    ) -> None:
        """A chat's messages in order; after a failure the rest wait, so none overtakes."""
        async with gate:
            for n, group in enumerate(groups):
                if not await self._send(group, report):
                    later = [
                        (held(d.notice, d.notice.not_before), d.who)
                        for waiting in groups[n + 1 :]
                        for d in waiting
                    ]
                    await record_outcomes(self.new_uow, self.holder, later, self.clock())
                    report.deferred += len(later)
                    return

    def _triage(
        self,
        deliveries: list[Delivery],
        now: datetime,
        settled: list[tuple[Notice, str]],
        report: DispatchReport,
    ) -> tuple[list[list[Delivery]], dict[tuple[int | None, int | None], list[Delivery]]]:
        """What goes now, alone or (routine notices) by recipient; the rest waits or drops."""
        sends: list[list[Delivery]] = []
        routine: dict[tuple[int | None, int | None], list[Delivery]] = {}
        for delivery in deliveries:
            notice = delivery.notice
            if delivery.problem is not None:
                failure = DeliveryError(delivery.problem)
                settled.extend(self._failed([delivery], failure, report, now))
                continue
            if delivery.chat_id is None or delivery.recipient is None:
                log.warning(
                    "notice %s: %s has no %s chat; dropped",
                    notice.dedupe_key,
                    delivery.who,
                    self.messenger.channel,
                )
                settled.append((ended(notice, NoticeStatus.DROPPED, "unreachable"), delivery.who))
                report.dropped += 1
                continue
            if delivery.view is not None and not still_relevant(notice, delivery.view.issue):
                # The issue moved on while the notice waited: its call to act is over.
                settled.append((ended(notice, NoticeStatus.DROPPED, "overtaken"), delivery.who))
                report.dropped += 1
                continue
            verdict = decide(
                notice.priority, notice.template, delivery.recipient, self.ctx.calendar, now
            )
            if verdict.at is None:
                settled.append((ended(notice, NoticeStatus.DROPPED, verdict.reason), delivery.who))
                report.dropped += 1
            elif verdict.at > now:
                settled.append((held(notice, verdict.at), delivery.who))
                report.held += 1
            elif effective_priority(notice.priority, delivery.recipient) is Priority.NORMAL:
                routine.setdefault((notice.person_id, notice.task_force_id), []).append(delivery)
            else:
                sends.append([delivery])
        return sends, routine

    def _within_chat_budget(
        self,
        sends: list[list[Delivery]],
        settled: list[tuple[Notice, str]],
        report: DispatchReport,
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
            settled.extend((held(d.notice, d.notice.not_before), d.who) for d in group)
            report.deferred += len(group)
        return kept

    async def _send(self, group: list[Delivery], report: DispatchReport) -> bool:
        """Send one notice, or a chat's routine notices bundled; False if a send failed."""
        dropped: list[tuple[Notice, str]] = []
        renderable: list[tuple[Delivery, Reply]] = []
        now = self.clock()
        fits = self.messenger.capabilities
        for delivery in group:
            try:
                reply = render(self.catalog, delivery, self.ctx.calendar, now, fits)
                renderable.append((delivery, reply))
            except Exception:  # a notice we cannot render would block every one behind it
                log.exception("notice %s cannot be rendered; dropped", delivery.notice.dedupe_key)
                gone = ended(delivery.notice, NoticeStatus.DROPPED, "unrenderable")
                dropped.append((gone, delivery.who))
                report.dropped += 1
        await record_outcomes(self.new_uow, self.holder, dropped, self.clock())
        replies = [reply for _, reply in renderable]
        messages = bundle(
            self.catalog,
            group[0].language,
            replies,
            fits.text_limit,
            text_bytes=fits.text_bytes,
            button_limit=fits.buttons_per_message,
        )
        done = 0
        for message, count in messages:
            try:
                ref = await self.messenger.send(message)
            except Exception as error:
                if not isinstance(error, DeliveryError):  # a messenger's own fault
                    log.exception("sending to %s failed", group[0].who)
                    error = DeliveryError(repr(error))
                if error.permanent and message.edit_only:
                    # The card's message is gone or cannot be edited: stop keeping it.
                    await self._keep_views(message, None, self.clock())
                rest = [d for d, _ in renderable[done:]]
                moved = await self._moved(rest, error)
                failed = self._failed(rest, error, report, self.clock(), moved)
                await record_outcomes(self.new_uow, self.holder, failed, self.clock())
                return False
            carried = renderable[done : done + count]
            sent_at = self.clock()
            sent = [(sent_now(d.notice, ref, sent_at), d.who) for d, _ in carried]
            await record_outcomes(self.new_uow, self.holder, sent, sent_at)
            await self._keep_views(message, ref, sent_at)
            done += count
            report.sent += count
            report.messages += 1
        return True

    async def _keep_views(self, message: Reply, ref: str | None, at: datetime) -> None:
        """Remember the cards a message shows now, so that it can be shown anew later;
        without a reference, the edit failed for good and the message is kept no more."""
        channel, chat = self.messenger.channel, message.chat_id
        if ref is None:
            assert message.edit_message_id is not None
            screens = [Screen(channel, chat, message.edit_message_id, (), at)]
        else:
            sent = ref.rpartition(":")[2]
            cards = tuple(
                (v.issue_id, v.kind, v.person_id, v.task_force_id) for v in message.views
            )
            screens = screens_after(channel, chat, message.edit_message_id, sent, cards, at)
        try:
            await keep_screens(self.new_uow, screens)
        except Exception:  # the message went; only its later updates are lost
            log.exception("the cards of message %s cannot be kept", ref)

    async def _moved(self, group: list[Delivery], error: DeliveryError) -> dict[str, str]:
        """Notices refused for good here, copied to their reader's next channel: by key."""
        if not error.permanent:
            return {}
        moved = {}
        for delivery in group:
            channel = await reroute(self.new_uow, self.plan, delivery.notice, self.channel)
            if channel is not None:
                moved[delivery.notice.dedupe_key] = channel
        return moved

    def _failed(
        self,
        group: list[Delivery],
        error: DeliveryError,
        report: DispatchReport,
        now: datetime,
        moved_to: dict[str, str] | None = None,
    ) -> list[tuple[Notice, str]]:
        """Back to the queue after the wait the failure calls for, or given up."""
        kept = []
        for delivery in group:
            notice = delivery.notice
            if error.retry_after is not None:
                # Flood control is our pacing's miss, not the notice's fault: no attempt counts.
                wait = timedelta(seconds=error.retry_after)
                kept.append((held(notice, now + wait, str(error)), delivery.who))
                report.retried += 1
                continue
            attempts = notice.attempts + 1
            moved = (moved_to or {}).get(notice.dedupe_key)
            if moved is not None:
                # The person is on another channel too: the notice went there instead.
                reason = f"sent on {moved} instead: {error}"
                kept.append((ended(notice, NoticeStatus.DROPPED, reason), delivery.who))
                report.dropped += 1
                continue
            if error.permanent and notice.template == REFRESH_TEMPLATE:
                # The card's message is gone or cannot be edited (and is kept no more):
                # nothing to tell anyone.
                kept.append((ended(notice, NoticeStatus.DROPPED, str(error)), delivery.who))
                report.dropped += 1
                continue
            if error.permanent or attempts >= self.policy.max_attempts:
                log.warning(
                    "notice %s to %s failed for good: %s", notice.dedupe_key, delivery.who, error
                )
                given_up = replace(
                    ended(notice, NoticeStatus.FAILED, str(error)), attempts=attempts
                )
                kept.append((given_up, delivery.who))
                report.failed += 1
                continue
            retry_at = now + self.policy.retry_delay(attempts)
            kept.append(
                (replace(held(notice, retry_at, str(error)), attempts=attempts), delivery.who)
            )
            report.retried += 1
        return kept

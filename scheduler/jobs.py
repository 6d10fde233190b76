"""The scheduler of one `zhibao run`: the sweep, the reports and the dispatcher (§8, §9, §13).

Timers are rows: the sweep derives what is due from stored deadlines, reports carry a key per
day and recipient, and the dispatcher reads the outbox. So a restart, or a second instance,
only changes who does the work and when, never whether it is done or done twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain.schedule import DIGEST_AT, WEEKLY_AT, report_moments
from bot.services.context import Context
from bot.services.digests import queue_morning_digests, queue_weekly_summaries
from bot.services.ports import UnitOfWorkFactory
from bot.services.sweep import sweep
from scheduler.dispatcher import Dispatcher, DispatchReport

log = logging.getLogger(__name__)


def dispatch_lease(channel: str) -> str:
    """The lease of a channel's dispatcher: one sender per channel among instances."""
    return f"dispatch:{channel}"


@dataclass(frozen=True)
class Cadence:
    """How often the jobs run."""

    sweep_every: float = 30.0
    # The dispatcher looks at the outbox this often when nobody wakes it.
    dispatch_every: float = 2.0
    lease_for: timedelta = timedelta(seconds=30)


def instance_name() -> str:
    """A name for this process among instances: host and a random suffix."""
    return f"{socket.gethostname()[:40]}-{secrets.token_hex(4)}"


class Scheduler:
    """APScheduler jobs for the sweep and the reports, and the dispatcher's own loop."""

    def __init__(
        self,
        new_uow: UnitOfWorkFactory,
        ctx: Context,
        dispatchers: Sequence[Dispatcher],
        clock: Callable[[], datetime],
        cadence: Cadence | None = None,
    ) -> None:
        if not dispatchers:
            raise ValueError("a scheduler needs a dispatcher for at least one channel")
        self.new_uow, self.ctx, self.clock = new_uow, ctx, clock
        # One per channel, each with its own lease and pace: a slow channel holds up no other.
        self.dispatchers = tuple(dispatchers)
        self.cadence = cadence or Cadence()
        self._wakes = {d.channel: asyncio.Event() for d in self.dispatchers}
        self._stop = asyncio.Event()
        self._aps: AsyncIOScheduler | None = None
        self._dispatching: list[asyncio.Task[None]] = []

    @property
    def dispatcher(self) -> Dispatcher:
        """The first channel's dispatcher (the only one in a single-channel city)."""
        return self.dispatchers[0]

    async def start(self) -> None:
        """Start the jobs; what a stop or a crash left due is caught up at once."""
        # APScheduler logs every run at INFO; with a job every few seconds that drowns the rest.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        aps = AsyncIOScheduler(timezone=self.ctx.calendar.tz)
        now = datetime.now(self.ctx.calendar.tz)
        every = IntervalTrigger(seconds=self.cadence.sweep_every)
        aps.add_job(self._guarded(self.sweep), every, id="sweep", next_run_time=now)
        for job, at in ((self.digests, DIGEST_AT), (self.weekly, WEEKLY_AT)):
            # Daily: the job itself knows working days, make-up Saturdays included.
            daily = CronTrigger(hour=at.hour, minute=at.minute)
            aps.add_job(self._guarded(job), daily, id=job.__name__, misfire_grace_time=None)
            aps.add_job(self._guarded(job), id=f"{job.__name__}-catch-up", next_run_time=now)
        for job in aps.get_jobs():
            job.modify(max_instances=1, coalesce=True)
        aps.start()
        self._aps = aps
        self._dispatching = [
            asyncio.create_task(self._dispatch_forever(d)) for d in self.dispatchers
        ]

    async def stop(self) -> None:
        """Stop the jobs, let the dispatcher finish its round, and give its lease up."""
        self._stop.set()
        self.wake()
        if self._aps is not None:
            self._aps.shutdown(wait=False)
        for task in self._dispatching:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        try:
            async with self.new_uow() as uow:
                for dispatcher in self.dispatchers:
                    await uow.leases.release(dispatch_lease(dispatcher.channel), dispatcher.holder)
                await uow.commit()
        except Exception:  # the leases then run out by themselves; stopping must go on
            log.exception("giving up the dispatch leases failed")

    def wake(self) -> None:
        """Have every channel's dispatcher look at the outbox now (notices were just queued)."""
        for event in self._wakes.values():
            event.set()

    async def sweep(self, now: datetime | None = None) -> None:
        """One deadline sweep at `now` (the current time); what it queued goes out at once."""
        report = await sweep(self.new_uow, self.ctx, now or self.clock())
        if report.actions:
            log.info("sweep: %d actions on %d issues", report.actions, report.issues)
            self.wake()

    async def digests(self, now: datetime | None = None) -> None:
        """Queue the day's morning digests, if they are due and not queued yet."""
        if await queue_morning_digests(self.new_uow, self.ctx, now or self.clock()):
            self.wake()

    async def weekly(self, now: datetime | None = None) -> None:
        """Queue the week's summaries, if they are due and not queued yet."""
        if await queue_weekly_summaries(self.new_uow, self.ctx, now or self.clock()):
            self.wake()

    async def catch_up(self, since: datetime, until: datetime) -> None:
        """After the clock leapt from `since` to `until`: the sweep and the reports at every
        report moment in between, then at `until`, so no digest or summary is skipped."""
        moments = report_moments(self.ctx.calendar, since, until)
        if not moments or moments[-1] != until:
            moments.append(until)
        for moment in moments:
            # In order, each at its own time: a digest counts what was overdue that morning.
            await self.sweep(moment)
            await self.digests(moment)
            await self.weekly(moment)

    async def _dispatch_forever(self, dispatcher: Dispatcher) -> None:
        # Only the lease holder sends, so several instances together keep a channel's limits.
        wake = self._wakes[dispatcher.channel]
        while not self._stop.is_set():
            busy = False
            try:
                if await self._hold_lease(dispatcher):
                    report = await self._round(dispatcher)
                    busy = report.claimed >= dispatcher.policy.batch or bool(report.deferred)
            except Exception:  # a failing round must not end delivery for good
                log.exception("dispatching %s notices failed", dispatcher.channel)
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), self.cadence.dispatch_every)
                wake.clear()

    async def _round(self, dispatcher: Dispatcher) -> DispatchReport:
        """One dispatcher round, the lease renewed while it sends (a round may take a while)."""
        heartbeat = asyncio.create_task(self._renew_lease(dispatcher))
        try:
            return await dispatcher.run_once()
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat

    async def _renew_lease(self, dispatcher: Dispatcher) -> None:
        while True:
            await asyncio.sleep(self.cadence.lease_for.total_seconds() / 3)
            try:
                if not await self._hold_lease(dispatcher):
                    log.warning(
                        "the %s dispatch lease went to another instance", dispatcher.channel
                    )
            except Exception:  # the round goes on; the next one asks for the lease again
                log.exception("renewing the dispatch lease failed")

    async def _hold_lease(self, dispatcher: Dispatcher) -> bool:
        """Take the channel's dispatch lease, or renew it if ours; False while another
        instance has it."""
        now = self.clock()
        async with self.new_uow() as uow:
            held = await uow.leases.acquire(
                dispatch_lease(dispatcher.channel),
                dispatcher.holder,
                now,
                now + self.cadence.lease_for,
            )
            await uow.commit()
        return held

    def _guarded(self, job: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            try:
                await job()
            except Exception:  # one failed run must not stop the schedule
                log.exception("scheduled job %s failed", job.__name__)

        run.__name__ = job.__name__
        return run

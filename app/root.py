"""The composition root: the one place that wires storage, use cases, dialogs, the scheduler
and the channels of `zhibao run` (cosmicpython's bootstrap).

Each channel (handlers/telegram, handlers/wecom) receives on its own and sends through its
messenger; the dialogs are shared, and so is the outbox, which one dispatcher per channel
empties at that channel's pace.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.bootstrap import App
from bot.dialogs.capabilities import Capabilities
from bot.dialogs.engine import Dialogs
from bot.dialogs.notices import Messenger
from bot.dialogs.turn import DialogDeps
from bot.domain.model import Attachment
from bot.i18n.catalog import Catalog, default_catalog
from bot.services.channel_routing import ChannelPlan
from bot.services.ports import UnitOfWorkFactory
from handlers.files import FetchFile, fetch_by_channel
from scheduler.dispatcher import Dispatcher, DispatchPolicy
from scheduler.jobs import Cadence, Scheduler, instance_name

log = logging.getLogger(__name__)


class Channel(Protocol):
    """A chat channel as `zhibao run` drives it."""

    @property
    def name(self) -> str:
        """The channel's name ("telegram", "wecom")."""
        ...

    @property
    def capabilities(self) -> Capabilities:
        """What the channel's chats can show and take."""
        ...

    @property
    def messenger(self) -> Messenger:
        """What the outbox's dispatcher for this channel sends through."""
        ...

    async def open(self, catalog: Catalog) -> None:
        """Connect (check credentials, publish menus); a refusal is said in words."""
        ...

    async def run(
        self,
        dialogs: Dialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        wake: Callable[[], object],
        stop: asyncio.Event,
    ) -> None:
        """Receive and handle until `stop` is set; `wake` has the outbox looked at."""
        ...

    async def fetch_file(self, file: Attachment) -> bytes:
        """The bytes of a file people sent on this channel (for another channel's messenger)."""
        ...

    def relay_files(self, fetch: FetchFile) -> None:
        """Have the messenger send other channels' files, fetched with `fetch`."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


def now_utc() -> datetime:
    """The wall clock; the root is the edge, where reading it is allowed."""
    return datetime.now(UTC)


def channel_plan(channels: Sequence[Channel]) -> ChannelPlan:
    """The city's channels in order, and which of them show buttons in group chats."""
    return ChannelPlan(
        tuple(c.name for c in channels),
        frozenset(c.name for c in channels if c.capabilities.group_buttons),
    )


def build_dialogs(
    app: App, catalog: Catalog, channels: Sequence[Channel], telegram_bot: str | None = None
) -> Dialogs:
    """The dialogs, told what each channel can show and take."""
    capabilities = {c.name: c.capabilities for c in channels}
    deps = DialogDeps(
        app.uow, app.ctx, catalog, telegram_bot=telegram_bot, capabilities=capabilities
    )
    return Dialogs(deps)


def build_scheduler(
    app: App,
    catalog: Catalog,
    messengers: Sequence[Messenger],
    clock: Callable[[], datetime],
    plan: ChannelPlan | None = None,
) -> Scheduler:
    """The sweep, the reports and one outbox dispatcher per channel's messenger."""
    settings = app.settings
    policy = DispatchPolicy(max_attempts=settings.max_attempts)
    plan = plan or ChannelPlan(
        tuple(m.channel for m in messengers),
        frozenset(m.channel for m in messengers if m.capabilities.group_buttons),
    )
    holder = instance_name()
    dispatchers = [
        Dispatcher(app.uow, app.ctx, catalog, m, holder, clock, policy=policy, plan=plan)
        for m in messengers
    ]
    cadence = Cadence(
        sweep_every=settings.sweep_seconds,
        dispatch_every=settings.dispatch_seconds,
        lease_for=timedelta(seconds=settings.lease_seconds),
    )
    return Scheduler(app.uow, app.ctx, dispatchers, clock, cadence)


@dataclass
class Running:
    """What `serve` started: the dialogs and the scheduler (the playground drives its clock)."""

    dialogs: Dialogs
    scheduler: Scheduler


async def serve(
    app: App,
    channels: Sequence[Channel],
    stop: asyncio.Event,
    clock: Callable[[], datetime] = now_utc,
    started: Callable[[Running], object] | None = None,
) -> None:
    """Run the city's channels until `stop` is set, notices delivered as they queue.

    A channel whose run ends with an error ends the whole run (the others stop cleanly),
    so that a supervisor restarts the process rather than a half-deaf bot going on.
    """
    if not channels:
        raise ValueError("no channel is enabled: enable Telegram, WeCom or both")
    catalog = default_catalog()
    async with contextlib.AsyncExitStack() as stack:
        for channel in channels:
            await channel.open(catalog)
            stack.push_async_callback(channel.close)
        fetch = fetch_by_channel({c.name: c.fetch_file for c in channels})
        for channel in channels:
            # A photo sent on one channel reaches readers on another as the file itself.
            channel.relay_files(fetch)
        plan = channel_plan(channels)
        # Whether a task force "has a group" depends on the channels the city runs.
        app.ctx = replace(app.ctx, channels=plan.channels)
        username = next(
            (getattr(c, "username", None) for c in channels if c.name == "telegram"), None
        )
        dialogs = build_dialogs(app, catalog, channels, username)
        scheduler = build_scheduler(app, catalog, [c.messenger for c in channels], clock, plan)
        await scheduler.start()
        stack.push_async_callback(scheduler.stop)
        if started is not None:
            started(Running(dialogs, scheduler))
        runs = [
            asyncio.create_task(c.run(dialogs, app.uow, clock, scheduler.wake, stop))
            for c in channels
        ]
        try:
            done, _ = await asyncio.wait(runs, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                if task.exception() is not None:
                    stop.set()
                    task.result()
        finally:
            stop.set()
            await asyncio.gather(*runs, return_exceptions=True)

"""In-memory outbox and scheduler rows: notices with claims, action marks, leases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain.notice import (
    DELIVERY_FIELDS,
    PRIORITY_RANK,
    MessageView,
    Notice,
    NoticeStatus,
    Priority,
)
from tests.storage.fake_repositories import FakeRepository, as_json, copied, stored


class FakeNotices(FakeRepository):
    """NoticeRepository in memory."""

    async def add(self, notice: Notice) -> bool:
        """Queue unless the dedupe key is taken."""
        if notice.dedupe_key in self.work.notices:
            return False
        notice.id = self.new_id()
        self.work.notices[notice.dedupe_key] = replace(
            stored(notice), params=as_json(notice.params)
        )
        return True

    async def find(
        self, status: NoticeStatus | None = None, issue_id: int | None = None
    ) -> list[Notice]:
        """Matching notices, oldest first."""
        found = [
            n
            for n in self.work.notices.values()
            if (status is None or n.status == status)
            and (issue_id is None or n.issue_id == issue_id)
        ]
        return copied(sorted(found, key=lambda n: n.id or 0))

    async def claim(
        self, holder: str, now: datetime, until: datetime, limit: int, channel: str
    ) -> list[Notice]:
        """The channel's due queued notices and ones whose claim ran out, most pressing
        first, claimed."""
        due = [
            n for n in self.work.notices.values() if n.channel == channel and _claimable(n, now)
        ]
        due.sort(key=lambda n: (PRIORITY_RANK[n.priority], n.id or 0))
        taken = []
        for notice in due[:limit]:
            claimed = replace(
                notice, status=NoticeStatus.SENDING, claimed_by=holder, claimed_until=until
            )
            self.work.notices[notice.dedupe_key] = claimed
            taken.append(copied(claimed))
        return taken

    async def unrouted(self, limit: int) -> list[Notice]:
        """Queued notices without a channel, oldest first."""
        found = [
            n
            for n in self.work.notices.values()
            if n.status == NoticeStatus.QUEUED and n.channel is None
        ]
        return copied(sorted(found, key=lambda n: n.id or 0)[:limit])

    async def route(self, notice_id: int, channel: str) -> bool:
        """Set an unrouted notice's channel."""
        return self._unrouted_change(notice_id, channel=channel)

    async def give_up(self, notice_id: int, error: str) -> bool:
        """Fail an unrouted notice."""
        return self._unrouted_change(notice_id, status=NoticeStatus.FAILED, error=error[:500])

    def _unrouted_change(self, notice_id: int, **changes: object) -> bool:
        for key, notice in self.work.notices.items():
            if notice.id == notice_id:
                if notice.status != NoticeStatus.QUEUED or notice.channel is not None:
                    return False
                self.work.notices[key] = stored(replace(notice, **changes))  # type: ignore[arg-type]
                return True
        return False

    async def save_delivery(self, notice: Notice, holder: str) -> bool:
        """Record the delivery outcome while the claim is the holder's."""
        kept = self.work.notices[notice.dedupe_key]
        if kept.status != NoticeStatus.SENDING or kept.claimed_by != holder:
            return False
        changes = {name: getattr(notice, name) for name in DELIVERY_FIELDS}
        self.work.notices[notice.dedupe_key] = stored(replace(kept, **changes))
        return True

    async def last_sent(
        self, priority: Priority, person_id: int | None = None, task_force_id: int | None = None
    ) -> datetime | None:
        """The latest sent_at of this priority to the person (or the group)."""
        times = [
            n.sent_at
            for n in self.work.notices.values()
            if n.priority == priority
            and n.sent_at is not None
            and (
                n.person_id == person_id
                if person_id is not None
                else n.task_force_id == task_force_id
            )
        ]
        return max(times) if times else None

    async def waiting_for(self, chat_id: str, template: str) -> bool:
        """Whether notices of the template for this chat are still to be sent."""
        waiting = (NoticeStatus.QUEUED, NoticeStatus.SENDING)
        return any(
            n.chat_id == chat_id and n.template == template and n.status in waiting
            for n in self.work.notices.values()
        )

    async def held_for(self, person_id: int, now: datetime) -> list[Notice]:
        """The person's queued notices due only after `now`, oldest first."""
        found = [
            n
            for n in self.work.notices.values()
            if n.person_id == person_id
            and n.chat_id is None
            and n.status == NoticeStatus.QUEUED
            and n.not_before is not None
            and n.not_before > now
        ]
        return copied(sorted(found, key=lambda n: n.id or 0))

    async def retime(self, notice_id: int, not_before: datetime) -> bool:
        """Set a queued notice's due time."""
        for key, notice in self.work.notices.items():
            if notice.id == notice_id and notice.status == NoticeStatus.QUEUED:
                self.work.notices[key] = stored(replace(notice, not_before=not_before))
                return True
        return False


def _claimable(notice: Notice, now: datetime) -> bool:
    if notice.status == NoticeStatus.QUEUED:
        return notice.not_before is None or notice.not_before <= now
    return (
        notice.status == NoticeStatus.SENDING
        and notice.claimed_until is not None
        and notice.claimed_until < now
    )


class FakeMarks(FakeRepository):
    """ActionMarkRepository in memory."""

    async def add(self, key: str, issue_id: int | None, at: datetime) -> bool:
        """Mark the key done unless it was."""
        if key in self.work.marks:
            return False
        self.work.marks[key] = (issue_id, stored(at))
        return True


class FakeLeases(FakeRepository):
    """LeaseRepository in memory."""

    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Take the lease if free, expired or ours."""
        held = self.work.leases.get(name)
        if held is not None and held[0] != holder and held[1] >= now:
            return False
        self.work.leases[name] = (holder, stored(until))
        return True

    async def release(self, name: str, holder: str) -> None:
        """Drop the lease if ours."""
        held = self.work.leases.get(name)
        if held is not None and held[0] == holder:
            del self.work.leases[name]


class FakeViews(FakeRepository):
    """ViewRepository in memory."""

    async def show(
        self, channel: str, chat_id: str, message_id: str, views: Sequence[MessageView]
    ) -> None:
        """Replace the message's views with these."""
        for key in [k for k in self.work.views if k[:3] == (channel, chat_id, message_id)]:
            del self.work.views[key]
        for view in views:
            kept = replace(view, channel=channel, chat_id=chat_id, message_id=message_id)
            key = (channel, chat_id, message_id, view.position)
            self.work.views[key] = stored(replace(kept, id=self.new_id()))

    async def of_issue(self, issue_id: int) -> list[MessageView]:
        """The issue's views, oldest first."""
        found = [v for v in self.work.views.values() if v.issue_id == issue_id]
        return copied(sorted(found, key=lambda v: v.id or 0))

    async def of_message(self, channel: str, chat_id: str, message_id: str) -> list[MessageView]:
        """The message's views by position."""
        found = [
            v
            for (c, chat, message, _), v in self.work.views.items()
            if (c, chat, message) == (channel, chat_id, message_id)
        ]
        return copied(sorted(found, key=lambda v: v.position))

"""What a dispatcher writes back on a notice: sent, back in the queue, or ended."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.notice import Notice, NoticeStatus


def sent_now(notice: Notice, ref: str, at: datetime) -> Notice:
    """Sent as the message `ref`, at `at`; the claim ends."""
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


def held(notice: Notice, until: datetime | None, error: str | None = None) -> Notice:
    """Back in the queue, not before `until` (None: at once); the claim ends."""
    return replace(
        notice,
        status=NoticeStatus.QUEUED,
        not_before=until,
        claimed_by=None,
        claimed_until=None,
        error=error if error is not None else notice.error,
    )


def ended(notice: Notice, status: NoticeStatus, reason: str) -> Notice:
    """Sent no more (failed or dropped), and why; the claim ends."""
    return replace(notice, status=status, claimed_by=None, claimed_until=None, error=reason[:500])

"""Contract of the outbox's claims: each due notice goes to one dispatcher at a time (§9, §13).

Run over the fake, SQLite and PostgreSQL through `uow_factory`.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import FILED_AT, build_world, make_issue, make_notice


def at(minutes: float) -> datetime:
    """FILED_AT plus some minutes: aware, in Shanghai time."""
    return FILED_AT + timedelta(minutes=minutes)


async def queue(uow_factory: UnitOfWorkFactory, *notices: Notice) -> list[Notice]:
    """Add the notices in one committed unit of work."""
    async with uow_factory() as uow:
        for notice in notices:
            assert await uow.notices.add(notice)
        await uow.commit()
    return list(notices)


async def claim(
    uow_factory: UnitOfWorkFactory, holder: str, now: datetime, until: datetime, limit: int = 100
) -> list[Notice]:
    """Claim in a unit of work of its own, committed."""
    async with uow_factory() as uow:
        claimed = await uow.notices.claim(holder, now, until, limit, "telegram")
        await uow.commit()
    return claimed


async def stored(uow_factory: UnitOfWorkFactory) -> dict[str, Notice]:
    """Every committed notice, by dedupe key."""
    async with uow_factory() as uow:
        return {n.dedupe_key: n for n in await uow.notices.find()}


def keys(notices: list[Notice]) -> list[str]:
    """The dedupe keys, in the order given."""
    return [n.dedupe_key for n in notices]


class TestNoticeFields:
    """Every column of a notice is kept."""

    async def test_notice_with_every_field_set_round_trips(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            issue = await uow.issues.add(
                make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
            )
            notice = make_notice(
                "assigned:ZB-2026-000001:alu",
                priority=Priority.DIGEST,
                person_id=world.officer_id,
                task_force_id=world.alu_id,
                issue_id=issue.id,
                channel="telegram",
                not_before=at(60),
                status=NoticeStatus.SENDING,
                attempts=3,
                sent_ref="telegram:1001:78",
                sent_at=at(30).astimezone(UTC),
                claimed_by="host-a:4711",
                claimed_until=at(35),
                error="flood wait: retry after 30 s",
            )
            assert await uow.notices.add(notice)
            await uow.commit()
        async with uow_factory() as uow:
            (found,) = await uow.notices.find()
        assert found == notice
        instants = (found.created_at, found.not_before, found.sent_at, found.claimed_until)
        assert all(t is not None and t.utcoffset() is not None for t in instants)


class TestClaim:
    """NoticeRepository.claim."""

    async def test_claims_due_queued_notices_most_pressing_first(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        await queue(
            uow_factory,
            make_notice("digest", priority=Priority.DIGEST),
            make_notice("normal-1", priority=Priority.NORMAL),
            make_notice("critical-1", priority=Priority.CRITICAL),
            make_notice("high", priority=Priority.HIGH),
            make_notice("later", priority=Priority.CRITICAL, not_before=at(1)),
            make_notice("normal-2", priority=Priority.NORMAL, not_before=at(-1)),
            make_notice("critical-2", priority=Priority.CRITICAL),
            make_notice("sent", priority=Priority.CRITICAL, status=NoticeStatus.SENT),
            make_notice("failed", priority=Priority.CRITICAL, status=NoticeStatus.FAILED),
            make_notice("dropped", priority=Priority.CRITICAL, status=NoticeStatus.DROPPED),
        )
        claimed = await claim(uow_factory, "host-a", at(0), at(5))
        assert keys(claimed) == [
            "critical-1",
            "critical-2",
            "high",
            "normal-1",
            "normal-2",
            "digest",
        ]
        assert all(n.status == NoticeStatus.SENDING for n in claimed)
        assert {(n.claimed_by, n.claimed_until) for n in claimed} == {("host-a", at(5))}
        found = await stored(uow_factory)
        assert sorted(claimed, key=lambda n: n.id or 0) == [
            n for n in found.values() if n.status == NoticeStatus.SENDING
        ]
        assert [found[k].status for k in ("later", "sent", "failed", "dropped")] == [
            NoticeStatus.QUEUED,
            NoticeStatus.SENT,
            NoticeStatus.FAILED,
            NoticeStatus.DROPPED,
        ]
        assert found["later"].claimed_by is None

    async def test_respects_the_limit(self, uow_factory: UnitOfWorkFactory) -> None:
        await queue(
            uow_factory,
            make_notice("normal", priority=Priority.NORMAL),
            make_notice("high-1", priority=Priority.HIGH),
            make_notice("critical", priority=Priority.CRITICAL),
            make_notice("high-2", priority=Priority.HIGH),
        )
        assert keys(await claim(uow_factory, "a", at(0), at(5), limit=2)) == ["critical", "high-1"]
        assert keys(await claim(uow_factory, "b", at(0), at(5), limit=2)) == ["high-2", "normal"]
        assert await claim(uow_factory, "c", at(0), at(5), limit=2) == []

    async def test_a_live_claim_is_not_taken_again(self, uow_factory: UnitOfWorkFactory) -> None:
        await queue(uow_factory, make_notice("a"), make_notice("b"))
        assert keys(await claim(uow_factory, "host-a", at(0), at(5))) == ["a", "b"]
        assert await claim(uow_factory, "host-b", at(1), at(6)) == []
        assert await claim(uow_factory, "host-b", at(4), at(9)) == []
        found = await stored(uow_factory)
        assert {(n.claimed_by, n.claimed_until) for n in found.values()} == {("host-a", at(5))}

    async def test_a_claim_that_ran_out_is_taken_again(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        # A dispatcher that died mid-send never saves a delivery; its claim runs out.
        await queue(uow_factory, make_notice("a"), make_notice("b", not_before=at(10)))
        assert keys(await claim(uow_factory, "host-a", at(0), at(5))) == ["a"]
        again = await claim(uow_factory, "host-b", at(6), at(11))
        assert keys(again) == ["a"]
        assert (again[0].status, again[0].claimed_by, again[0].claimed_until) == (
            NoticeStatus.SENDING,
            "host-b",
            at(11),
        )
        assert (await stored(uow_factory))["a"] == again[0]

    async def test_a_claim_not_committed_is_gone(self, uow_factory: UnitOfWorkFactory) -> None:
        await queue(uow_factory, make_notice("a"))
        async with uow_factory() as uow:
            assert keys(await uow.notices.claim("host-a", at(0), at(5), 10, "telegram")) == ["a"]
        assert keys(await claim(uow_factory, "host-b", at(0), at(5))) == ["a"]


class TestSaveDelivery:
    """NoticeRepository.save_delivery."""

    async def test_outcomes_are_kept_and_end_the_claim(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        await queue(uow_factory, make_notice("sent"), make_notice("retry"), make_notice("failed"))
        async with uow_factory() as uow:
            claimed = {
                n.dedupe_key: n for n in await uow.notices.claim("a", at(0), at(5), 10, "telegram")
            }
            sent, retry, failed = claimed["sent"], claimed["retry"], claimed["failed"]
            sent.status, sent.attempts = NoticeStatus.SENT, 1
            sent.sent_ref, sent.sent_at = "telegram:1001:9", at(1)
            retry.attempts, retry.not_before = 1, at(10)
            retry.status, retry.error = NoticeStatus.QUEUED, "timed out"
            failed.status, failed.attempts, failed.error = NoticeStatus.FAILED, 5, "chat not found"
            for notice in (sent, retry, failed):
                notice.claimed_by = notice.claimed_until = None
                assert await uow.notices.save_delivery(notice, "a")
            await uow.commit()
        assert await stored(uow_factory) == claimed
        assert await claim(uow_factory, "b", at(9), at(14)) == []
        assert keys(await claim(uow_factory, "b", at(11), at(16))) == ["retry"]
        # b's claim runs out unsaved; the sent and the failed one stay where they are.
        assert keys(await claim(uow_factory, "c", at(1000), at(1005))) == ["retry"]

    async def test_a_sent_notice_is_never_claimed_again(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        await queue(uow_factory, make_notice("a"))
        async with uow_factory() as uow:
            (notice,) = await uow.notices.claim("a", at(0), at(5), 10, "telegram")
            notice.status, notice.sent_at, notice.attempts = NoticeStatus.SENT, at(1), 1
            notice.claimed_by = notice.claimed_until = None
            assert await uow.notices.save_delivery(notice, "a")
            await uow.commit()
        assert await claim(uow_factory, "b", at(6), at(11)) == []
        assert await claim(uow_factory, "b", at(60 * 24 * 30), at(60 * 24 * 31)) == []
        assert (await stored(uow_factory))["a"] == notice

    async def test_a_claim_that_ran_out_and_was_taken_over_is_not_overwritten(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        await queue(uow_factory, make_notice("a"))
        async with uow_factory() as uow:
            (late,) = await uow.notices.claim("slow", at(0), at(5), 10, "telegram")
            await uow.commit()
        async with uow_factory() as uow:
            (taken,) = await uow.notices.claim("quick", at(6), at(11), 10, "telegram")
            taken.status, taken.sent_at, taken.attempts = NoticeStatus.SENT, at(7), 1
            taken.claimed_by = taken.claimed_until = None
            assert await uow.notices.save_delivery(taken, "quick")
            await uow.commit()
        async with uow_factory() as uow:
            late.status, late.not_before = NoticeStatus.QUEUED, at(20)
            assert not await uow.notices.save_delivery(late, "slow")
            await uow.commit()
        assert (await stored(uow_factory))["a"] == taken


class TestConcurrentClaims:
    """Two dispatchers at once never take the same notice."""

    async def test_overlapping_claims_take_disjoint_notices(
        self, uow_factory: UnitOfWorkFactory, uow_backend: str | None
    ) -> None:
        if uow_backend is None:
            pytest.skip(
                "the fake has no row locks: of two overlapping claims of the same notices "
                "the second commit fails instead of skipping the first's"
            )
        # PostgreSQL: the first holds its claim open while the second claims (SKIP LOCKED).
        # SQLite: writers take turns, so the second waits for the first to commit.
        overlap = uow_backend.startswith("postgresql")
        await queue(uow_factory, *(make_notice(f"n{n}") for n in range(10)))
        first_claimed, second_claimed = asyncio.Event(), asyncio.Event()

        async def first() -> list[Notice]:
            async with uow_factory() as uow:
                claimed = await uow.notices.claim("host-a", at(0), at(5), 5, "telegram")
                first_claimed.set()
                if overlap:
                    await asyncio.wait_for(second_claimed.wait(), timeout=10)
                await uow.commit()
            return claimed

        async def second() -> list[Notice]:
            await first_claimed.wait()
            async with uow_factory() as uow:
                claimed = await uow.notices.claim("host-b", at(0), at(5), 5, "telegram")
                second_claimed.set()
                await uow.commit()
            return claimed

        a, b = await asyncio.wait_for(asyncio.gather(first(), second()), timeout=30)
        assert len(a) == len(b) == 5
        assert set(keys(a)).isdisjoint(keys(b))
        assert set(keys(a)) | set(keys(b)) == {f"n{n}" for n in range(10)}
        found = await stored(uow_factory)
        assert {k for k, n in found.items() if n.claimed_by == "host-a"} == set(keys(a))
        assert {k for k, n in found.items() if n.claimed_by == "host-b"} == set(keys(b))


class TestChannels:
    """Notices are routed to a channel once; each channel's dispatcher claims only its own."""

    async def test_a_dispatcher_claims_only_its_channels_notices(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        await queue(
            uow_factory,
            make_notice("t"),
            make_notice("w", channel="wecom"),
            make_notice("n", channel=None),
        )
        async with uow_factory() as uow:
            assert keys(await uow.notices.claim("a", at(0), at(5), 10, "wecom")) == ["w"]
            assert keys(await uow.notices.claim("a", at(0), at(5), 10, "telegram")) == ["t"]
            await uow.commit()

    async def test_an_unrouted_notice_is_routed_or_given_up_once(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        first, second = await queue(
            uow_factory, make_notice("n1", channel=None), make_notice("n2", channel=None)
        )
        assert first.id is not None and second.id is not None
        async with uow_factory() as uow:
            assert keys(await uow.notices.unrouted(10)) == ["n1", "n2"]
            assert await uow.notices.route(first.id, "wecom")
            assert not await uow.notices.route(first.id, "telegram"), "routed once"
            assert await uow.notices.give_up(second.id, "unreachable: nobody")
            assert not await uow.notices.route(second.id, "telegram"), "given up stays so"
            assert await uow.notices.unrouted(10) == []
            await uow.commit()
        notices = await stored(uow_factory)
        assert notices["n1"].channel == "wecom" and notices["n1"].status is NoticeStatus.QUEUED
        assert (notices["n2"].status, notices["n2"].error) == (
            NoticeStatus.FAILED,
            "unreachable: nobody",
        )

"""Contract of what the scheduler reads and keeps: due issues, events by kind, marks, leases.

Run over the fake, SQLite and PostgreSQL through `uow_factory`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.model import Issue, IssueEvent, IssueState
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import FILED_AT, build_world, make_issue


def at(minutes: float) -> datetime:
    """FILED_AT plus some minutes: aware, in Shanghai time."""
    return FILED_AT + timedelta(minutes=minutes)


async def add_issues(
    uow_factory: UnitOfWorkFactory, wakes: dict[str, datetime | None]
) -> dict[str, Issue]:
    """A committed world and one issue per name, waking at the time given."""
    async with uow_factory() as uow:
        world = await build_world(uow)
        added = {}
        for n, (name, wake_at) in enumerate(wakes.items(), 1):
            issue = make_issue(
                f"ZB-2026-{n:06d}", world.enterprise_id, world.member_id, wake_at=wake_at
            )
            added[name] = await uow.issues.add(issue)
        await uow.commit()
    return added


def event(kind: str, minutes: float) -> IssueEvent:
    """An event of the kind, `minutes` after FILED_AT."""
    return IssueEvent(
        kind=kind,
        at=at(minutes),
        actor_id=None,
        from_state=IssueState.ASSIGNED,
        to_state=IssueState.ASSIGNED,
        text=f"{kind} at {minutes}",
        data={"level": 1},
    )


class TestDueIssues:
    """IssueRepository.due_ids and claim_due."""

    async def test_due_ids_earliest_wake_first_and_limited(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        added = await add_issues(
            uow_factory,
            {
                "later": at(180),
                "first": at(60).astimezone(UTC),
                "never": None,
                "now": at(120),
                "far": at(600),
            },
        )
        first, now, later = (added[name].id for name in ("first", "now", "later"))
        async with uow_factory() as uow:
            assert await uow.issues.due_ids(at(59), 10) == []
            assert await uow.issues.due_ids(at(120), 10) == [first, now]
            assert await uow.issues.due_ids(at(180), 10) == [first, now, later]
            assert await uow.issues.due_ids(at(180), 2) == [first, now]
            assert await uow.issues.due_ids(at(10_000), 1) == [first]

    async def test_claim_due_only_when_wake_has_come(self, uow_factory: UnitOfWorkFactory) -> None:
        added = await add_issues(uow_factory, {"due": at(60), "later": at(61), "never": None})
        async with uow_factory() as uow:
            assert await uow.issues.claim_due(added["due"].id or 0, at(60)) == added["due"]
            assert await uow.issues.claim_due(added["later"].id or 0, at(60)) is None
            assert await uow.issues.claim_due(added["never"].id or 0, at(10_000)) is None
            assert await uow.issues.claim_due(999_999, at(10_000)) is None

    async def test_a_new_wake_at_round_trips(self, uow_factory: UnitOfWorkFactory) -> None:
        added = await add_issues(uow_factory, {"due": at(60)})
        issue_id = added["due"].id or 0
        async with uow_factory() as uow:
            claimed = await uow.issues.claim_due(issue_id, at(60))
            assert claimed is not None
            claimed.wake_at = at(240)
            await uow.issues.save(claimed)
            await uow.commit()
        async with uow_factory() as uow:
            stored = await uow.issues.get_by_id(issue_id)
            assert await uow.issues.due_ids(at(239), 10) == []
            assert await uow.issues.due_ids(at(240), 10) == [issue_id]
            assert await uow.issues.claim_due(issue_id, at(239)) is None
        assert stored is not None
        assert (stored.wake_at, stored.version) == (at(240), 2)
        assert stored.wake_at is not None and stored.wake_at.utcoffset() is not None
        async with uow_factory() as uow:
            claimed = await uow.issues.claim_due(issue_id, at(240))
            assert claimed is not None
            claimed.wake_at = None
            await uow.issues.save(claimed)
            await uow.commit()
        async with uow_factory() as uow:
            stored = await uow.issues.get_by_id(issue_id)
            assert await uow.issues.due_ids(at(10_000), 10) == []
        assert stored is not None
        assert stored.wake_at is None


class TestEventsOfKind:
    """EventRepository.of_kind."""

    async def test_events_of_a_kind_in_the_window_oldest_first(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        added = await add_issues(uow_factory, {"one": None, "two": None})
        one, two = added["one"].id or 0, added["two"].id or 0
        async with uow_factory() as uow:
            late = await uow.events.add(one, event("escalated", 180))
            at_until = await uow.events.add(one, event("escalated", 300))
            at_since = await uow.events.add(one, event("escalated", 0))
            other_kind = await uow.events.add(two, event("assigned", 120))
            middle = await uow.events.add(two, event("escalated", 120))
            before = await uow.events.add(two, event("escalated", -1))
            first = await uow.events.add(one, event("escalated", 60))
            await uow.commit()
        assert None not in {e.id for e in (late, at_until, other_kind, before)}
        async with uow_factory() as uow:
            found = await uow.events.of_kind("escalated", at(0), at(300))
            assigned = await uow.events.of_kind("assigned", at(0), at(300))
            assert await uow.events.of_kind("escalated", at(301), at(400)) == []
        assert found == [(one, at_since), (one, first), (two, middle), (one, late)]
        assert assigned == [(two, other_kind)]
        assert all(e.at.utcoffset() is not None for _, e in found)


class TestActionMarks:
    """ActionMarkRepository: an action of the sweep is done once."""

    async def test_a_key_is_marked_once(self, uow_factory: UnitOfWorkFactory) -> None:
        issue_id = (await add_issues(uow_factory, {"one": None}))["one"].id
        async with uow_factory() as uow:
            assert await uow.marks.add("remind:ZB-2026-000001:reply:75", issue_id, at(0))
            assert not await uow.marks.add("remind:ZB-2026-000001:reply:75", issue_id, at(1))
            assert await uow.marks.add("digest:2026-03-02", None, at(0))
            await uow.commit()
        async with uow_factory() as uow:
            assert not await uow.marks.add("remind:ZB-2026-000001:reply:75", issue_id, at(2))
            assert not await uow.marks.add("digest:2026-03-02", None, at(2))
            # The refusal left the transaction usable: this one is kept.
            assert await uow.marks.add("remind:ZB-2026-000001:reply:100", issue_id, at(2))
            await uow.commit()
        async with uow_factory() as uow:
            assert not await uow.marks.add("remind:ZB-2026-000001:reply:100", issue_id, at(3))

    async def test_a_mark_not_committed_is_gone(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            assert await uow.marks.add("digest:2026-03-02", None, at(0))
        async with uow_factory() as uow:
            assert await uow.marks.add("digest:2026-03-02", None, at(1))
            await uow.commit()
        async with uow_factory() as uow:
            assert not await uow.marks.add("digest:2026-03-02", None, at(2))


async def acquire(
    uow_factory: UnitOfWorkFactory, name: str, holder: str, now: datetime, until: datetime
) -> bool:
    """Try for the lease in a unit of work of its own, committed."""
    async with uow_factory() as uow:
        taken = await uow.leases.acquire(name, holder, now, until)
        await uow.commit()
    return taken


async def release(uow_factory: UnitOfWorkFactory, name: str, holder: str) -> None:
    """Give the lease up in a unit of work of its own, committed."""
    async with uow_factory() as uow:
        await uow.leases.release(name, holder)
        await uow.commit()


class TestLeases:
    """LeaseRepository: one holder at a time."""

    async def test_taken_renewed_refused_then_expired(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        assert await acquire(uow_factory, "sweep", "host-a", at(0), at(1))
        assert await acquire(uow_factory, "sweep", "host-a", at(0.5), at(2))
        # Renewed: still held past the first expiry.
        assert not await acquire(uow_factory, "sweep", "host-b", at(1.5), at(3))
        assert await acquire(uow_factory, "digest", "host-b", at(1.5), at(3))
        assert await acquire(uow_factory, "sweep", "host-b", at(2.5), at(4))
        assert not await acquire(uow_factory, "sweep", "host-a", at(2.6), at(5))
        assert not await acquire(uow_factory, "digest", "host-a", at(2.6), at(5))

    async def test_release_frees_it_only_for_the_holder(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        assert await acquire(uow_factory, "sweep", "host-a", at(0), at(10))
        await release(uow_factory, "sweep", "host-b")
        assert not await acquire(uow_factory, "sweep", "host-b", at(1), at(11))
        await release(uow_factory, "sweep", "host-a")
        assert await acquire(uow_factory, "sweep", "host-b", at(1), at(11))
        assert not await acquire(uow_factory, "sweep", "host-a", at(2), at(12))
        await release(uow_factory, "nothing-held", "host-a")

    async def test_an_acquire_not_committed_is_gone(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            assert await uow.leases.acquire("sweep", "host-a", at(0), at(10))
        assert await acquire(uow_factory, "sweep", "host-b", at(1), at(11))

"""The unit of work owns the transaction: commit persists, anything else rolls back."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.errors import ConcurrentUpdate
from bot.domain.model import IssueState
from bot.services.ports import UnitOfWorkFactory
from storage.database import Database
from tests.fakes import FakeDatabase
from tests.storage.factories import build_world, make_dialog, make_issue, make_notice


async def notice_keys(uow_factory: UnitOfWorkFactory) -> list[str]:
    """The dedupe keys of every stored notice."""
    async with uow_factory() as uow:
        return [notice.dedupe_key for notice in await uow.notices.find()]


class TestTransactions:
    """Commit, rollback and reuse, on every backend."""

    async def test_commit_persists(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            await uow.notices.add(make_notice("a"))
            await uow.commit()
        assert await notice_keys(uow_factory) == ["a"]

    async def test_leaving_without_commit_discards(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            await uow.notices.add(make_notice("a"))
            await uow.dialogs.put(make_dialog())
        assert await notice_keys(uow_factory) == []
        async with uow_factory() as uow:
            assert await uow.dialogs.get("telegram", "42", "42") is None

    async def test_an_error_rolls_back_and_propagates(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with pytest.raises(RuntimeError, match="boom"):
            async with uow_factory() as uow:
                await uow.notices.add(make_notice("a"))
                raise RuntimeError("boom")
        assert await notice_keys(uow_factory) == []

    async def test_rollback_discards_only_what_came_after_commit(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            await uow.notices.add(make_notice("kept"))
            await uow.commit()
            await uow.notices.add(make_notice("undone"))
            await uow.rollback()
            assert [n.dedupe_key for n in await uow.notices.find()] == ["kept"]
            await uow.notices.add(make_notice("dropped at exit"))
        assert await notice_keys(uow_factory) == ["kept"]

    async def test_one_unit_of_work_serves_several_blocks_in_turn(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        uow = uow_factory()
        async with uow:
            await uow.notices.add(make_notice("first"))
            await uow.commit()
        async with uow:
            await uow.notices.add(make_notice("second"))
        async with uow:
            await uow.notices.add(make_notice("third"))
            await uow.commit()
        assert await notice_keys(uow_factory) == ["first", "third"]

    async def test_entering_twice_at_once_is_refused(self, uow_factory: UnitOfWorkFactory) -> None:
        uow = uow_factory()
        async with uow:
            with pytest.raises(RuntimeError, match="already in use"):
                await uow.__aenter__()

    async def test_a_reading_unit_of_work_reads_and_refuses_to_commit(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            await uow.notices.add(make_notice("a"))
            await uow.commit()
        async with uow_factory().reading() as reader:
            assert [n.dedupe_key for n in await reader.notices.find()] == ["a"]
            with pytest.raises(RuntimeError, match="reading only"):
                await reader.commit()
            with pytest.raises(RuntimeError, match="before the unit of work begins"):
                reader.reading()

    async def test_a_reader_does_not_wait_for_an_open_writer(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as writer:
            await writer.notices.add(make_notice("pending"))

            async def read() -> list[str]:
                async with uow_factory().reading() as reader:
                    return [n.dedupe_key for n in await reader.notices.find()]

            assert await asyncio.wait_for(read(), 5) == []
            await writer.commit()
        assert await notice_keys(uow_factory) == ["pending"]

    async def test_state_change_event_and_notice_commit_together(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            issue = await uow.issues.add(
                make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
            )
            await uow.commit()
        assert issue.id is not None
        async with uow_factory() as uow:
            issue.state = IssueState.ASSIGNED
            await uow.issues.save(issue)
            await uow.notices.add(make_notice("assigned", issue_id=issue.id))
        async with uow_factory() as uow:
            stored = await uow.issues.get_by_id(issue.id)
            assert await uow.notices.find(issue_id=issue.id) == []
        assert stored is not None
        assert (stored.state, stored.version) == (IssueState.FILED, 1)


class TestIsolation:
    """What another unit of work sees while one is open."""

    # Only PostgreSQL: SQLite runs one transaction at a time, so the reader would wait.
    @pytest.mark.parametrize(
        "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
    )
    async def test_postgres_hides_uncommitted_work(self, database: Database) -> None:
        async with database.unit_of_work() as writer:
            await writer.notices.add(make_notice("pending"))
            async with database.unit_of_work() as reader:
                assert await reader.notices.find() == []
            await writer.commit()
        async with database.unit_of_work() as reader:
            assert [n.dedupe_key for n in await reader.notices.find()] == ["pending"]

    async def test_fake_stages_until_commit(self, fake_database: FakeDatabase) -> None:
        writer, reader = fake_database.unit_of_work(), fake_database.unit_of_work()
        async with writer, reader:
            await writer.notices.add(make_notice("pending"))
            assert await reader.notices.find() == []
            await writer.commit()
            assert await reader.notices.find() == []  # a snapshot taken when it began
        async with reader:
            assert [n.dedupe_key for n in await reader.notices.find()] == ["pending"]

    async def test_fake_first_of_two_duplicate_notices_wins(
        self, fake_database: FakeDatabase
    ) -> None:
        first, second = fake_database.unit_of_work(), fake_database.unit_of_work()
        async with first, second:
            assert await first.notices.add(make_notice("k", template="first"))
            assert await second.notices.add(make_notice("k", template="second"))
            await first.commit()
            await second.commit()
        async with fake_database.unit_of_work() as uow:
            assert [n.template for n in await uow.notices.find()] == ["first"]

    async def test_fake_refuses_a_stale_issue_at_commit(self, fake_database: FakeDatabase) -> None:
        async with fake_database.unit_of_work() as uow:
            world = await build_world(uow)
            await uow.issues.add(
                make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
            )
            await uow.commit()
        first, second = fake_database.unit_of_work(), fake_database.unit_of_work()
        async with first, second:
            for uow, rating in ((first, 5), (second, 1)):
                issue = await uow.issues.get("ZB-2026-000001")
                assert issue is not None
                issue.rating = rating
                await uow.issues.save(issue)
            await first.commit()
            with pytest.raises(ConcurrentUpdate):
                await second.commit()
        async with fake_database.unit_of_work() as uow:
            stored = await uow.issues.get("ZB-2026-000001")
        assert stored is not None
        assert (stored.rating, stored.version) == (5, 2)

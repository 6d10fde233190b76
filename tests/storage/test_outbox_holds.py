"""Contract of NoticeRepository.held_for and retime: a person's held notices, timed anew when
their quiet hours or mute change (§9). Run over the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC

from bot.domain.notice import NoticeStatus
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import build_world, make_notice
from tests.storage.test_outbox_claims import at, claim, queue, stored


class TestHeldNotices:
    """NoticeRepository.held_for and NoticeRepository.retime."""

    async def test_held_for_lists_only_the_persons_queued_notices_due_later(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            await uow.commit()
        officer, lead = world.officer_id, world.lead_id
        await queue(
            uow_factory,
            make_notice("later", person_id=officer, not_before=at(600)),
            make_notice("later-utc", person_id=officer, not_before=at(90).astimezone(UTC)),
            make_notice("due", person_id=officer, not_before=at(30)),
            make_notice("now", person_id=officer),
            make_notice("lead", person_id=lead, not_before=at(600)),
            make_notice("group", task_force_id=world.alu_id, not_before=at(600)),
            make_notice("kept", person_id=officer, chat_id="7001", not_before=at(600)),
            make_notice("sent", person_id=officer, status=NoticeStatus.SENT, not_before=at(600)),
        )
        async with uow_factory() as uow:
            held = await uow.notices.held_for(officer, at(60))
        assert [n.dedupe_key for n in held] == ["later", "later-utc"]
        assert held[1].not_before == at(90) and held[1].params["names"] == ["甲", "乙"]

    async def test_retime_moves_a_queued_notice_earlier_or_later(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            await uow.commit()
        officer = world.officer_id
        early, late = await queue(
            uow_factory,
            make_notice("early", person_id=officer, not_before=at(600)),
            make_notice("late", person_id=officer, not_before=at(600)),
        )
        assert early.id is not None and late.id is not None
        async with uow_factory() as uow:
            assert await uow.notices.retime(early.id, at(60))
            assert await uow.notices.retime(late.id, at(900))
            await uow.commit()
        kept = await stored(uow_factory)
        assert (kept["early"].not_before, kept["late"].not_before) == (at(60), at(900))
        assert kept["early"].status is NoticeStatus.QUEUED
        [taken] = await claim(uow_factory, "d1", at(61), at(63))
        assert taken.dedupe_key == "early", "due at its new time, not the old one"

    async def test_retime_leaves_a_claimed_notice_to_its_dispatcher(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            await uow.commit()
        [notice] = await queue(uow_factory, make_notice("h", person_id=world.officer_id))
        assert notice.id is not None
        await claim(uow_factory, "d1", at(0), at(2))
        async with uow_factory() as uow:
            assert not await uow.notices.retime(notice.id, at(600))
            await uow.commit()
        kept = (await stored(uow_factory))["h"]
        assert (kept.status, kept.not_before) == (NoticeStatus.SENDING, None)

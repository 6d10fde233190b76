"""Contract of NoticeRepository.last_sent: when a recipient last got a message (coalescing)."""

from __future__ import annotations

from datetime import UTC

from bot.domain.notice import NoticeStatus, Priority
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import build_world, make_notice
from tests.storage.test_outbox_claims import at, queue


class TestLastSent:
    """NoticeRepository.last_sent."""

    async def test_latest_sent_of_the_priority_to_the_recipient(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            await uow.commit()
        officer, lead, alu, chem = world.officer_id, world.lead_id, world.alu_id, world.chem_id
        high, normal, sent = Priority.HIGH, Priority.NORMAL, NoticeStatus.SENT
        await queue(
            uow_factory,
            make_notice("o1", person_id=officer, status=sent, sent_at=at(60)),
            make_notice("o2", person_id=officer, status=sent, sent_at=at(240).astimezone(UTC)),
            make_notice("o3", person_id=officer, status=sent, sent_at=at(180)),
            make_notice("o-queued", person_id=officer),
            make_notice("o-nrm", person_id=officer, priority=normal, status=sent, sent_at=at(300)),
            make_notice("lead", person_id=lead, status=sent, sent_at=at(360)),
            make_notice("alu", task_force_id=alu, status=sent, sent_at=at(120)),
            make_notice("chem", task_force_id=chem, status=sent, sent_at=at(420)),
        )
        async with uow_factory() as uow:
            found = {
                "officer": await uow.notices.last_sent(high, person_id=officer),
                "officer normal": await uow.notices.last_sent(normal, person_id=officer),
                "officer critical": await uow.notices.last_sent(
                    Priority.CRITICAL, person_id=officer
                ),
                "leader": await uow.notices.last_sent(high, person_id=world.leader_id),
                "alu": await uow.notices.last_sent(high, task_force_id=alu),
                "alu digest": await uow.notices.last_sent(Priority.DIGEST, task_force_id=alu),
            }
        assert found == {
            "officer": at(240),
            "officer normal": at(300),
            "officer critical": None,
            "leader": None,
            "alu": at(120),
            "alu digest": None,
        }
        assert all(t is None or t.utcoffset() is not None for t in found.values())

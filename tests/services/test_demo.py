"""The playground's demo city: loaded through the use cases, the way people would join."""

from __future__ import annotations

from bot.bootstrap import build_context, configured_task_forces
from bot.config import default_settings
from bot.domain.people import OPERATOR, Role
from bot.services import directory
from bot.services.demo import GROUP_CHAT, PERSONAS, demo_only, link_group, load_demo
from bot.services.directory import NewOfficial, add_official, sync_task_forces
from bot.services.ports import UnitOfWorkFactory
from tests.services.city import MONDAY_10


async def test_the_demo_city_has_everyone_the_page_shows(uow_factory: UnitOfWorkFactory) -> None:
    settings = default_settings()
    await sync_task_forces(uow_factory(), configured_task_forces(settings))
    assert await demo_only(uow_factory), "an empty directory may hold the demo"
    await load_demo(uow_factory, build_context(settings), MONDAY_10)
    await load_demo(uow_factory, build_context(settings), MONDAY_10)  # completes, adds nothing
    await link_group(uow_factory)
    assert await demo_only(uow_factory)
    async with uow_factory().reading() as uow:
        people = {
            p.key: await uow.people.by_identity("telegram", str(p.telegram_id)) for p in PERSONAS
        }
        alu = await uow.task_forces.by_code("alu")
        projects = await uow.projects.find()
    assert all(person is not None for person in people.values())
    assert alu is not None and alu.group_chats == {"telegram": str(GROUP_CHAT)}
    leader, officer = people["leader"], people["officer"]
    assert leader is not None and alu.supervising_leader_id == leader.id
    assert officer is not None and officer.id in alu.member_ids and Role.OFFICER in officer.roles
    # The office's duty officers joined by invite, as officials do: no key, a chat account.
    desk = people["office"]
    assert desk is not None and desk.roles == {Role.OFFICE} and desk.identities
    assert [p.city_coordinated for p in projects] == [False, True, False, False]
    assert {p.stage.value for p in projects} == {"signed", "under_way", "negotiating", "landed"}


async def test_a_real_city_is_never_mixed_with_the_demo(uow_factory: UnitOfWorkFactory) -> None:
    settings = default_settings()
    await sync_task_forces(uow_factory(), configured_task_forces(settings))
    real = NewOfficial("真的专员", frozenset({Role.OFFICER}), task_forces=("alu",))
    await add_official(uow_factory(), OPERATOR, real)
    assert not await demo_only(uow_factory)


async def test_the_demo_never_replaces_a_group_linked_since(
    uow_factory: UnitOfWorkFactory,
) -> None:
    settings = default_settings()
    await sync_task_forces(uow_factory(), configured_task_forces(settings))
    await link_group(uow_factory)
    await directory.link_group(uow_factory(), OPERATOR, "alu", "-100777")
    await link_group(uow_factory)
    async with uow_factory().reading() as uow:
        alu = await uow.task_forces.by_code("alu")
    assert alu is not None and alu.group_chats == {"telegram": "-100777"}

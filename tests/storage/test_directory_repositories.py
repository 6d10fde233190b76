"""Contract of the people, task force, enterprise, project and invite repositories."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.model import Stage
from bot.domain.people import Actor, ChannelIdentity, Role
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import (
    FILED_AT,
    World,
    build_world,
    make_enterprise,
    make_invite,
    make_person,
    make_project,
    make_task_force,
)

TELEGRAM = ChannelIdentity("telegram", "1001", "1001")
WECOM = ChannelIdentity("wecom", "wangfang", None)


async def committed_world(uow_factory: UnitOfWorkFactory) -> World:
    """A small committed world."""
    async with uow_factory() as uow:
        world = await build_world(uow)
        await uow.commit()
    return world


class TestPeople:
    """PersonRepository."""

    async def test_person_round_trips_with_roles_and_identities(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        person = make_person(
            "赵敏",
            Role.OFFICER,
            Role.LEAD,
            key="zhao",
            language="en",
            timezone="Asia/Urumqi",
            quiet_start=time(22, 0),
            quiet_end=time(7, 30),
            muted_until=FILED_AT + timedelta(days=1),
            digest=False,
            on_leave=True,
            phone="+8613800000000",
            identities=(ChannelIdentity("telegram", "2002", "2002"), WECOM),
            preferred_channel="wecom",
        )
        async with uow_factory() as uow:
            await uow.people.add(person)
            await uow.commit()
        assert person.id is not None
        async with uow_factory() as uow:
            assert await uow.people.get(person.id) == person
            assert await uow.people.by_key("zhao") == person
            assert await uow.people.by_identity("wecom", "wangfang") == person
            assert await uow.people.get(person.id + 1000) is None
            assert await uow.people.by_key("nobody") is None
            assert await uow.people.by_identity("telegram", "wangfang") is None

    async def test_the_preferred_channel_is_saved_and_cleared(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        seen = []
        for preferred in ("wecom", None):
            async with uow_factory() as uow:
                person = await uow.people.get(world.officer_id)
                assert person is not None
                person.preferred_channel = preferred
                await uow.people.save(person)
                await uow.commit()
            async with uow_factory().reading() as uow:
                saved = await uow.people.get(world.officer_id)
            assert saved is not None
            seen.append(saved.preferred_channel)
        assert seen == ["wecom", None]

    async def test_listing_by_role_and_enterprise(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            officers = await uow.people.with_role(Role.OFFICER)
            everyone = await uow.people.with_role()
            members = await uow.people.of_enterprise(world.enterprise_id)
            assert await uow.people.of_enterprise(world.enterprise_id + 1000) == []
        assert [p.id for p in officers] == [world.officer_id, world.lead_id]
        assert [p.id for p in everyone] == sorted(p.id or 0 for p in everyone)
        assert len(everyone) == 4
        assert [p.id for p in members] == [world.member_id]

    async def test_add_identity_links_updates_and_refuses_someone_elses(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            await uow.people.add_identity(world.member_id, WECOM)
            await uow.people.add_identity(
                world.member_id, ChannelIdentity("telegram", "1001", "9")
            )
            await uow.commit()
        async with uow_factory() as uow:
            member = await uow.people.by_identity("wecom", "wangfang")
            assert member is not None
            assert member.identities == (ChannelIdentity("telegram", "1001", "9"), WECOM)
            with pytest.raises(InvalidInput) as caught:
                await uow.people.add_identity(world.officer_id, WECOM)
        assert caught.value.key == "identity.taken"

    async def test_save_replaces_roles_and_never_drops_identities(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            stale = await uow.people.get(world.officer_id)
            await uow.people.add_identity(world.officer_id, WECOM)
            assert stale is not None
            stale.roles = frozenset({Role.OFFICER, Role.LEAD})
            stale.name = "李强强"
            stale.identities = (ChannelIdentity("telegram", "3003", "3003"),)
            await uow.people.save(stale)
            await uow.commit()
        async with uow_factory() as uow:
            saved = await uow.people.get(world.officer_id)
        assert saved is not None
        assert saved.roles == {Role.OFFICER, Role.LEAD}
        assert saved.name == "李强强"
        assert saved.identities == (WECOM, ChannelIdentity("telegram", "3003", "3003"))

    async def test_actor_knows_memberships_leads_and_supervision(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            await uow.task_forces.add_member(world.chem_id, world.lead_id)
            await uow.commit()
        async with uow_factory() as uow:
            member = await uow.people.actor(world.member_id)
            lead = await uow.people.actor(world.lead_id)
            leader = await uow.people.actor(world.leader_id)
            assert await uow.people.actor(world.member_id + 1000) is None
        assert member == Actor(
            world.member_id, frozenset({Role.MEMBER}), enterprise_id=world.enterprise_id
        )
        assert lead == Actor(
            world.lead_id,
            frozenset({Role.OFFICER, Role.LEAD}),
            member_of=frozenset({world.chem_id}),
            leads=frozenset({world.alu_id}),
        )
        assert leader is not None
        assert leader.supervises == {world.alu_id, world.chem_id}
        assert leader.member_of == frozenset()


class TestTaskForces:
    """TaskForceRepository."""

    async def test_task_force_round_trips(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            alu = await uow.task_forces.get(world.alu_id)
            assert alu is not None
            assert alu.member_ids == {world.officer_id}
            assert alu.lead_id == world.lead_id
            assert alu.keywords == ("铝", "aluminium")
            assert await uow.task_forces.by_code("chem") == await uow.task_forces.get(
                world.chem_id
            )
            assert [t.code for t in await uow.task_forces.all()] == ["alu", "chem"]
            assert await uow.task_forces.get(world.alu_id + 1000) is None
            assert await uow.task_forces.by_code("nope") is None

    async def test_save_updates_and_keeps_members_added_meanwhile(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        async with uow_factory() as uow:
            stale = await uow.task_forces.get(world.alu_id)
            assert stale is not None
            await uow.task_forces.add_member(world.alu_id, world.lead_id)
            await uow.task_forces.add_member(world.alu_id, world.lead_id)
            stale.name_en = "Aluminium"
            stale.group_chats = {"telegram": "-100123", "wecom": "appchat:alu2026"}
            stale.industries = ("alu", "metal")
            stale.active = False
            await uow.task_forces.save(stale)
            await uow.commit()
        async with uow_factory() as uow:
            saved = await uow.task_forces.by_code("alu")
        assert saved is not None
        assert saved.member_ids == {world.officer_id, world.lead_id}
        assert (saved.name_en, saved.active) == ("Aluminium", False)
        assert saved.group_chats == {"telegram": "-100123", "wecom": "appchat:alu2026"}
        assert (saved.group_on("wecom"), saved.group_on("nowhere")) == ("appchat:alu2026", None)
        assert saved.industries == ("alu", "metal")

    async def test_new_task_force_with_members(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        team = make_task_force("ev", kind="team", member_ids=frozenset({world.officer_id}))
        async with uow_factory() as uow:
            await uow.task_forces.add(team)
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.task_forces.by_code("ev") == team


class TestEnterprisesAndProjects:
    """EnterpriseRepository and ProjectRepository."""

    async def test_enterprise_round_trips(self, uow_factory: UnitOfWorkFactory) -> None:
        world = await committed_world(uow_factory)
        second = make_enterprise(2, cadre_id=world.officer_id, zone=None)
        async with uow_factory() as uow:
            await uow.enterprises.add(second)
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.enterprises.get(second.id or 0) == second
            assert await uow.enterprises.by_credit_code(second.credit_code) == second
            assert await uow.enterprises.by_credit_code("91350100000000000X") is None
            assert [e.id for e in await uow.enterprises.all()] == [world.enterprise_id, second.id]

    async def test_project_round_trips_with_exact_investment(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        project = make_project(world.enterprise_id, investment_amount=Decimal("123456789012.34"))
        async with uow_factory() as uow:
            await uow.projects.add(project)
            await uow.commit()
        async with uow_factory() as uow:
            loaded = await uow.projects.get(project.id or 0)
            assert loaded == project
            assert loaded is not None
            loaded.stage = Stage.LANDED
            loaded.investment_amount = None
            loaded.flagged = True
            await uow.projects.save(loaded)
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.projects.find(world.enterprise_id) == [loaded]
            assert await uow.projects.find() == [loaded]
            assert await uow.projects.find(world.enterprise_id + 1000) == []
            assert await uow.projects.get((project.id or 0) + 1000) is None


class TestInvites:
    """InviteRepository."""

    async def test_invite_round_trips_and_is_used_once(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        invite = make_invite(task_force_id=world.alu_id, created_by=world.lead_id)
        async with uow_factory() as uow:
            await uow.invites.add(invite)
            await uow.commit()
        async with uow_factory() as uow:
            loaded = await uow.invites.by_hash(invite.code_hash)
            assert loaded == invite
            assert loaded is not None
            assert loaded.id is not None
            used_at = FILED_AT + timedelta(hours=3)
            assert await uow.invites.use(loaded.id, world.officer_id, used_at)
            assert not await uow.invites.use(loaded.id, world.lead_id, used_at)
            await uow.commit()
        async with uow_factory() as uow:
            used = await uow.invites.by_hash(invite.code_hash)
            assert await uow.invites.by_hash("unknown") is None
        assert used is not None
        assert (used.used_at, used.used_by) == (used_at, world.officer_id)
        assert not used.usable(FILED_AT + timedelta(hours=4))


class TestUniqueness:
    """Taken credit codes, person keys and task force codes are refused as domain errors."""

    async def test_a_second_enterprise_with_the_same_credit_code_is_refused(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            await uow.enterprises.add(make_enterprise(1))
            with pytest.raises(InvalidInput) as refused:
                await uow.enterprises.add(make_enterprise(1, name="另一家"))
        assert refused.value.key == "enterprise.exists"

    async def test_a_taken_person_key_is_refused(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            await uow.people.add(make_person("甲", Role.OFFICE, key="desk"))
            await uow.people.add(make_person("乙", Role.OFFICE))
            await uow.people.add(make_person("丙", Role.OFFICE))
            with pytest.raises(InvalidInput) as refused:
                await uow.people.add(make_person("丁", Role.OFFICE, key="desk"))
        assert refused.value.key == "person.key_taken"

    async def test_a_taken_task_force_code_is_refused(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            await uow.task_forces.add(make_task_force("alu"))
            with pytest.raises(InvalidInput) as refused:
                await uow.task_forces.add(make_task_force("alu"))
        assert refused.value.key == "task_force.exists"

    async def test_an_invite_for_a_person_keeps_whom_it_is_for(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        world = await committed_world(uow_factory)
        named = make_invite("p" * 64, role=Role.LEAD, person_id=world.lead_id)
        anyone = make_invite("a" * 64)
        async with uow_factory() as uow:
            await uow.invites.add(named)
            await uow.invites.add(anyone)
            await uow.commit()
        async with uow_factory() as uow:
            loaded = await uow.invites.by_hash(named.code_hash)
            assert loaded == named
            assert loaded is not None and loaded.id is not None
            assert await uow.invites.use(loaded.id, world.lead_id, FILED_AT)
            await uow.commit()
        async with uow_factory() as uow:
            used = await uow.invites.by_hash(named.code_hash)
            other = await uow.invites.by_hash(anyone.code_hash)
        assert used is not None and (used.person_id, used.used_by) == (world.lead_id,) * 2
        assert other is not None and other.person_id is None

"""The playground's demo city, loaded through the use cases on first start (§1, §12).

Officials join as they would in life, by redeeming invites; the office desks, which the
configuration names by key, are added by the operator. Every person has a Telegram account
in the sandbox, so the page can act as them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.services.context import Context
from bot.services.directory import NewOfficial, add_official
from bot.services.invites import accept_invite, create_invite
from bot.services.ports import UnitOfWorkFactory
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)

GROUP_CHAT = -1001001
GROUP_TASK_FORCE = "alu"


@dataclass(frozen=True)
class Persona:
    """One person of the demo city and their sandbox account."""

    key: str
    name: str
    telegram_id: int
    role: Role
    task_force: str | None = None
    person_key: str | None = None


# Joined by invite: officer, lead, supervising leader, principal leader.
INVITED = (
    Persona("officer", "赵专员", 2001, Role.OFFICER, "alu"),
    Persona("lead", "孙组长", 2002, Role.LEAD, "alu"),
    Persona("leader", "李副市长", 3001, Role.LEADER, "alu"),
    Persona("principal", "周市长", 3002, Role.PRINCIPAL),
)
# Added by the operator under the keys the configuration names.
DESKS = (
    Persona("office", "市政府办值班室", 4001, Role.OFFICE, person_key="government-office"),
    Persona("party_office", "市委办值班室", 4002, Role.OFFICE, person_key="party-office"),
)
ENTERPRISE = Persona("enterprise", "王经理", 1001, Role.MEMBER)
PERSONAS = (ENTERPRISE, *INVITED, *DESKS)


async def demo_loaded(new_uow: UnitOfWorkFactory) -> bool:
    """True once the demo city (or any real enterprise) is in the database."""
    async with new_uow().reading() as uow:
        return bool(await uow.enterprises.all())


async def load_demo(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> None:
    """Enterprises, projects at different stages (one city-coordinated) and officials."""
    for persona in INVITED:
        issued = await create_invite(
            new_uow(), ctx, OPERATOR, persona.role, now, task_force_code=persona.task_force
        )
        await accept_invite(new_uow(), issued.code, _identity(persona), persona.name, now)
    for desk in DESKS:
        new = NewOfficial(desk.name, frozenset({desk.role}), key=desk.person_key)
        person = await add_official(new_uow(), OPERATOR, new)
        assert person.id is not None
        async with new_uow() as uow:
            await uow.people.add_identity(person.id, _identity(desk))
            await uow.commit()
    await _load_enterprises(new_uow, ctx, now)


async def link_group(new_uow: UnitOfWorkFactory) -> None:
    """Make the sandbox group the task force's group chat."""
    async with new_uow() as uow:
        team = await uow.task_forces.by_code(GROUP_TASK_FORCE)
        if team is not None and team.group_chat != str(GROUP_CHAT):
            team.group_chat = str(GROUP_CHAT)
            await uow.task_forces.save(team)
            await uow.commit()


async def _load_enterprises(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> None:
    registration = EnterpriseRegistration(
        "滨州宏达铝业有限公司",
        "91350100M000100Y43",
        ENTERPRISE.name,
        phone="+8613800001001",
        identity=_identity(ENTERPRISE),
        language="zh",
    )
    enterprise, _ = await register_enterprise(new_uow(), registration, now)
    other, _ = await register_enterprise(
        new_uow(),
        EnterpriseRegistration("鲁北新能源科技有限公司", "91110000600037341L", "陈经理"),
        now,
    )
    assert enterprise.id is not None and other.id is not None
    projects = (
        ProjectRegistration(enterprise.id, "铝箔扩建", "alu", "signed", "500000000"),
        # Measure 3: 3 billion yuan makes it city-coordinated, so its urgent issues go to 直报.
        ProjectRegistration(enterprise.id, "高端铝材产业园", "alu", "under_way", "3000000000"),
        ProjectRegistration(other.id, "光伏组件二期", "energy", "negotiating", "800000000"),
        ProjectRegistration(other.id, "储能电站", "energy", "landed", "120000000"),
    )
    for project in projects:
        await register_project(new_uow(), ctx, OPERATOR, project)


def _identity(persona: Persona) -> ChannelIdentity:
    account = str(persona.telegram_id)
    return ChannelIdentity("telegram", account, account)

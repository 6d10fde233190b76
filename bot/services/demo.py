"""The playground's demo city, loaded through the use cases on first start (§1, §12).

Officials join as they would in life, by redeeming invites, the office desks' duty officers
too. Every person has a Telegram account in the sandbox, so the page can act as them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import OPERATOR, TELEGRAM, ChannelIdentity, Person, Role
from bot.services.context import Context
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


# Joined by invite: officer, lead, supervising leader, principal leader.
INVITED = (
    Persona("officer", "赵专员", 2001, Role.OFFICER, "alu"),
    Persona("lead", "孙组长", 2002, Role.LEAD, "alu"),
    Persona("leader", "李副市长", 3001, Role.LEADER, "alu"),
    Persona("principal", "周市长", 3002, Role.PRINCIPAL),
)
# The duty officers of the two offices: the dispatch desk, and readers of direct reports.
DESKS = (
    Persona("office", "市政府办值班室", 4001, Role.OFFICE),
    Persona("party_office", "市委办值班室", 4002, Role.OFFICE),
)
ENTERPRISE = Persona("enterprise", "王经理", 1001, Role.MEMBER)
# The demo's enterprises: name and unified social credit code.
ENTERPRISES = (
    ("滨州宏达铝业有限公司", "91350100M000100Y43"),
    ("鲁北新能源科技有限公司", "91110000600037341L"),
)
PERSONAS = (ENTERPRISE, *INVITED, *DESKS)


async def demo_only(new_uow: UnitOfWorkFactory) -> bool:
    """True if the directory holds nothing but (some of) the demo city: empty at first start,
    or cut short by a crash while loading. A city's real data is never mixed with the demo."""
    async with new_uow().reading() as uow:
        people = await uow.people.with_role()
        enterprises = await uow.enterprises.all()
    ours = {str(p.telegram_id) for p in PERSONAS}
    codes = {code for _, code in ENTERPRISES}
    demo_enterprises = {e.id for e in enterprises if e.credit_code in codes}

    def of_demo(person: Person) -> bool:
        accounts = {i.external_id for i in person.identities}
        return bool(accounts & ours) or (
            person.enterprise_id is not None and person.enterprise_id in demo_enterprises
        )

    others = [p for p in people if not of_demo(p)]
    return not others and len(demo_enterprises) == len(enterprises)


async def loaded_before(new_uow: UnitOfWorkFactory) -> bool:
    """Whether an earlier start loaded the demo city (its enterprise's manager is known)."""
    return await _person(new_uow, ENTERPRISE) is not None


async def load_demo(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> None:
    """Enterprises, projects at different stages (one city-coordinated) and officials.

    What is there already is left as it is, so a load cut short is completed next time.
    """
    for persona in (*INVITED, *DESKS):
        if await _person(new_uow, persona) is None:
            issued = await create_invite(
                new_uow(), ctx, OPERATOR, persona.role, now, task_force_code=persona.task_force
            )
            await accept_invite(new_uow(), issued.code, _identity(persona), persona.name, now)
    await _load_enterprises(new_uow, ctx, now)


async def _person(new_uow: UnitOfWorkFactory, persona: Persona) -> Person | None:
    async with new_uow().reading() as uow:
        return await uow.people.by_identity("telegram", str(persona.telegram_id))


async def link_group(new_uow: UnitOfWorkFactory) -> None:
    """Make the sandbox group the task force's group chat, unless it has a group already."""
    async with new_uow() as uow:
        team = await uow.task_forces.by_code(GROUP_TASK_FORCE)
        # A group someone linked since the demo was loaded is theirs to keep.
        if team is not None and not team.group_on(TELEGRAM):
            team.group_chats = team.group_chats | {TELEGRAM: str(GROUP_CHAT)}
            await uow.task_forces.save(team)
            await uow.commit()


async def _load_enterprises(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> None:
    (name, code), (other_name, other_code) = ENTERPRISES
    registration = EnterpriseRegistration(
        name,
        code,
        ENTERPRISE.name,
        phone="+8613800001001",
        identity=_identity(ENTERPRISE),
        language="zh",
    )
    async with new_uow().reading() as uow:
        enterprise = await uow.enterprises.by_credit_code(code)
        other = await uow.enterprises.by_credit_code(other_code)
    if enterprise is None:
        enterprise, _ = await register_enterprise(new_uow(), registration, now)
    if other is None:
        other_registration = EnterpriseRegistration(other_name, other_code, "陈经理")
        other, _ = await register_enterprise(new_uow(), other_registration, now)
    assert enterprise.id is not None and other.id is not None
    async with new_uow().reading() as uow:
        existing = {p.name for p in await uow.projects.find()}
    projects = (
        ProjectRegistration(enterprise.id, "铝箔扩建", "alu", "signed", "500000000"),
        # Measure 3: 3 billion yuan makes it city-coordinated, so its urgent issues go to 直报.
        ProjectRegistration(enterprise.id, "高端铝材产业园", "alu", "under_way", "3000000000"),
        ProjectRegistration(other.id, "光伏组件二期", "energy", "negotiating", "800000000"),
        ProjectRegistration(other.id, "储能电站", "energy", "landed", "120000000"),
    )
    for project in projects:
        if project.name not in existing:
            await register_project(new_uow(), ctx, OPERATOR, project)


def _identity(persona: Persona) -> ChannelIdentity:
    account = str(persona.telegram_id)
    return ChannelIdentity("telegram", account, account)

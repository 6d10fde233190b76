"""A small city built through the use cases themselves, for the service tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.bootstrap import build_context, configured_task_forces
from bot.config import default_settings
from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.services.context import Context
from bot.services.directory import NewOfficial, add_official, sync_task_forces
from bot.services.filing import FilingRequest, file_issue
from bot.services.ports import UnitOfWorkFactory
from bot.services.recording import Outcome
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)

# Monday 2026-11-23 10:00 in Shanghai.
MONDAY_10 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
ALU_GROUP = "-1001234"


@dataclass
class City:
    """Ids of everyone in the test city, and a clock the tests move by hand."""

    new_uow: UnitOfWorkFactory
    ctx: Context
    now: datetime
    officer: int
    officer2: int
    lead: int
    leader: int
    principal: int
    party_office: int
    government_office: int
    admin: int
    energy_officer: int
    member: int
    enterprise: int
    other_member: int
    small_project: int
    big_project: int
    extra: dict[str, int] = field(default_factory=dict)

    def later(self, **delta: float) -> datetime:
        """Move the clock forward and return the new time."""
        self.now = self.now + timedelta(**delta)
        return self.now

    async def file(self, text: str = "电解铝项目用电报装迟迟没有批复", **kw: object) -> Outcome:
        """File an issue as the member, about the small project unless told otherwise."""
        kw.setdefault("project_id", self.small_project)
        request = FilingRequest(text=text, **kw)  # type: ignore[arg-type]
        return await file_issue(self.new_uow(), self.ctx, self.member, request, self.now)


async def _official(new_uow: UnitOfWorkFactory, name: str, *roles: Role, **kw: object) -> int:
    person = await add_official(new_uow(), OPERATOR, NewOfficial(name, frozenset(roles), **kw))  # type: ignore[arg-type]
    assert person.id is not None
    return person.id


async def build_city(new_uow: UnitOfWorkFactory) -> City:
    """Task forces from the default config (alu with a group chat, energy in round robin)."""
    settings = default_settings()
    ctx = build_context(settings)
    teams = configured_task_forces(settings)
    for team in teams:
        if team.code == "alu":
            team.group_chats = {"telegram": ALU_GROUP}
        if team.code == "energy":
            team.assignment = "round_robin"
    await sync_task_forces(new_uow(), teams)
    ids = {
        "officer": await _official(new_uow, "赵专员", Role.OFFICER, task_forces=("alu",)),
        "officer2": await _official(new_uow, "钱专员", Role.OFFICER, task_forces=("alu",)),
        "lead": await _official(new_uow, "孙组长", Role.LEAD, task_forces=("alu",)),
        "leader": await _official(new_uow, "李副市长", Role.LEADER, task_forces=("alu",)),
        "principal": await _official(new_uow, "周市长", Role.PRINCIPAL),
        "party_office": await _official(new_uow, "市委办", Role.OFFICE, key="party-office"),
        "government_office": await _official(
            new_uow, "市政府办", Role.OFFICE, key="government-office"
        ),
        "admin": await _official(new_uow, "管理员", Role.ADMIN),
        "energy_officer": await _official(
            new_uow, "吴专员", Role.OFFICER, task_forces=("energy",)
        ),
    }
    enterprise, member = await register_enterprise(
        new_uow(),
        EnterpriseRegistration(
            "滨州宏达铝业有限公司",
            "91350100M000100Y43",
            "王经理",
            identity=ChannelIdentity("telegram", "5001", "5001"),
        ),
        MONDAY_10,
    )
    _, other = await register_enterprise(
        new_uow(), EnterpriseRegistration("别家公司", "91110000600037341L", "陈经理"), MONDAY_10
    )
    assert enterprise.id and member.id and other.id
    small = await register_project(
        new_uow(),
        ctx,
        member.id,
        ProjectRegistration(enterprise.id, "铝箔扩建", "alu", investment_amount="500000000"),
    )
    big = await register_project(
        new_uow(),
        ctx,
        member.id,
        ProjectRegistration(
            enterprise.id, "高端铝材产业园", "alu", investment_amount="3000000000"
        ),
    )
    assert small.id and big.id and big.city_coordinated and not small.city_coordinated
    return City(
        new_uow=new_uow,
        ctx=ctx,
        now=MONDAY_10,
        member=member.id,
        enterprise=enterprise.id,
        other_member=other.id,
        small_project=small.id,
        big_project=big.id,
        officer=ids["officer"],
        officer2=ids["officer2"],
        lead=ids["lead"],
        leader=ids["leader"],
        principal=ids["principal"],
        party_office=ids["party_office"],
        government_office=ids["government_office"],
        admin=ids["admin"],
        energy_officer=ids["energy_officer"],
    )

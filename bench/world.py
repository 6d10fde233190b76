"""A small city for benchmarks: one task force, one officer, one enterprise with a project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.bootstrap import build_context, configured_task_forces
from bot.config import default_settings
from bot.domain.people import OPERATOR, Role
from bot.services.context import Context
from bot.services.directory import NewOfficial, add_official, sync_task_forces
from bot.services.ports import UnitOfWorkFactory
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)

CREDIT_CODE = "91350100M000100Y43"


@dataclass(frozen=True)
class World:
    """Ids of the people and project the benchmark acts with."""

    ctx: Context
    officer_id: int
    member_id: int
    project_id: int


async def build_world(new_uow: UnitOfWorkFactory) -> World:
    """Load the default task forces and add the people the lifecycle needs."""
    ctx = build_context(default_settings())
    now = datetime.now(UTC)
    await sync_task_forces(new_uow(), configured_task_forces(default_settings()))
    officer = await add_official(
        new_uow(),
        OPERATOR,
        NewOfficial("Officer", frozenset({Role.OFFICER}), task_forces=("alu",)),
    )
    await add_official(
        new_uow(), OPERATOR, NewOfficial("Desk", frozenset({Role.OFFICE}), key="government-office")
    )
    enterprise, member = await register_enterprise(
        new_uow(), EnterpriseRegistration("Bench Aluminium Co.", CREDIT_CODE, "Contact"), now
    )
    assert enterprise.id is not None and member.id is not None and officer.id is not None
    project = await register_project(
        new_uow(),
        ctx,
        member.id,
        ProjectRegistration(enterprise.id, "Rolling mill", "alu", investment_amount="500000000"),
    )
    assert project.id is not None
    return World(ctx, officer.id, member.id, project.id)

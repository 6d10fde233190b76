"""Task forces and their members, enterprises and their projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import RowMapping, Select, bindparam, select

from bot.domain.errors import InvalidInput
from bot.domain.model import Enterprise, Project, TaskForce
from storage.inline import Connection
from storage.mapping.records import (
    enterprise_from_row,
    enterprise_values,
    project_from_row,
    project_values,
    task_force_from_row,
    task_force_values,
)
from storage.repositories.base import SqlRepository
from storage.tables import enterprises, projects, task_force_members, task_forces

MEMBER_KEYS = ("task_force_id", "person_id")


def _with_members(statement: Select[tuple[object, ...]]) -> Select[tuple[object, ...]]:
    # Members come in the same round trip: one row per (task force, member).
    return statement.add_columns(task_force_members.c.person_id.label("_member")).outerjoin(
        task_force_members, task_force_members.c.task_force_id == task_forces.c.id
    )


# Built once: filing, cards and every notice read task forces and projects.
TEAMS = _with_members(select(task_forces).order_by(task_forces.c.id))
TEAM_BY_ID = _with_members(select(task_forces).where(task_forces.c.id == bindparam("_id")))
TEAM_BY_CODE = _with_members(select(task_forces).where(task_forces.c.code == bindparam("_code")))
ENTERPRISE_BY_ID = select(enterprises).where(enterprises.c.id == bindparam("_id"))
PROJECT_BY_ID = select(projects).where(projects.c.id == bindparam("_id"))


class SqlTaskForceRepository(SqlRepository):
    """TaskForceRepository over task_forces and task_force_members."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection)
        # Task forces read in this transaction: filing reads them twice (routing, notices).
        self._seen: dict[int, TaskForce] = {}

    async def add(self, task_force: TaskForce) -> TaskForce:
        """Store a new task force with its members; it gets an id."""
        taken = InvalidInput(
            "task_force.exists", f"task force {task_force.code} exists", value=task_force.code
        )
        task_force.id = await self.insert_unique(
            task_forces, task_force_values(task_force), ["code"], taken
        )
        for person_id in sorted(task_force.member_ids):
            await self.add_member(task_force.id, person_id)
        return task_force

    async def save(self, task_force: TaskForce) -> None:
        """Write the task force back and add anyone in member_ids not yet a member.

        Members are only ever added here, never removed: a task force read before
        add_member ran must not drop that member by being saved (see join_task_force).
        """
        if task_force.id is None:
            raise ValueError(f"task force {task_force.code} was never added")
        self._seen.pop(task_force.id, None)
        await self.execute(
            task_forces.update()
            .where(task_forces.c.id == task_force.id)
            .values(**task_force_values(task_force))
        )
        for person_id in sorted(task_force.member_ids):
            await self.add_member(task_force.id, person_id)

    async def get(self, task_force_id: int) -> TaskForce | None:
        """The task force with this id."""
        if task_force_id in self._seen:
            return replace(self._seen[task_force_id])
        found = await self._load(TEAM_BY_ID, {"_id": task_force_id})
        return found[0] if found else None

    async def by_code(self, code: str) -> TaskForce | None:
        """The task force with this short code (e.g. "alu")."""
        found = await self._load(TEAM_BY_CODE, {"_code": code})
        return found[0] if found else None

    async def all(self) -> list[TaskForce]:
        """Every task force, by id."""
        return await self._load(TEAMS)

    async def add_member(self, task_force_id: int, person_id: int) -> None:
        """Make the person a member; nothing happens if they already are one."""
        values = {"task_force_id": task_force_id, "person_id": person_id}
        self._seen.pop(task_force_id, None)
        await self.insert_new(task_force_members, values, MEMBER_KEYS)

    async def _load(
        self, statement: Select[tuple[object, ...]], parameters: Mapping[str, object] | None = None
    ) -> list[TaskForce]:
        rows: dict[int, RowMapping] = {}
        members: defaultdict[int, set[int]] = defaultdict(set)
        for row in await self.rows(statement, parameters):
            rows.setdefault(row["id"], row)
            if row["_member"] is not None:
                members[row["id"]].add(row["_member"])
        loaded = [task_force_from_row(row, members[key]) for key, row in rows.items()]
        self._seen.update((t.id, replace(t)) for t in loaded if t.id is not None)
        return loaded


class SqlEnterpriseRepository(SqlRepository):
    """EnterpriseRepository over the enterprises table."""

    async def add(self, enterprise: Enterprise) -> Enterprise:
        """Store a new enterprise; it gets an id."""
        taken = InvalidInput(
            "enterprise.exists",
            f"an enterprise with credit code {enterprise.credit_code} is registered already",
            value=enterprise.credit_code,
        )
        enterprise.id = await self.insert_unique(
            enterprises, enterprise_values(enterprise), ["credit_code"], taken
        )
        return enterprise

    async def get(self, enterprise_id: int) -> Enterprise | None:
        """The enterprise with this id."""
        row = await self.row(ENTERPRISE_BY_ID, {"_id": enterprise_id})
        return enterprise_from_row(row) if row else None

    async def by_credit_code(self, credit_code: str) -> Enterprise | None:
        """The enterprise with this unified social credit code."""
        statement = select(enterprises).where(enterprises.c.credit_code == credit_code)
        row = await self.row(statement)
        return enterprise_from_row(row) if row else None

    async def all(self) -> list[Enterprise]:
        """Every enterprise, by id."""
        statement = select(enterprises).order_by(enterprises.c.id)
        return [enterprise_from_row(row) for row in await self.rows(statement)]


class SqlProjectRepository(SqlRepository):
    """ProjectRepository over the projects table."""

    async def add(self, project: Project) -> Project:
        """Store a new project; it gets an id."""
        project.id = await self.insert_id(projects, project_values(project))
        return project

    async def save(self, project: Project) -> None:
        """Write the project back."""
        if project.id is None:
            raise ValueError(f"project {project.name} was never added")
        await self.execute(
            projects.update().where(projects.c.id == project.id).values(**project_values(project))
        )

    async def get(self, project_id: int) -> Project | None:
        """The project with this id."""
        row = await self.row(PROJECT_BY_ID, {"_id": project_id})
        return project_from_row(row) if row else None

    async def find(self, enterprise_id: int | None = None) -> list[Project]:
        """Projects of the enterprise (all for None), by id."""
        statement = select(projects).order_by(projects.c.id)
        if enterprise_id is not None:
            statement = statement.where(projects.c.enterprise_id == enterprise_id)
        return [project_from_row(row) for row in await self.rows(statement)]

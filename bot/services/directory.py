"""The city's officials and task forces: added by the operator, kept in step with config."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import TaskForce
from bot.domain.people import OFFICIAL_ROLES, Actor, Person, Role
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, load_actor
from bot.services.registration import clean_name
from bot.services.teamwork import find_task_force

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class NewOfficial:
    """An official the operator adds by hand (leaders, office desks, staff without invites)."""

    name: str
    roles: frozenset[Role]
    key: str | None = None
    task_forces: tuple[str, ...] = ()
    phone: str | None = None
    language: str | None = None


async def add_official(uow: UnitOfWork, actor_id: ActorRef, new: NewOfficial) -> Person:
    """Add an official and link them to their task forces as their roles say."""
    name = clean_name(new.name, "name")
    key = _clean_key(new.key)
    roles = frozenset(new.roles)
    if not roles or not roles <= OFFICIAL_ROLES:
        raise InvalidInput("person.bad_roles", "give one or more official roles")
    async with uow:
        _require_admin(await load_actor(uow, actor_id))
        if key is not None and await uow.people.by_key(key) is not None:
            raise InvalidInput("person.key_taken", f"the key {key!r} is taken", value=key)
        teams = [await find_task_force(uow, code) for code in new.task_forces]
        if teams and not roles & {Role.OFFICER, Role.LEAD, Role.LEADER}:
            raise InvalidInput(
                "person.task_force_role", "task forces go with officer, lead or leader roles"
            )
        person = await uow.people.add(
            Person(name=name, roles=roles, key=key, phone=new.phone, language=new.language)
        )
        assert person.id is not None
        for team in teams:
            await join_task_force(uow, team, person.id, roles)
        await uow.commit()
    return person


async def join_task_force(
    uow: UnitOfWork, team: TaskForce, person_id: int, roles: Iterable[Role]
) -> None:
    """Make the person an officer, the lead or the supervising leader of the task force."""
    assert team.id is not None
    held = set(roles)
    if held & {Role.OFFICER, Role.LEAD}:
        await uow.task_forces.add_member(team.id, person_id)
    if Role.LEAD in held:
        team.lead_id = person_id
    if Role.LEADER in held:
        team.supervising_leader_id = person_id
    if held & {Role.LEAD, Role.LEADER}:
        await uow.task_forces.save(team)


async def sync_task_forces(uow: UnitOfWork, configured: Sequence[TaskForce]) -> list[str]:
    """Create or update task forces from the configuration; unlisted ones become inactive."""
    changes: list[str] = []
    async with uow:
        existing = {t.code: t for t in await uow.task_forces.all()}
        for wanted in configured:
            current = existing.pop(wanted.code, None)
            if current is None:
                await uow.task_forces.add(wanted)
                changes.append(f"added {wanted.code}")
                continue
            updated = _with_config(current, wanted)
            if updated != current:
                await uow.task_forces.save(updated)
                changes.append(f"updated {wanted.code}")
        for left in existing.values():
            if left.active:
                left.active = False
                await uow.task_forces.save(left)
                changes.append(f"deactivated {left.code}")
        await uow.commit()
    return changes


def _with_config(current: TaskForce, wanted: TaskForce) -> TaskForce:
    # People (lead, leader, members) are managed in the database, not in the file.
    return TaskForce(
        code=wanted.code,
        name_zh=wanted.name_zh,
        name_en=wanted.name_en,
        kind=wanted.kind,
        industries=wanted.industries,
        keywords=wanted.keywords,
        assignment=wanted.assignment,
        language=wanted.language,
        group_chat=wanted.group_chat,
        lead_id=current.lead_id,
        supervising_leader_id=current.supervising_leader_id,
        member_ids=current.member_ids,
        active=True,
        id=current.id,
    )


def _require_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise NotAllowed("person.admin_only", "only an admin may add officials")


def _clean_key(key: str | None) -> str | None:
    if key is None or not key.strip():
        return None
    key = key.strip().lower()
    if not KEY_PATTERN.match(key):
        raise InvalidInput(
            "person.bad_key",
            f"{key!r} is not a key: use lowercase letters, digits, - and _",
            value=key,
        )
    return key

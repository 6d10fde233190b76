"""One-time invites: officials join only through them, colleagues join their enterprise (§14)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.access import Invite
from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import Enterprise, TaskForce
from bot.domain.people import OFFICIAL_ROLES, Actor, ChannelIdentity, Person, Role
from bot.services.context import Context
from bot.services.directory import join_task_force
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, load_actor
from bot.services.registration import clean_name
from bot.services.teamwork import find_task_force

TEAM_ROLES = frozenset({Role.OFFICER, Role.LEAD, Role.LEADER})
# Most acting first: the role a welcome names when a person holds several.
MAIN_ROLES = (Role.LEAD, Role.LEADER, Role.OFFICE, Role.OFFICER, Role.PRINCIPAL, Role.ADMIN)


@dataclass(frozen=True)
class IssuedInvite:
    """The code to hand over (shown once; only its hash is stored) and the stored invite."""

    code: str
    invite: Invite


@dataclass(frozen=True)
class Joined:
    """Who redeemed an invite, and what it made them: the role, and the task force or the
    enterprise it took them to."""

    person: Person
    role: Role
    task_force: TaskForce | None = None
    enterprise: Enterprise | None = None


def invite_link(bot_username: str, code: str) -> str:
    """The Telegram link that redeems an invite: opening it sends the bot /start CODE."""
    return f"https://t.me/{bot_username}?start={code}"


def hash_code(code: str) -> str:
    """The stored form of an invite code."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_invite(
    uow: UnitOfWork,
    ctx: Context,
    actor_id: ActorRef,
    role: Role,
    now: datetime,
    task_force_code: str | None = None,
    enterprise_id: int | None = None,
) -> IssuedInvite:
    """Issue an invite; admins invite officials, leads their officers, enterprises colleagues."""
    if role in TEAM_ROLES and not task_force_code and role is not Role.LEADER:
        raise InvalidInput(
            "invite.needs_task_force", f"an invite for the role {role} needs a task force"
        )
    if role is Role.MEMBER and enterprise_id is None:
        raise InvalidInput("invite.needs_enterprise", "a member invite needs an enterprise")
    async with uow:
        actor = await load_actor(uow, actor_id)
        team = await find_task_force(uow, task_force_code) if task_force_code else None
        if team is not None and role not in TEAM_ROLES:
            raise InvalidInput(
                "invite.task_force_role", f"an invite for the role {role} takes no task force"
            )
        _authorise(actor, role, team.id if team else None, enterprise_id)
        return await _issue(
            uow,
            Invite(
                code_hash="",
                role=role,
                created_at=now,
                expires_at=now + ctx.invite_ttl,
                task_force_id=team.id if team else None,
                enterprise_id=enterprise_id if role is Role.MEMBER else None,
                created_by=actor.person_id,
            ),
        )


async def accept_invite(
    uow: UnitOfWork,
    code: str,
    identity: ChannelIdentity,
    name: str,
    now: datetime,
    language: str | None = None,
) -> Joined:
    """Redeem an invite from a chat: the person gets its role (and task force or enterprise)."""
    async with uow:
        invite = await uow.invites.by_hash(hash_code(code))
        if invite is None:
            raise InvalidInput("invite.unknown", "this invite code is not valid")
        if invite.used_at is not None:
            holder = await uow.people.by_identity(identity.channel, identity.external_id)
            if holder is not None and holder.id == invite.used_by:
                # The same person opening their link again: already in, nothing to redo.
                raise InvalidInput("invite.used_by_you", "you joined with this invite already")
            raise InvalidInput("invite.used", "this invite has been used already")
        if not invite.usable(now):
            raise InvalidInput("invite.expired", "this invite has expired; ask for a new one")
        if invite.person_id is not None:
            joined = await _link_chat(uow, invite, identity, now, language)
            await uow.commit()
            return joined
        person = await uow.people.by_identity(identity.channel, identity.external_id)
        if person is None:
            person = await uow.people.add(
                Person(
                    name=clean_name(name, "name"),
                    # Served in it so far; an explicit /lang choice would override it.
                    detected_language=language,
                    identities=(identity,),
                )
            )
        assert person.id is not None
        if invite.role is Role.MEMBER:
            if person.roles & OFFICIAL_ROLES:
                raise InvalidInput("invite.official_member", "officials cannot join an enterprise")
            if person.enterprise_id not in (None, invite.enterprise_id):
                raise InvalidInput("invite.other_enterprise", "you belong to another enterprise")
            person.enterprise_id = invite.enterprise_id
        elif Role.MEMBER in person.roles:
            raise InvalidInput("invite.member_official", "enterprise members cannot be officials")
        person.roles = person.roles | {invite.role}
        await uow.people.save(person)
        team = None
        if invite.task_force_id is not None:
            team = await uow.task_forces.get(invite.task_force_id)
            if team is not None:
                await join_task_force(uow, team, person.id, {invite.role})
        firm = None
        if invite.enterprise_id is not None:
            firm = await uow.enterprises.get(invite.enterprise_id)
        assert invite.id is not None
        # The conditional write decides a race between two people redeeming one code.
        if not await uow.invites.use(invite.id, person.id, now):
            raise InvalidInput("invite.used", "this invite has been used already")
        await uow.commit()
    return Joined(person, invite.role, team, firm)


async def invite_person(
    uow: UnitOfWork, ctx: Context, actor_id: ActorRef, person_id: int, now: datetime
) -> IssuedInvite:
    """Issue an invite for an official who has no chat yet: it links the redeemer's chat to
    them, their roles and task forces unchanged. Admins only."""
    async with uow:
        actor = await load_actor(uow, actor_id)
        if not actor.has(Role.ADMIN):
            raise NotAllowed("invite.not_allowed", "only an administrator invites a named person")
        person = await uow.people.get(person_id)
        if person is None:
            raise InvalidInput("invite.person_unknown", f"there is no person {person_id}")
        role = _main_role(person.roles)
        if role is None:
            raise InvalidInput(
                "invite.person_not_official",
                f"{person.name} is no official; enterprise staff join by their enterprise",
                name=person.name,
            )
        if person.identities:
            raise InvalidInput(
                "invite.person_joined",
                f"{person.name} has joined in chat already",
                name=person.name,
            )
        return await _issue(
            uow,
            Invite(
                code_hash="",
                role=role,
                created_at=now,
                expires_at=now + ctx.invite_ttl,
                created_by=actor.person_id,
                person_id=person_id,
            ),
        )


async def _issue(uow: UnitOfWork, drawn: Invite) -> IssuedInvite:
    """Store the invite under a fresh code's hash and commit; the code is shown only now."""
    code = secrets.token_urlsafe(12)
    invite = await uow.invites.add(replace(drawn, code_hash=hash_code(code)))
    await uow.commit()
    return IssuedInvite(code, invite)


async def _link_chat(
    uow: UnitOfWork, invite: Invite, identity: ChannelIdentity, now: datetime, language: str | None
) -> Joined:
    """Link the redeemer's chat to the person the invite names; refuse a chat that is
    someone else's and a person who has a chat on this channel already."""
    assert invite.person_id is not None and invite.id is not None
    person = await uow.people.get(invite.person_id)
    if person is None:
        raise InvalidInput("invite.unknown", "this invite code is not valid")
    holder = await uow.people.by_identity(identity.channel, identity.external_id)
    if holder is not None and holder.id != person.id:
        raise InvalidInput(
            "invite.person_chat_taken",
            f"this chat account is {holder.name}'s; the invite is for {person.name}",
            name=person.name,
            holder=holder.name,
        )
    if any(i.channel == identity.channel for i in person.identities):
        raise InvalidInput(
            "invite.person_joined", f"{person.name} has joined in chat already", name=person.name
        )
    await uow.people.add_identity(invite.person_id, identity)
    if person.detected_language is None and language is not None:
        # Served in it so far, as a new person would be; their /lang choice stays theirs.
        await uow.people.note_language(invite.person_id, language)
        person.detected_language = language
    # The conditional write decides a race between two people redeeming one code.
    if not await uow.invites.use(invite.id, invite.person_id, now):
        raise InvalidInput("invite.used", "this invite has been used already")
    person.identities = (*person.identities, identity)
    teams = [t for t in await uow.task_forces.all() if person.id in _people_of(t)]
    return Joined(person, invite.role, teams[0] if len(teams) == 1 else None)


def _main_role(roles: frozenset[Role]) -> Role | None:
    """The role a person's welcome names: the one they act in most."""
    return next((role for role in MAIN_ROLES if role in roles), None)


def _people_of(team: TaskForce) -> set[int | None]:
    return {*team.member_ids, team.lead_id, team.supervising_leader_id}


def _authorise(actor: Actor, role: Role, team_id: int | None, enterprise_id: int | None) -> None:
    if actor.has(Role.ADMIN):
        return
    if role is Role.OFFICER and team_id is not None and team_id in actor.leads:
        return
    if role is Role.MEMBER and actor.enterprise_admin and actor.enterprise_id == enterprise_id:
        return
    raise NotAllowed("invite.not_allowed", f"you may not invite people with the role {role}")

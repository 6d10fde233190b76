"""The city's officials and task forces: added by the operator, kept in step with config."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import TaskForce
from bot.domain.people import OFFICIAL_ROLES, TELEGRAM, WECOM, Actor, Person, Role
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, load_actor
from bot.services.registration import clean_name
from bot.services.teamwork import find_task_force

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# A phone number as people write it: digits, with an optional + and spaces, dashes or brackets.
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{3,22}[0-9]$")
# What a WeCom group's id is written as: its appchat chatid (letters and digits, at most 32)
# behind this prefix, so a WeCom group never passes for a Telegram chat or a person.
APPCHAT = "appchat:"
# What a group chat's id looks like on each channel, and what to say when it does not. A
# Telegram group's id is negative (a supergroup's -100…) and, in the Bot API's 52 bits, at
# most 16 digits long; a positive one is a person's private chat.
GROUP_CHATS: Final = {
    TELEGRAM: (
        re.compile(r"^-[1-9][0-9]{0,15}$"),
        "a Telegram group's id is a negative number such as -1001234567890, which the bot "
        "says when it is added to the group",
    ),
    WECOM: (
        re.compile(r"^appchat:[0-9A-Za-z]{1,32}$"),
        "a WeCom group's id is appchat: and the chatid of the app's group chat (letters and "
        "digits, at most 32), such as appchat:alu2026",
    ),
}


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
    phone = _clean_phone(new.phone)
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
        # An officer or lead of no task force would see no issue and get no notice.
        if not teams and roles & {Role.OFFICER, Role.LEAD}:
            held = sorted(roles & {Role.OFFICER, Role.LEAD})
            what = (
                f"the {held[0]} role needs"
                if len(held) == 1
                else "the officer and lead roles need"
            )
            raise InvalidInput(
                "person.task_force_needed", f"{what} a task force", roles=",".join(held)
            )
        person = await uow.people.add(
            Person(name=name, roles=roles, key=key, phone=phone, language=new.language)
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


@dataclass(frozen=True)
class GroupConflict:
    """A task force whose group on a channel differs in the database and in the file."""

    code: str
    kept: str
    configured: str
    channel: str = TELEGRAM


@dataclass(frozen=True)
class TaskForceSync:
    """What loading the configured task forces changed, and the group links it left alone."""

    changes: list[str] = field(default_factory=list)
    conflicts: list[GroupConflict] = field(default_factory=list)


async def sync_task_forces(uow: UnitOfWork, configured: Sequence[TaskForce]) -> TaskForceSync:
    """Create or update task forces from the configuration; unlisted ones become inactive.

    Names, keywords, kinds and modes come from the file; people and groups linked in the
    database stay: the file's group on a channel only fills in a task force with none there.
    """
    result = TaskForceSync()
    configured = [replace(t, group_chats=_configured_groups(t)) for t in configured]
    async with uow:
        existing = {t.code: t for t in await uow.task_forces.all()}
        for wanted in configured:
            current = existing.pop(wanted.code, None)
            if current is None:
                await uow.task_forces.add(wanted)
                result.changes.append(f"added {wanted.code}")
                continue
            updated = _with_config(current, wanted)
            if updated != current:
                await uow.task_forces.save(updated)
                result.changes.append(f"updated {wanted.code}")
            for channel, chat in wanted.group_chats.items():
                kept = current.group_on(channel)
                if kept and kept != chat:
                    result.conflicts.append(GroupConflict(wanted.code, kept, chat, channel))
        for left in existing.values():
            if left.active:
                left.active = False
                await uow.task_forces.save(left)
                result.changes.append(f"deactivated {left.code}")
        await uow.commit()
    return result


def _configured_groups(team: TaskForce) -> dict[str, str]:
    groups: dict[str, str] = {}
    for channel, chat in team.group_chats.items():
        try:
            groups[channel] = check_group_chat(chat, channel)
        except InvalidInput as error:
            key = "group_chat" if channel == TELEGRAM else f"{channel}_group_chat"
            message = f"task force {team.code}: {key} {error}"
            raise InvalidInput(error.key, message, **error.params) from None
    return groups


def _with_config(current: TaskForce, wanted: TaskForce) -> TaskForce:
    # People (lead, leader, members) and linked groups are managed in the database.
    return TaskForce(
        code=wanted.code,
        name_zh=wanted.name_zh,
        name_en=wanted.name_en,
        kind=wanted.kind,
        industries=wanted.industries,
        keywords=wanted.keywords,
        assignment=wanted.assignment,
        language=wanted.language,
        group_chats=wanted.group_chats | current.group_chats,
        lead_id=current.lead_id,
        supervising_leader_id=current.supervising_leader_id,
        member_ids=current.member_ids,
        active=True,
        id=current.id,
    )


async def link_group(
    uow: UnitOfWork,
    actor_id: ActorRef,
    team_code: str,
    chat_id: str | None,
    channel: str = TELEGRAM,
) -> TaskForce:
    """Make `chat_id` the task force's group on the channel (None: no group there).

    An admin or the task force's lead may; a chat is the group of one task force only.
    """
    chat = check_group_chat(chat_id, channel) if chat_id is not None else None
    async with uow:
        actor = await load_actor(uow, actor_id)
        team = await find_task_force(uow, team_code)
        if not (actor.has(Role.ADMIN) or team.id in actor.leads):
            raise NotAllowed(
                "task_force.link_not_allowed",
                f"only an admin or the lead of {team.code} may link or unlink its group",
                code=team.code,
            )
        if chat is not None:
            teams = await uow.task_forces.all()
            other = next(
                (t for t in teams if t.group_on(channel) == chat and t.id != team.id), None
            )
            if other is not None:
                raise InvalidInput(
                    "task_force.group_taken",
                    f"chat {chat} is the group of {other.code} already; unlink it there first",
                    chat=chat,
                    code=other.code,
                    channel=channel,
                )
        if team.group_on(channel) != chat:
            others = {c: g for c, g in team.group_chats.items() if c != channel}
            team.group_chats = others if chat is None else others | {channel: chat}
            await uow.task_forces.save(team)
            await uow.commit()
    return team


def check_group_chat(chat_id: str, channel: str = TELEGRAM) -> str:
    """The id of a group chat on the channel, trimmed; anything else is a clear InvalidInput.

    A WeCom group may be given by its bare chatid: it comes back as appchat:<chatid>.
    """
    if channel not in GROUP_CHATS:
        known = ", ".join(GROUP_CHATS)
        raise InvalidInput(
            "task_force.bad_channel", f"no channel {channel!r}; channels: {known}", value=channel
        )
    chat = chat_id.strip()
    if channel == WECOM and chat and not chat.startswith(APPCHAT):
        chat = APPCHAT + chat
    pattern, rule = GROUP_CHATS[channel]
    if pattern.match(chat):
        return chat
    private = chat.isascii() and chat.isdigit() and int(chat) > 0
    what = (
        f"{chat} is a private chat, not a group" if private else f"{chat_id!r} is not a group's id"
    )
    raise InvalidInput("task_force.bad_chat", f"{what}: {rule}", value=chat_id, channel=channel)


def _require_admin(actor: Actor) -> None:
    if not actor.has(Role.ADMIN):
        raise NotAllowed("person.admin_only", "only an admin may add officials")


def _clean_phone(phone: str | None) -> str | None:
    if phone is None or not phone.strip():
        return None
    phone = phone.strip()
    if not PHONE_PATTERN.match(phone):
        raise InvalidInput(
            "person.bad_phone",
            f"{phone!r} is not a phone number: digits, optionally with a leading + and "
            "spaces or dashes, such as +86 138 0000 1001",
            value=phone,
        )
    return phone


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

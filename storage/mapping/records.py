"""Row <-> domain object for everything but issues: people, organisations, messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.domain.access import DialogState, InboxEntry, Invite
from bot.domain.model import Enterprise, Project, Stage, TaskForce
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import ChannelIdentity, Person, Role

Row = Mapping[Any, Any]


def fields_of(row: Row, *skip: str) -> dict[str, Any]:
    """A row as keyword arguments for a dataclass, without the named columns."""
    return {str(key): value for key, value in row.items() if key not in skip}


def person_values(person: Person) -> dict[str, Any]:
    """Column values of the people table for a person."""
    return {
        "key": person.key,
        "name": person.name,
        "language": person.language,
        "detected_language": person.detected_language,
        "timezone": person.timezone,
        "quiet_start": person.quiet_start,
        "quiet_end": person.quiet_end,
        "muted_until": person.muted_until,
        "digest": person.digest,
        "on_leave": person.on_leave,
        "phone": person.phone,
        "enterprise_id": person.enterprise_id,
        "enterprise_admin": person.enterprise_admin,
        "preferred_channel": person.preferred_channel,
    }


def person_from_row(
    row: Row, roles: Iterable[str], identities: Iterable[ChannelIdentity]
) -> Person:
    """A person from their row, role names and identities."""
    return Person(
        **fields_of(row),
        roles=frozenset(Role(role) for role in roles),
        identities=tuple(identities),
    )


def identity_from_row(row: Row) -> ChannelIdentity:
    """A channel identity from its row."""
    return ChannelIdentity(row["channel"], row["external_id"], row["chat_id"])


def task_force_values(task_force: TaskForce) -> dict[str, Any]:
    """Column values of the task_forces table (members live in their own table)."""
    return {
        "code": task_force.code,
        "name_zh": task_force.name_zh,
        "name_en": task_force.name_en,
        "kind": task_force.kind,
        "industries": list(task_force.industries),
        "keywords": list(task_force.keywords),
        "assignment": task_force.assignment,
        "language": task_force.language,
        "group_chats": dict(task_force.group_chats),
        "lead_id": task_force.lead_id,
        "supervising_leader_id": task_force.supervising_leader_id,
        "active": task_force.active,
    }


def task_force_from_row(row: Row, member_ids: Iterable[int]) -> TaskForce:
    """A task force from its row and its members' ids."""
    values = fields_of(row, "industries", "keywords", "group_chats", "_member")
    return TaskForce(
        **values,
        industries=tuple(row["industries"]),
        keywords=tuple(row["keywords"]),
        group_chats=dict(row["group_chats"] or {}),
        member_ids=frozenset(member_ids),
    )


def enterprise_values(enterprise: Enterprise) -> dict[str, Any]:
    """Column values of the enterprises table."""
    return {
        "name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "zone": enterprise.zone,
        "cadre_id": enterprise.cadre_id,
        "registered_at": enterprise.registered_at,
    }


def enterprise_from_row(row: Row) -> Enterprise:
    """An enterprise from its row."""
    return Enterprise(**fields_of(row))


def project_values(project: Project) -> dict[str, Any]:
    """Column values of the projects table."""
    return {
        "enterprise_id": project.enterprise_id,
        "name": project.name,
        "industry": project.industry,
        "stage": project.stage.value,
        "investment_amount": project.investment_amount,
        "investment_currency": project.investment_currency,
        "zone": project.zone,
        "flagged": project.flagged,
        "city_coordinated": project.city_coordinated,
    }


def project_from_row(row: Row) -> Project:
    """A project from its row."""
    return Project(**fields_of(row, "stage"), stage=Stage(row["stage"]))


def notice_values(notice: Notice) -> dict[str, Any]:
    """Column values of the notices table."""
    return {
        "dedupe_key": notice.dedupe_key,
        "priority": notice.priority.value,
        "template": notice.template,
        "params": notice.params,
        "person_id": notice.person_id,
        "task_force_id": notice.task_force_id,
        "issue_id": notice.issue_id,
        "channel": notice.channel,
        "chat_id": notice.chat_id,
        "not_before": notice.not_before,
        "status": notice.status.value,
        "attempts": notice.attempts,
        "sent_ref": notice.sent_ref,
        "sent_at": notice.sent_at,
        "claimed_by": notice.claimed_by,
        "claimed_until": notice.claimed_until,
        "error": notice.error,
        "created_at": notice.created_at,
    }


def notice_from_row(row: Row) -> Notice:
    """A notice from its row."""
    return Notice(
        **fields_of(row, "priority", "status", "params"),
        priority=Priority(row["priority"]),
        status=NoticeStatus(row["status"]),
        params=dict(row["params"] or {}),
    )


def invite_values(invite: Invite) -> dict[str, Any]:
    """Column values of the invites table."""
    return {
        "code_hash": invite.code_hash,
        "role": invite.role.value,
        "task_force_id": invite.task_force_id,
        "enterprise_id": invite.enterprise_id,
        "created_by": invite.created_by,
        "created_at": invite.created_at,
        "expires_at": invite.expires_at,
        "used_at": invite.used_at,
        "used_by": invite.used_by,
        "person_id": invite.person_id,
    }


def invite_from_row(row: Row) -> Invite:
    """An invite from its row."""
    return Invite(**fields_of(row, "role"), role=Role(row["role"]))


def dialog_from_row(row: Row) -> DialogState:
    """A dialog state from its row."""
    return DialogState(**fields_of(row, "data"), data=dict(row["data"] or {}))


def inbox_from_row(row: Row) -> InboxEntry:
    """An inbox entry from its row."""
    return InboxEntry(**fields_of(row, "payload"), payload=dict(row["payload"] or {}))

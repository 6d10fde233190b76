"""Small builders of domain objects for the storage tests, with real clocks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot.calendar_source import build_calendar
from bot.domain.access import DialogState, InboxEntry, Invite
from bot.domain.clocks import start_clocks
from bot.domain.credit_code import check_character
from bot.domain.model import Enterprise, Issue, Project, Stage, TaskForce, Urgency
from bot.domain.notice import Notice, Priority
from bot.domain.people import ChannelIdentity, Person, Role
from bot.domain.policy import DEFAULT_POLICY
from bot.services.ports import UnitOfWork

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = build_calendar()
# A Monday morning in a year the holiday calendar covers.
FILED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)


def credit_code(n: int) -> str:
    """A valid unified social credit code, different for each n."""
    first17 = f"913501007{n:08d}"
    return first17 + check_character(first17)


def make_enterprise(n: int = 1, **changes: Any) -> Enterprise:
    """An enterprise with a valid credit code."""
    enterprise = Enterprise(
        name=f"福州铝业{n}号有限公司",
        credit_code=credit_code(n),
        zone="高新区",
        registered_at=FILED_AT,
    )
    return replace(enterprise, **changes)


def make_person(name: str = "王芳", *roles: Role, **changes: Any) -> Person:
    """A person holding the roles (MEMBER if none)."""
    return replace(Person(name=name, roles=frozenset(roles or (Role.MEMBER,))), **changes)


def make_task_force(code: str = "alu", **changes: Any) -> TaskForce:
    """An industry task force."""
    task_force = TaskForce(
        code=code,
        name_zh=f"{code}产业专班",
        name_en=f"{code} task force",
        industries=(code,),
        keywords=("铝", "aluminium"),
    )
    return replace(task_force, **changes)


def make_project(enterprise_id: int, **changes: Any) -> Project:
    """A large, city-coordinated project."""
    project = Project(
        enterprise_id=enterprise_id,
        name="年产30万吨铝材项目",
        industry="alu",
        stage=Stage.SIGNED,
        investment_amount=Decimal("2500000000.50"),
        investment_currency="CNY",
        zone="高新区",
        city_coordinated=True,
    )
    return replace(project, **changes)


def make_issue(
    code: str, enterprise_id: int, filed_by: int, filed_at: datetime = FILED_AT, **changes: Any
) -> Issue:
    """A freshly filed issue with its three clocks started."""
    policy = DEFAULT_POLICY.base
    issue = Issue(
        code=code,
        enterprise_id=enterprise_id,
        filed_by=filed_by,
        category="power_water_gas",
        urgency=Urgency.NORMAL,
        text="项目用电报装三个月未批复，影响投产。",
        language="zh",
        filed_at=filed_at,
        policy=policy,
        clocks=start_clocks(policy, CALENDAR, filed_at),
        last_activity_at=filed_at,
    )
    return replace(issue, **changes)


def make_notice(key: str, **changes: Any) -> Notice:
    """A queued notice."""
    notice = Notice(
        dedupe_key=key,
        priority=Priority.HIGH,
        template="issue.assigned",
        created_at=FILED_AT,
        params={"code": "ZB-2026-000001", "names": ["甲", "乙"]},
        channel="telegram",
    )
    return replace(notice, **changes)


def make_invite(code_hash: str = "h" * 64, **changes: Any) -> Invite:
    """An unused officer invite valid for a week."""
    invite = Invite(
        code_hash=code_hash,
        role=Role.OFFICER,
        created_at=FILED_AT,
        expires_at=FILED_AT + timedelta(days=7),
    )
    return replace(invite, **changes)


def make_dialog(user_id: str = "42", **changes: Any) -> DialogState:
    """A half-finished filing dialog."""
    dialog = DialogState(
        channel="telegram",
        chat_id=user_id,
        user_id=user_id,
        name="file_issue",
        data={"step": "describe", "project_id": 3, "text": "用电"},
        updated_at=FILED_AT,
    )
    return replace(dialog, **changes)


def make_inbox_entry(
    update_id: str, channel: str = "telegram", key: str | None = None, text: str = "你好"
) -> InboxEntry:
    """A received, unhandled update; its dedupe key is its update id unless given."""
    payload: dict[str, object] = {"update_id": update_id, "message": {"text": text}}
    return InboxEntry(
        channel=channel,
        update_id=update_id,
        dedupe_key=key if key is not None else update_id,
        payload=payload,
        received_at=FILED_AT,
    )


@dataclass(frozen=True)
class World:
    """Ids of a small, committed world: an enterprise, its member, officers, task forces."""

    enterprise_id: int
    member_id: int
    officer_id: int
    lead_id: int
    leader_id: int
    alu_id: int
    chem_id: int


async def build_world(uow: UnitOfWork) -> World:
    """Add the small world through the unit of work (the caller commits)."""
    enterprise = await uow.enterprises.add(make_enterprise())
    assert enterprise.id is not None
    telegram = ChannelIdentity("telegram", "1001", "1001")
    member = await uow.people.add(
        make_person("王芳", Role.MEMBER, enterprise_id=enterprise.id, identities=(telegram,))
    )
    officer = await uow.people.add(make_person("李强", Role.OFFICER))
    lead = await uow.people.add(make_person("张伟", Role.OFFICER, Role.LEAD))
    leader = await uow.people.add(make_person("陈市长", Role.LEADER))
    assert officer.id and lead.id and leader.id and member.id
    alu = await uow.task_forces.add(
        make_task_force(
            "alu",
            lead_id=lead.id,
            supervising_leader_id=leader.id,
            member_ids=frozenset({officer.id}),
        )
    )
    chem = await uow.task_forces.add(make_task_force("chem", supervising_leader_id=leader.id))
    assert alu.id and chem.id
    return World(enterprise.id, member.id, officer.id, lead.id, leader.id, alu.id, chem.id)

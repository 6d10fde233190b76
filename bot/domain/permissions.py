"""Who stands in what relation to an issue, and who may see it (§14)."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.errors import NotAllowed, NotFound
from bot.domain.model import Issue
from bot.domain.people import Actor, Role


class Relation(StrEnum):
    """Ways an actor can be connected to an issue."""

    ENTERPRISE = "enterprise"
    ASSIGNEE = "assignee"
    OFFICER = "officer"
    ACCOUNTABLE = "accountable"
    CO_HANDLER = "co_handler"
    LEAD = "lead"
    SUPERVISOR = "supervisor"
    PRINCIPAL = "principal"
    OFFICE = "office"
    ADMIN = "admin"
    SYSTEM = "system"


def relations(actor: Actor, issue: Issue) -> frozenset[Relation]:
    """Every relation the actor has to the issue."""
    if actor.is_system:
        return frozenset({Relation.SYSTEM})
    found: set[Relation] = set()
    if actor.has(Role.MEMBER) and actor.enterprise_id == issue.enterprise_id:
        found.add(Relation.ENTERPRISE)
    owners = {t for t in (issue.task_force_id, issue.accountable_task_force_id) if t is not None}
    teams = actor.member_of | actor.leads
    if actor.person_id is not None and actor.person_id == issue.assignee_id:
        found.add(Relation.ASSIGNEE)
    if issue.task_force_id is not None and issue.task_force_id in teams:
        found.add(Relation.OFFICER)
    elif issue.accountable_task_force_id in teams:
        # 首接负责: the first task force keeps watching until the new one signs.
        found.add(Relation.ACCOUNTABLE)
    if teams & issue.co_handler_ids:
        found.add(Relation.CO_HANDLER)
    if issue.task_force_id is not None and issue.task_force_id in actor.leads:
        found.add(Relation.LEAD)
    if actor.has(Role.LEADER) and actor.supervises & owners:
        found.add(Relation.SUPERVISOR)
    if actor.has(Role.LEADER, Role.PRINCIPAL) and issue.supervised_by == actor.person_id:
        found.add(Relation.SUPERVISOR)
    for role, relation in (
        (Role.PRINCIPAL, Relation.PRINCIPAL),
        (Role.OFFICE, Relation.OFFICE),
        (Role.ADMIN, Relation.ADMIN),
    ):
        if actor.has(role):
            found.add(relation)
    return frozenset(found)


def can_view(actor: Actor, issue: Issue) -> bool:
    """True if the actor may see the issue at all."""
    return bool(relations(actor, issue))


def require(actor: Actor, issue: Issue, allowed: frozenset[Relation], action: str) -> None:
    """Raise unless the actor has one of the allowed relations to the issue."""
    found = relations(actor, issue)
    if not found:
        # Do not reveal that an issue exists to someone who may not see it.
        raise NotFound("issue.not_found", f"no issue {issue.code}", code=issue.code)
    if not found & allowed:
        raise NotAllowed(
            "issue.not_allowed", f"you may not {action} issue {issue.code}", action=action
        )

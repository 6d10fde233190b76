"""An issue and its timeline as plain data for `--json`, with names beside the ids."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.cli.names import PERSON_KEYS, Names, actor_name
from bot.domain.model import Issue, IssueEvent, PendingRequest


def is_late(issue: Issue, now: datetime) -> bool:
    """True when a running clock's deadline has passed at `now`."""
    due = issue.next_due()
    return due is not None and due < now


def issue_json(issue: Issue, now: datetime, names: Names) -> dict[str, Any]:
    """The issue as plain data, with names beside the ids; `overdue` is as of `now`."""
    return {
        "code": issue.code,
        "state": issue.state,
        "urgency": issue.urgency,
        "category": issue.category,
        "direct_report": issue.direct_report,
        "enterprise_id": issue.enterprise_id,
        "enterprise_name": names.enterprises.get(issue.enterprise_id),
        "project_id": issue.project_id,
        "project_name": _project_name(issue, names),
        **names.team_fields("task_force", issue.task_force_id),
        **names.team_fields("accountable_task_force", issue.accountable_task_force_id),
        "co_handlers": [names.team_json(t) for t in sorted(issue.co_handler_ids)],
        "assignee_id": issue.assignee_id,
        "assignee_name": names.person(issue.assignee_id),
        "supervising_leader_id": names.leader_of(issue),
        "supervising_leader_name": names.person(names.leader_of(issue)),
        "filed_at": issue.filed_at,
        "text": issue.text,
        "language": issue.language,
        "escalation_level": issue.escalation_level,
        "supervised_by": issue.supervised_by,
        "supervised_by_name": names.person(issue.supervised_by),
        "pending": _pending_json(issue.pending, names),
        "rating": issue.rating,
        "next_due": issue.next_due(),
        "overdue": is_late(issue, now),
        "clocks": {
            str(c.name): {
                "due_at": c.due_at,
                "met_at": c.met_at,
                "on_time": c.on_time,
                "paused": c.paused,
            }
            for c in issue.clocks.values()
        },
    }


def event_json(event: IssueEvent, names: Names) -> dict[str, Any]:
    """A timeline entry as plain data, with who wrote it and the names its data's ids stand
    for (the task force, the officer named, the requester)."""
    data = event.data
    found: dict[str, Any] = {}
    if "task_force_id" in data:
        team = names.team_json(data["task_force_id"])
        found |= {"task_force_code": team["code"], "task_force_name": team["name"]}
    for key in PERSON_KEYS:
        if key in data:
            found[f"{key.removesuffix('_id')}_name"] = names.person(data[key])
    return {
        "kind": event.kind,
        "at": event.at,
        "actor_id": event.actor_id,
        "actor": actor_name(event, names),
        "from_state": event.from_state,
        "to_state": event.to_state,
        "text": event.text,
        "data": data,
        **found,
    }


def _pending_json(pending: PendingRequest | None, names: Names) -> dict[str, Any] | None:
    if pending is None:
        return None
    return {
        "kind": pending.kind,
        "requested_by": pending.requested_by,
        "requested_by_name": names.person(pending.requested_by),
        "requested_at": pending.requested_at,
        "reason": pending.reason,
        "approver": pending.approver,
        "new_due": pending.new_due,
        **names.team_fields("target_task_force", pending.target_task_force_id),
    }


def _project_name(issue: Issue, names: Names) -> str | None:
    project = names.projects.get(issue.project_id) if issue.project_id is not None else None
    return project.name if project is not None else None

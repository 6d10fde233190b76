"""Issue <-> row: the clocks flattened into columns, the small value objects as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from bot.domain.model import (
    Attachment,
    Clock,
    ClockName,
    Issue,
    IssueEvent,
    IssueState,
    PendingRequest,
    Urgency,
)
from bot.domain.policy import PolicySnapshot

CLOCK_FIELDS = ("due_at", "budget", "remind_at", "cycle", "paused_remaining", "met_at", "on_time")


def issue_values(issue: Issue) -> dict[str, Any]:
    """Column values for an issue, everything but id and version."""
    values: dict[str, Any] = {
        "code": issue.code,
        "request_key": issue.request_key,
        "enterprise_id": issue.enterprise_id,
        "project_id": issue.project_id,
        "filed_by": issue.filed_by,
        "category": issue.category,
        "urgency": issue.urgency.value,
        "text": issue.text,
        "language": issue.language,
        "filed_at": issue.filed_at,
        "state": issue.state.value,
        "policy": issue.policy.to_dict(),
        "direct_report": issue.direct_report,
        "attachments": [attachment_json(a) for a in issue.attachments],
        "task_force_id": issue.task_force_id,
        "accountable_task_force_id": issue.accountable_task_force_id,
        "co_handler_ids": sorted(issue.co_handler_ids),
        "assignee_id": issue.assignee_id,
        "assigned_at": issue.assigned_at,
        "extensions_granted": issue.extensions_granted,
        "pending": pending_json(issue.pending),
        "escalation_level": issue.escalation_level,
        "supervised_by": issue.supervised_by,
        "rating": issue.rating,
        "feedback": issue.feedback,
        "last_activity_at": issue.last_activity_at,
        "waiting_since": issue.waiting_since,
        "answered_at": issue.answered_at,
        "closed_at": issue.closed_at,
        "next_due_at": issue.next_due(),
        "wake_at": issue.wake_at,
    }
    for name in ClockName:
        clock = issue.clocks.get(name)
        for field in CLOCK_FIELDS:
            values[f"{name.value}_{field}"] = getattr(clock, field) if clock else None
    return values


def issue_from_row(row: Mapping[Any, Any]) -> Issue:
    """The issue a row of the issues table holds."""
    clocks: dict[ClockName, Clock] = {}
    for name in ClockName:
        if row[f"{name.value}_due_at"] is None:
            continue
        fields = {field: row[f"{name.value}_{field}"] for field in CLOCK_FIELDS}
        clocks[name] = Clock(name=name, **fields)
    return Issue(
        code=row["code"],
        enterprise_id=row["enterprise_id"],
        filed_by=row["filed_by"],
        category=row["category"],
        urgency=Urgency(row["urgency"]),
        text=row["text"],
        language=row["language"],
        filed_at=row["filed_at"],
        policy=PolicySnapshot.from_dict(row["policy"]),
        clocks=clocks,
        state=IssueState(row["state"]),
        project_id=row["project_id"],
        direct_report=row["direct_report"],
        attachments=tuple(attachment_from_json(a) for a in row["attachments"]),
        task_force_id=row["task_force_id"],
        accountable_task_force_id=row["accountable_task_force_id"],
        co_handler_ids=frozenset(row["co_handler_ids"]),
        assignee_id=row["assignee_id"],
        assigned_at=row["assigned_at"],
        extensions_granted=row["extensions_granted"],
        pending=pending_from_json(row["pending"]),
        escalation_level=row["escalation_level"],
        supervised_by=row["supervised_by"],
        rating=row["rating"],
        feedback=row["feedback"],
        last_activity_at=row["last_activity_at"],
        waiting_since=row["waiting_since"],
        answered_at=row["answered_at"],
        closed_at=row["closed_at"],
        request_key=row["request_key"],
        wake_at=row["wake_at"],
        id=row["id"],
        version=row["version"],
    )


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    """An attachment as a JSON object."""
    return {
        "kind": attachment.kind,
        "file_ref": attachment.file_ref,
        "name": attachment.name,
        "mime_type": attachment.mime_type,
        "size": attachment.size,
    }


def attachment_from_json(data: Mapping[str, Any]) -> Attachment:
    """Read what attachment_json wrote."""
    return Attachment(
        kind=data["kind"],
        file_ref=data["file_ref"],
        name=data.get("name"),
        mime_type=data.get("mime_type"),
        size=data.get("size"),
    )


def pending_json(pending: PendingRequest | None) -> dict[str, Any] | None:
    """A pending request as a JSON object; datetimes keep their offset in ISO form."""
    if pending is None:
        return None
    return {
        "kind": pending.kind,
        "requested_by": pending.requested_by,
        "requested_at": pending.requested_at.isoformat(),
        "reason": pending.reason,
        "approver": pending.approver,
        "new_due": pending.new_due.isoformat() if pending.new_due else None,
        "target_task_force_id": pending.target_task_force_id,
    }


def pending_from_json(data: Mapping[str, Any] | None) -> PendingRequest | None:
    """Read what pending_json wrote."""
    if data is None:
        return None
    new_due = data.get("new_due")
    return PendingRequest(
        kind=data["kind"],
        requested_by=data["requested_by"],
        requested_at=datetime.fromisoformat(data["requested_at"]),
        reason=data["reason"],
        approver=data["approver"],
        new_due=date.fromisoformat(new_due) if new_due else None,
        target_task_force_id=data.get("target_task_force_id"),
    )


def event_values(issue_id: int, event: IssueEvent) -> dict[str, Any]:
    """Column values for a timeline event."""
    return {
        "issue_id": issue_id,
        "kind": event.kind,
        "at": event.at,
        "actor_id": event.actor_id,
        "from_state": event.from_state.value if event.from_state else None,
        "to_state": event.to_state.value,
        "text": event.text,
        "data": event.data,
    }


def event_from_row(row: Mapping[Any, Any]) -> IssueEvent:
    """The event a row of issue_events holds."""
    from_state = row["from_state"]
    return IssueEvent(
        kind=row["kind"],
        at=row["at"],
        actor_id=row["actor_id"],
        from_state=IssueState(from_state) if from_state else None,
        to_state=IssueState(row["to_state"]),
        text=row["text"],
        data=dict(row["data"] or {}),
        id=row["id"],
    )

"""Initial schema: directory, issues with their timeline, outbox, inbox, dialogs, invites.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from storage.migrations.ddl import BOOL, INT, JSON, TEXT, UTC, col, cols, fk, ix, pk, s, uq

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLOCK_COLUMNS: dict[str, sa.types.TypeEngine[Any]] = {
    "due_at": UTC,
    "budget": sa.Double(),
    "remind_at": UTC,
    "cycle": INT,
    "paused_remaining": sa.Double(),
    "met_at": UTC,
    "on_time": BOOL,
}
ISSUE_REFERENCES = {
    "enterprise_id": "enterprises",
    "project_id": "projects",
    "filed_by": "people",
    "task_force_id": "task_forces",
    "accountable_task_force_id": "task_forces",
    "assignee_id": "people",
    "supervised_by": "people",
}
ISSUE_INDEXES = (
    ("state", "next_due_at"),
    ("next_due_at",),
    ("assignee_id", "state"),
    ("enterprise_id",),
    ("project_id",),
    ("task_force_id",),
    ("accountable_task_force_id",),
)


def upgrade() -> None:
    """Create every table."""
    _create_directory()
    _create_issue_tables()
    _create_messaging()


def _create_directory() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # people and enterprises refer to each other. SQLite checks references only when rows
    # are written, so there the key can be inline; elsewhere it is added once people exists.
    cadre = [fk("enterprises", "cadre_id", "people.id")] if sqlite else []
    op.create_table(
        "enterprises",
        *cols(INT, "id"),
        *cols(TEXT, "name"),
        *cols(s(18), "credit_code"),
        *cols(s(128), "zone", null=True),
        *cols(INT, "cadre_id", null=True),
        *cols(UTC, "registered_at", null=True),
        *cadre,
        pk("enterprises"),
        uq("enterprises", "credit_code"),
    )
    ix("enterprises", "cadre_id")
    op.create_table(
        "people",
        *cols(INT, "id"),
        *cols(TEXT, "name"),
        *cols(s(16), "language", null=True),
        *cols(s(64), "timezone"),
        *cols(s(64), "phone", null=True),
        *cols(s(128), "key", null=True),
        *cols(sa.Time(), "quiet_start", "quiet_end", null=True),
        *cols(UTC, "muted_until", null=True),
        *cols(BOOL, "digest", "on_leave", "enterprise_admin"),
        *cols(INT, "enterprise_id", null=True),
        fk("people", "enterprise_id", "enterprises.id"),
        pk("people"),
        uq("people", "key"),
    )
    ix("people", "enterprise_id")
    if not sqlite:
        op.create_foreign_key(
            "fk_enterprises_cadre_id_people", "enterprises", "people", ["cadre_id"], ["id"]
        )
    op.create_table(
        "projects",
        *cols(INT, "id", "enterprise_id"),
        *cols(TEXT, "name"),
        *cols(s(64), "industry"),
        *cols(s(32), "stage"),
        *cols(sa.Numeric(20, 2), "investment_amount", null=True),
        *cols(s(3), "investment_currency", null=True),
        *cols(s(128), "zone", null=True),
        *cols(BOOL, "flagged", "city_coordinated"),
        fk("projects", "enterprise_id", "enterprises.id"),
        pk("projects"),
    )
    ix("projects", "enterprise_id")
    op.create_table(
        "channel_identities",
        *cols(INT, "id", "person_id"),
        *cols(s(32), "channel"),
        *cols(s(128), "external_id"),
        *cols(s(128), "chat_id", null=True),
        fk("channel_identities", "person_id", "people.id", ondelete="CASCADE"),
        pk("channel_identities"),
        uq("channel_identities", "channel", "external_id"),
    )
    ix("channel_identities", "person_id")
    op.create_table(
        "person_roles",
        *cols(INT, "person_id"),
        *cols(s(32), "role"),
        fk("person_roles", "person_id", "people.id", ondelete="CASCADE"),
        pk("person_roles", "person_id", "role"),
    )
    ix("person_roles", "role")
    op.create_table(
        "task_forces",
        *cols(INT, "id"),
        *cols(s(64), "code"),
        *cols(TEXT, "name_zh", "name_en"),
        *cols(s(32), "kind", "assignment"),
        *cols(JSON, "industries", "keywords"),
        *cols(s(16), "language"),
        *cols(s(128), "group_chat", null=True),
        *cols(INT, "lead_id", "supervising_leader_id", null=True),
        *cols(BOOL, "active"),
        fk("task_forces", "lead_id", "people.id"),
        fk("task_forces", "supervising_leader_id", "people.id"),
        pk("task_forces"),
        uq("task_forces", "code"),
    )
    ix("task_forces", "lead_id")
    ix("task_forces", "supervising_leader_id")
    op.create_table(
        "task_force_members",
        *cols(INT, "task_force_id", "person_id"),
        fk("task_force_members", "task_force_id", "task_forces.id", ondelete="CASCADE"),
        fk("task_force_members", "person_id", "people.id", ondelete="CASCADE"),
        pk("task_force_members", "task_force_id", "person_id"),
    )
    ix("task_force_members", "person_id")


def _create_issue_tables() -> None:
    op.create_table(
        "issues",
        *cols(INT, "id", "version", "enterprise_id", "filed_by"),
        *cols(INT, "extensions_granted", "escalation_level"),
        *cols(INT, "project_id", "task_force_id", "accountable_task_force_id", null=True),
        *cols(INT, "assignee_id", "supervised_by", "rating", null=True),
        *cols(s(32), "code", "state"),
        *cols(s(64), "category"),
        *cols(s(16), "urgency", "language"),
        *cols(TEXT, "text"),
        *cols(TEXT, "feedback", null=True),
        *cols(BOOL, "direct_report"),
        *cols(JSON, "policy", "attachments", "co_handler_ids"),
        *cols(JSON, "pending", null=True),
        *cols(UTC, "filed_at"),
        *cols(UTC, "assigned_at", "last_activity_at", "waiting_since", null=True),
        *cols(UTC, "answered_at", "closed_at", "next_due_at", null=True),
        *(
            col(f"{clock}_{name}", kind, null=True)
            for clock in ("sign", "reply", "resolve")
            for name, kind in CLOCK_COLUMNS.items()
        ),
        *(fk("issues", name, f"{table}.id") for name, table in ISSUE_REFERENCES.items()),
        pk("issues"),
        uq("issues", "code"),
    )
    for columns in ISSUE_INDEXES:
        ix("issues", *columns)
    op.create_table(
        "issue_co_handlers",
        *cols(INT, "issue_id", "task_force_id"),
        fk("issue_co_handlers", "issue_id", "issues.id", ondelete="CASCADE"),
        fk("issue_co_handlers", "task_force_id", "task_forces.id"),
        pk("issue_co_handlers", "issue_id", "task_force_id"),
    )
    ix("issue_co_handlers", "task_force_id")
    op.create_table(
        "issue_events",
        *cols(INT, "id", "issue_id"),
        *cols(INT, "actor_id", null=True),
        *cols(s(64), "kind"),
        *cols(UTC, "at"),
        *cols(s(32), "to_state"),
        *cols(s(32), "from_state", null=True),
        *cols(TEXT, "text", null=True),
        *cols(JSON, "data"),
        fk("issue_events", "issue_id", "issues.id"),
        fk("issue_events", "actor_id", "people.id"),
        pk("issue_events"),
    )
    ix("issue_events", "issue_id", "id")
    op.create_table(
        "counters", *cols(s(64), "name"), *cols(sa.BigInteger(), "value"), pk("counters", "name")
    )


def _create_messaging() -> None:
    op.create_table(
        "notices",
        *cols(INT, "id", "attempts"),
        *cols(INT, "person_id", "task_force_id", "issue_id", null=True),
        *cols(s(255), "dedupe_key"),
        *cols(s(255), "sent_ref", null=True),
        *cols(s(16), "priority", "status"),
        *cols(s(128), "template"),
        *cols(JSON, "params"),
        *cols(s(32), "channel", null=True),
        *cols(UTC, "created_at"),
        *cols(UTC, "not_before", null=True),
        fk("notices", "person_id", "people.id"),
        fk("notices", "task_force_id", "task_forces.id"),
        fk("notices", "issue_id", "issues.id"),
        pk("notices"),
        uq("notices", "dedupe_key"),
    )
    ix("notices", "status", "not_before")
    ix("notices", "issue_id")
    op.create_table(
        "invites",
        *cols(INT, "id"),
        *cols(INT, "task_force_id", "enterprise_id", "created_by", "used_by", null=True),
        *cols(s(128), "code_hash"),
        *cols(s(32), "role"),
        *cols(UTC, "created_at", "expires_at"),
        *cols(UTC, "used_at", null=True),
        fk("invites", "task_force_id", "task_forces.id"),
        fk("invites", "enterprise_id", "enterprises.id"),
        fk("invites", "created_by", "people.id"),
        fk("invites", "used_by", "people.id"),
        pk("invites"),
        uq("invites", "code_hash"),
    )
    op.create_table(
        "dialog_states",
        *cols(s(32), "channel"),
        *cols(s(128), "chat_id", "user_id"),
        *cols(s(64), "name"),
        *cols(JSON, "data"),
        *cols(UTC, "updated_at"),
        pk("dialog_states", "channel", "chat_id", "user_id"),
    )
    op.create_table(
        "inbox",
        *cols(INT, "id", "attempts"),
        *cols(s(32), "channel"),
        *cols(s(128), "update_id"),
        *cols(JSON, "payload"),
        *cols(UTC, "received_at"),
        *cols(UTC, "handled_at", null=True),
        pk("inbox"),
        uq("inbox", "channel", "update_id"),
    )
    ix("inbox", "channel", "handled_at", "id")


DEPENDANTS = """notices invites dialog_states inbox issue_events issue_co_handlers issues
    counters task_force_members task_forces person_roles channel_identities projects"""


def downgrade() -> None:
    """Drop every table, dependants first."""
    for table in DEPENDANTS.split():
        op.drop_table(table)
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_enterprises_cadre_id_people", "enterprises", type_="foreignkey")
    op.drop_table("people")
    op.drop_table("enterprises")

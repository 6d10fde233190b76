"""The scheduler's state: issue wake-up times, notice claims and sends, action marks, leases.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.migrations.ddl import INT, UTC, col, cols, fk, ix, pk, s

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FINAL_STATES = ("closed", "withdrawn", "rejected")


def upgrade() -> None:
    """Add the columns, tables and indexes; open issues are swept once right away."""
    with op.batch_alter_table("issues") as batch:
        batch.add_column(col("wake_at", UTC, null=True))
    ix("issues", "wake_at", "id")
    # Issues filed before the scheduler existed: the first sweep works out what is due.
    issues = sa.table(
        "issues", sa.column("wake_at", UTC), sa.column("filed_at", UTC), sa.column("state", s(32))
    )
    op.execute(
        issues.update()
        .where(issues.c.state.not_in(FINAL_STATES))
        .values(wake_at=issues.c.filed_at)
    )
    ix("issue_events", "kind", "at")
    with op.batch_alter_table("notices") as batch:
        for column in (
            col("sent_at", UTC, null=True),
            col("claimed_by", s(64), null=True),
            col("claimed_until", UTC, null=True),
            col("error", s(500), null=True),
        ):
            batch.add_column(column)
    ix("notices", "person_id", "sent_at")
    ix("notices", "task_force_id", "sent_at")
    op.create_table(
        "action_marks",
        col("key", s(255)),
        col("issue_id", INT, null=True),
        col("done_at", UTC),
        fk("action_marks", "issue_id", "issues.id"),
        pk("action_marks", "key"),
    )
    ix("action_marks", "issue_id")
    op.create_table(
        "leases",
        *cols(s(64), "name", "holder"),
        col("expires_at", UTC),
        pk("leases", "name"),
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("leases")
    op.drop_index("ix_action_marks_issue_id", "action_marks")
    op.drop_table("action_marks")
    op.drop_index("ix_notices_task_force_id_sent_at", "notices")
    op.drop_index("ix_notices_person_id_sent_at", "notices")
    with op.batch_alter_table("notices") as batch:
        for name in ("error", "claimed_until", "claimed_by", "sent_at"):
            batch.drop_column(name)
    op.drop_index("ix_issue_events_kind_at", "issue_events")
    op.drop_index("ix_issues_wake_at_id", "issues")
    with op.batch_alter_table("issues") as batch:
        batch.drop_column("wake_at")

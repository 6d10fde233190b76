"""Inbox entries deduplicated by what can really repeat; notices to a chat; card views.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.migrations.ddl import INT, UTC, col, fk, ix, pk, s, uq

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Key the inbox by a dedupe key, let notices name a chat, and keep card views.

    Platforms number updates afresh (the sandbox on every start, Telegram after a quiet
    week), so an update id alone would take a new message for one handled long ago.
    Entries stored so far keep their update id as their key: they were all handled.
    """
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(col("dedupe_key", s(128), null=True))
    inbox = sa.table("inbox", sa.column("update_id", s(128)), sa.column("dedupe_key", s(128)))
    op.execute(inbox.update().values(dedupe_key=inbox.c.update_id))
    with op.batch_alter_table("inbox") as batch:
        batch.alter_column("dedupe_key", existing_type=s(128), nullable=False)
        batch.drop_constraint("uq_inbox_channel_update_id", type_="unique")
        batch.create_unique_constraint("uq_inbox_channel_dedupe_key", ["channel", "dedupe_key"])
    with op.batch_alter_table("notices") as batch:
        batch.add_column(col("chat_id", s(128), null=True))
    ix("notices", "chat_id", "status")
    op.create_table(
        "message_views",
        col("id", INT),
        col("channel", s(32)),
        col("chat_id", s(128)),
        col("message_id", s(64)),
        col("position", INT),
        col("issue_id", INT),
        col("kind", s(32)),
        col("person_id", INT, null=True),
        col("task_force_id", INT, null=True),
        col("created_at", UTC),
        fk("message_views", "issue_id", "issues.id"),
        fk("message_views", "person_id", "people.id"),
        fk("message_views", "task_force_id", "task_forces.id"),
        uq("message_views", "channel", "chat_id", "message_id", "position"),
        pk("message_views"),
    )
    ix("message_views", "issue_id")


def downgrade() -> None:
    """Drop what upgrade added; inbox entries keep one row per update id."""
    op.drop_index("ix_message_views_issue_id", "message_views")
    op.drop_table("message_views")
    op.drop_index("ix_notices_chat_id_status", "notices")
    with op.batch_alter_table("notices") as batch:
        batch.drop_column("chat_id")
    inbox = sa.table(
        "inbox", sa.column("id", INT), sa.column("channel", s(32)), sa.column("update_id", s(128))
    )
    # Entries of one update id from several runs cannot all stay under the old key.
    keep = sa.select(sa.func.max(inbox.c.id)).group_by(inbox.c.channel, inbox.c.update_id)
    op.execute(inbox.delete().where(inbox.c.id.not_in(keep)))
    with op.batch_alter_table("inbox") as batch:
        batch.drop_constraint("uq_inbox_channel_dedupe_key", type_="unique")
        batch.create_unique_constraint("uq_inbox_channel_update_id", ["channel", "update_id"])
        batch.drop_column("dedupe_key")

"""A task force's group on each channel; a person's preferred channel (issue 13).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from storage.migrations.ddl import JSON, col, s

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TELEGRAM = "telegram"


def upgrade() -> None:
    """Add task_forces.group_chats and people.preferred_channel; drop task_forces.group_chat.

    Until now a task force had one group, a Telegram one: it becomes the Telegram entry of
    the task force's groups. People stored so far prefer no channel (any that reaches them).
    """
    with op.batch_alter_table("task_forces") as batch:
        batch.add_column(col("group_chats", JSON, null=True))
    teams = _task_forces()
    op.execute(
        teams.update()
        .where(teams.c.group_chat.is_not(None))
        .values(group_chats=_json_object(sa.literal_column(f"'{TELEGRAM}'"), teams.c.group_chat))
    )
    op.execute(
        teams.update().where(teams.c.group_chat.is_(None)).values(group_chats=_json_object())
    )
    with op.batch_alter_table("task_forces") as batch:
        batch.alter_column("group_chats", existing_type=JSON, nullable=False)
        batch.drop_column("group_chat")
    with op.batch_alter_table("people") as batch:
        batch.add_column(col("preferred_channel", s(32), null=True))


def downgrade() -> None:
    """Keep each task force's Telegram group as its one group; the other channels' go."""
    with op.batch_alter_table("people") as batch:
        batch.drop_column("preferred_channel")
    with op.batch_alter_table("task_forces") as batch:
        batch.add_column(col("group_chat", s(128), null=True))
    teams = _task_forces()
    op.execute(teams.update().values(group_chat=teams.c.group_chats[TELEGRAM].as_string()))
    with op.batch_alter_table("task_forces") as batch:
        batch.drop_column("group_chats")


def _task_forces() -> sa.TableClause:
    return sa.table("task_forces", sa.column("group_chat", s(128)), sa.column("group_chats", JSON))


def _json_object(*pairs: Any) -> sa.ColumnElement[Any]:
    # The two databases name the function that builds a JSON object differently; both build
    # {} from no arguments. Plain SQL, so the revision also renders offline (--sql). The key
    # is a literal: PostgreSQL cannot tell the type of a bound parameter of this function.
    dialect = op.get_context().dialect.name
    build = sa.func.json_build_object if dialect == "postgresql" else sa.func.json_object
    built: sa.ColumnElement[Any] = build(*pairs)
    return built

"""People remember the language their own words were last in (§11).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from storage.migrations.ddl import col, s

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add people.detected_language."""
    with op.batch_alter_table("people") as batch:
        batch.add_column(col("detected_language", s(16), null=True))


def downgrade() -> None:
    """Drop people.detected_language."""
    with op.batch_alter_table("people") as batch:
        batch.drop_column("detected_language")

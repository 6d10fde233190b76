"""Issues remember the key of the request that filed them, so a repeated Submit files once.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add issues.request_key, unique where set."""
    # batch mode: SQLite cannot add a unique constraint to an existing table in place.
    with op.batch_alter_table("issues") as batch:
        batch.add_column(sa.Column("request_key", sa.String(96), nullable=True))
        batch.create_unique_constraint("uq_issues_request_key", ["request_key"])


def downgrade() -> None:
    """Drop issues.request_key."""
    with op.batch_alter_table("issues") as batch:
        batch.drop_constraint("uq_issues_request_key", type_="unique")
        batch.drop_column("request_key")

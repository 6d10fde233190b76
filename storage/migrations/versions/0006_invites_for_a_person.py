"""Invites issued for one official, whose chat redeeming them links (§14).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from storage.migrations.ddl import INT, col

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FOREIGN_KEY = "fk_invites_person_id_people"


def upgrade() -> None:
    """Add invites.person_id: the official an invite was issued for, if any.

    Officials added at the command line have no chat account, and an invite for anyone
    would make a new person; an invite naming the person links the redeemer's chat to them.
    Invites stored so far name nobody, as before.
    """
    with op.batch_alter_table("invites") as batch:
        batch.add_column(col("person_id", INT, null=True))
        batch.create_foreign_key(FOREIGN_KEY, "people", ["person_id"], ["id"])


def downgrade() -> None:
    """Drop invites.person_id; unused invites for a person would then make a new person."""
    with op.batch_alter_table("invites") as batch:
        batch.drop_constraint(FOREIGN_KEY, type_="foreignkey")
        batch.drop_column("person_id")

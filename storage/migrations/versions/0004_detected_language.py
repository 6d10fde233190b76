"""People remember the language their own words were last in (§11).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.migrations.ddl import col, s

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add people.detected_language, and move the languages stored so far into it.

    Until now registration and invites stored the client's language as if the person had
    chosen it; an explicit /lang choice cannot be told apart from those, so every stored
    language becomes what is known of the person, which their own words may then change.
    """
    with op.batch_alter_table("people") as batch:
        batch.add_column(col("detected_language", s(16), null=True))
    people = sa.table(
        "people", sa.column("language", s(16)), sa.column("detected_language", s(16))
    )
    op.execute(people.update().values(detected_language=people.c.language, language=None))


def downgrade() -> None:
    """Put what is known of each person back as their language; drop the column."""
    people = sa.table(
        "people", sa.column("language", s(16)), sa.column("detected_language", s(16))
    )
    op.execute(
        people.update()
        .where(people.c.language.is_(None))
        .values(language=people.c.detected_language)
    )
    with op.batch_alter_table("people") as batch:
        batch.drop_column("detected_language")

"""Building blocks for revision scripts: column types and constraints named as the models do.

Revisions depend on these, so they must never change meaning: add new helpers instead.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

# Plain copies of the column types, so revisions never change when the models do.
UTC = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)
INT = sa.Integer()
BOOL = sa.Boolean()
TEXT = sa.Text()


def s(length: int) -> sa.String:
    """A VARCHAR of at most `length` characters."""
    return sa.String(length)


def col(name: str, kind: sa.types.TypeEngine[Any], null: bool = False) -> sa.Column[Any]:
    """A column, NOT NULL unless `null`."""
    return sa.Column(name, kind, nullable=null)


def cols(kind: sa.types.TypeEngine[Any], *names: str, null: bool = False) -> list[sa.Column[Any]]:
    """Several columns of one type, NOT NULL unless `null`."""
    return [col(name, kind, null) for name in names]


def pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """The primary key, on "id" unless columns are given."""
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=f"pk_{table}")


def fk(table: str, name: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    """A foreign key named as the models' naming convention names it."""
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [name], [target], name=f"fk_{table}_{name}_{referred}", ondelete=ondelete
    )


def uq(table: str, *columns: str) -> sa.UniqueConstraint:
    """A unique constraint named as the models' naming convention names it."""
    return sa.UniqueConstraint(*columns, name=f"uq_{table}_{'_'.join(columns)}")


def ix(table: str, *columns: str) -> None:
    """Create an index named as the models name it."""
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))

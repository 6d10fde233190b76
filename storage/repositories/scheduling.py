"""The scheduler's own rows: marks of actions done, and leases that elect one instance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, or_

from storage.column_types import UtcDateTime
from storage.repositories.base import SqlRepository
from storage.tables import action_marks, leases

RELEASE = leases.delete().where(
    leases.c.name == bindparam("_name"), leases.c.holder == bindparam("_holder")
)


class SqlActionMarkRepository(SqlRepository):
    """ActionMarkRepository over the action_marks table."""

    async def add(self, key: str, issue_id: int | None, at: datetime) -> bool:
        """Mark an action done; False (nothing changed) if it was marked before."""
        values = {"key": key, "issue_id": issue_id, "done_at": at}
        return await self.insert_new(action_marks, values, ["key"]) is not None


class SqlLeaseRepository(SqlRepository):
    """LeaseRepository over the leases table."""

    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Take or renew the lease until `until`: True if free, expired or already ours."""
        statement = self.upsert(
            "leases.acquire",
            leases,
            ["name"],
            update=("holder", "expires_at"),
            where=lambda excluded: or_(
                leases.c.holder == excluded.holder,
                leases.c.expires_at < bindparam("_now", type_=UtcDateTime()),
            ),
        )
        values = {"name": name, "holder": holder, "expires_at": until, "_now": now}
        result = await self.execute(statement, values)
        return bool(result.rowcount)

    async def release(self, name: str, holder: str) -> None:
        """Give the lease up, if we hold it, so another instance need not wait for expiry."""
        await self.execute(RELEASE, {"_name": name, "_holder": holder})

"""Leases that let one instance of several run a job: take, renew, give up (§15)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.ports import UnitOfWorkFactory


async def hold_lease(
    new_uow: UnitOfWorkFactory, name: str, holder: str, now: datetime, span: timedelta
) -> bool:
    """Take the lease, or renew it if ours, for `span`; False while another instance holds it."""
    async with new_uow() as uow:
        held = await uow.leases.acquire(name, holder, now, now + span)
        await uow.commit()
    return held


async def release_lease(new_uow: UnitOfWorkFactory, name: str, holder: str) -> None:
    """Give the lease up (on a clean stop), so another instance takes over at once."""
    async with new_uow() as uow:
        await uow.leases.release(name, holder)
        await uow.commit()

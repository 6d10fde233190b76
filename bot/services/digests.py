"""The leaders' morning digest and the weekly summary, queued as digest notices (§9)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import OPEN_STATES, Issue, TaskForce
from bot.domain.notice import Notice, Priority
from bot.domain.people import Actor, Person, Role
from bot.domain.schedule import (
    digest_moment,
    previous_digest_moment,
    previous_weekly_moment,
    weekly_moment,
)
from bot.services.context import Context
from bot.services.ports import IssueQuery, TeamCounts, UnitOfWork, UnitOfWorkFactory
from bot.services.sessions import figures_of

LISTED = 10
DIRECT_KINDS = ("filed", "marked_direct_report")
# Readers who oversee every task force (the others see the task forces they lead or hold).
CITY_WIDE = (Role.PRINCIPAL, Role.OFFICE, Role.ADMIN)


async def queue_morning_digests(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> int:
    """Queue today's digest for every leader who has something in it; empty ones are skipped."""
    moment = digest_moment(ctx.calendar, now)
    if moment is None:
        return 0
    since = previous_digest_moment(ctx.calendar, moment)
    day = moment.date().isoformat()
    queued = 0
    async with new_uow() as uow:
        # Since the last digest's moment up to this one's: each direct report is listed once.
        direct = await _direct_reports(uow, since, moment)
        for person in await _readers(uow, (Role.LEADER, Role.PRINCIPAL)):
            actor = await uow.people.actor(person.id or 0)
            if actor is None:
                continue
            params = await _digest_of(uow, actor, direct, now)
            if params is None:
                continue
            notice = _notice(f"digest:{day}:{person.id}", "notice.digest", person, now, params)
            queued += await uow.notices.add(notice)
        await uow.commit()
    return queued


async def queue_weekly_summaries(new_uow: UnitOfWorkFactory, ctx: Context, now: datetime) -> int:
    """Queue the week's summary for leaders, offices, admins and leads; never an empty one."""
    moment = weekly_moment(ctx.calendar, now)
    if moment is None:
        return 0
    since = previous_weekly_moment(ctx.calendar, moment)
    queued = 0
    async with new_uow() as uow:
        teams = [t for t in await uow.task_forces.all() if t.active and t.id is not None]
        counts = await uow.issues.team_counts([t.id or 0 for t in teams], now, since)
        criticised = await _criticised(uow, since, now)
        readers = await _readers(uow, (*CITY_WIDE, Role.LEADER, Role.LEAD))
        for person in readers:
            actor = await uow.people.actor(person.id or 0)
            if actor is None:
                continue
            scope = [t for t in teams if _oversees(actor, t.id or 0)]
            rows = [_row(t, counts[t.id or 0]) for t in scope if t.id in counts]
            rows = [row for row in rows if row["open"] or row["filed"] or row["closed"]]
            theirs = sorted(code for code, team in criticised if _oversees(actor, team or 0))
            if not rows and not theirs:
                continue
            params: dict[str, object] = {
                "since": since.astimezone(ctx.calendar.tz).date().isoformat(),
                "until": moment.date().isoformat(),
                "rows": rows,
                "criticised": ", ".join(theirs),
                "criticised_count": len(theirs),
            }
            key = f"weekly:{moment.date().isoformat()}:{person.id}"
            queued += await uow.notices.add(_notice(key, "notice.weekly", person, now, params))
        await uow.commit()
    return queued


async def _digest_of(
    uow: UnitOfWork, actor: Actor, direct: list[Issue], now: datetime
) -> dict[str, object] | None:
    teams = None if actor.has(Role.PRINCIPAL) else actor.supervises
    late = IssueQuery(states=OPEN_STATES, task_force_ids=teams, overdue_at=now, limit=LISTED)
    watched = IssueQuery(states=OPEN_STATES, supervised_by=actor.person_id, limit=LISTED)
    mine = [i for i in direct if teams is None or i.task_force_id in teams]
    overdue = await uow.issues.count(late) if teams is None or teams else 0
    supervised = await uow.issues.count(watched)
    if not (overdue or supervised or mine):
        return None
    return {
        "overdue": overdue,
        "overdue_list": _codes(await uow.issues.find(late) if overdue else []),
        "direct": len(mine),
        "direct_list": _codes(mine[:LISTED]),
        "supervised": supervised,
        "supervised_list": _codes(await uow.issues.find(watched) if supervised else []),
    }


async def _direct_reports(uow: UnitOfWork, since: datetime, until: datetime) -> list[Issue]:
    """Direct reports filed or marked in [since, until)."""
    ids: dict[int, None] = {}
    for kind in DIRECT_KINDS:
        for issue_id, _ in await uow.events.of_kind(kind, since, until):
            ids[issue_id] = None
    found = [await uow.issues.get_by_id(issue_id) for issue_id in ids]
    return [i for i in found if i is not None and i.direct_report]


async def _criticised(
    uow: UnitOfWork, since: datetime, now: datetime
) -> set[tuple[str, int | None]]:
    """Issues that reached level 3 this week, listed for public criticism (通报), with the
    task force that owns each."""
    found = set()
    for issue_id, event in await uow.events.of_kind("escalated", since, now):
        issue = await uow.issues.get_by_id(issue_id) if event.data.get("level") == 3 else None
        if issue is not None:
            found.add((issue.code, issue.task_force_id))
    return found


async def _readers(uow: UnitOfWork, roles: tuple[Role, ...]) -> list[Person]:
    people: dict[int, Person] = {}
    for role in roles:
        for person in await uow.people.with_role(role):
            if person.id is not None and person.digest:
                people[person.id] = person
    return [people[k] for k in sorted(people)]


def _oversees(actor: Actor, team_id: int) -> bool:
    return actor.has(*CITY_WIDE) or team_id in actor.supervises or team_id in actor.leads


def _row(team: TaskForce, counts: TeamCounts) -> dict[str, object]:
    """A task force's line of the summary; the reader's language picks one of its names."""
    figures = figures_of(team, counts)
    return {
        "team": figures.code,
        "name_zh": figures.name_zh,
        "name_en": figures.name_en,
        "open": figures.open,
        "overdue": figures.overdue,
        "filed": counts.filed,
        "closed": counts.closed,
        "on_time": _percent(figures.on_time),
        "satisfaction": _percent(figures.satisfaction),
        "rating": None if figures.rating is None else round(figures.rating, 1),
    }


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def _codes(issues: list[Issue]) -> str:
    # A line whose count is 0 is left out of the digest, so an empty list is never shown.
    return ", ".join(i.code for i in issues)


def _notice(
    key: str, template: str, person: Person, now: datetime, params: dict[str, object]
) -> Notice:
    return Notice(key, Priority.DIGEST, template, now, params=params, person_id=person.id)

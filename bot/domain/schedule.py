"""When the scheduled reports fall: the leaders' morning digest and the weekly summary (§9)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.domain.calendar import WorkCalendar

DIGEST_AT = time(8, 30)
WEEKLY_AT = time(9, 0)


def digest_moment(calendar: WorkCalendar, now: datetime) -> datetime | None:
    """Today's morning digest moment if it has come and the working day is not over yet.

    A digest missed while the bot was down still goes out later that day, never on another.
    """
    today = now.astimezone(calendar.tz).date()
    if not calendar.is_workday(today):
        return None
    return _if_current(calendar, today, DIGEST_AT, now)


def weekly_moment(calendar: WorkCalendar, now: datetime) -> datetime | None:
    """This week's summary moment: Monday 09:00, or the week's first working day if Monday is
    off (a holiday week); None before it or once that day's work is over."""
    today = now.astimezone(calendar.tz).date()
    if _first_workday_of_week(calendar, today) != today:
        return None
    return _if_current(calendar, today, WEEKLY_AT, now)


def previous_weekly_moment(calendar: WorkCalendar, moment: datetime) -> datetime:
    """The summary moment before `moment`'s: weeks without a working day have none, so each
    summary covers exactly the time since the one before."""
    day = moment.astimezone(calendar.tz).date()
    monday = day - timedelta(days=day.weekday())
    for weeks in range(1, 53):
        first = _first_workday_of_week(calendar, monday - timedelta(weeks=weeks))
        if first is not None:
            return _at(calendar, first, WEEKLY_AT)
    return moment - timedelta(weeks=1)


def previous_digest_moment(calendar: WorkCalendar, moment: datetime) -> datetime:
    """The digest moment of the working day before `moment`'s (what a digest covers since)."""
    day = moment.astimezone(calendar.tz).date() - timedelta(days=1)
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return _at(calendar, day, DIGEST_AT)


def report_moments(calendar: WorkCalendar, after: datetime, until: datetime) -> list[datetime]:
    """Every morning digest and weekly summary moment in (after, until], earliest first.

    A clock that leaps (the playground's time travel) would otherwise skip the reports due
    on the days it leaps over.
    """
    first = after.astimezone(calendar.tz).date()
    last = until.astimezone(calendar.tz).date()
    moments = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        if not calendar.is_workday(day):
            continue
        moments.append(_at(calendar, day, DIGEST_AT))
        if _first_workday_of_week(calendar, day) == day:
            moments.append(_at(calendar, day, WEEKLY_AT))
    return sorted(m for m in moments if after < m <= until)


def _first_workday_of_week(calendar: WorkCalendar, day: date) -> date | None:
    monday = day - timedelta(days=day.weekday())
    days = (monday + timedelta(days=n) for n in range(7))
    return next((d for d in days if calendar.is_workday(d)), None)


def _if_current(calendar: WorkCalendar, day: date, at: time, now: datetime) -> datetime | None:
    moment = _at(calendar, day, at)
    closing = _at(calendar, day, calendar.hours.close_of_business)
    return moment if moment <= now < closing else None


def _at(calendar: WorkCalendar, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=calendar.tz)

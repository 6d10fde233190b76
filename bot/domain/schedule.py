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
    monday = today - timedelta(days=today.weekday())
    first = next(
        (
            monday + timedelta(days=n)
            for n in range(7)
            if calendar.is_workday(monday + timedelta(days=n))
        ),
        None,
    )
    if first != today:
        return None
    return _if_current(calendar, today, WEEKLY_AT, now)


def previous_digest_moment(calendar: WorkCalendar, moment: datetime) -> datetime:
    """The digest moment of the working day before `moment`'s (what a digest covers since)."""
    day = moment.astimezone(calendar.tz).date() - timedelta(days=1)
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return _at(calendar, day, DIGEST_AT)


def _if_current(calendar: WorkCalendar, day: date, at: time, now: datetime) -> datetime | None:
    moment = _at(calendar, day, at)
    closing = _at(calendar, day, calendar.hours.close_of_business)
    return moment if moment <= now < closing else None


def _at(calendar: WorkCalendar, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=calendar.tz)

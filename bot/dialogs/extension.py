"""Asking for a later resolution date (延期申请): the date first, checked at once, then why.

The date step offers the next working days as buttons and says the latest day allowed; a
typed date is checked there, before any reason is asked for (§7).
"""

from __future__ import annotations

from datetime import date

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.payloads import IssueCode, OnIssue, Verb
from bot.dialogs.private_chat import ask, remember, texts
from bot.dialogs.text_actions import begin as ask_reason
from bot.dialogs.turn import Turn
from bot.domain.calendar import WorkCalendar
from bot.domain.errors import InvalidInput
from bot.domain.oversight import check_new_due, extension_window
from bot.i18n.typed_dates import parse_day
from bot.services.queries import IssueView, open_card

STEP = "extend"
# Working days after the current deadline that the buttons offer.
OFFERED_STEPS = (1, 2, 3, 5, 10, 15)


async def begin(turn: Turn, pressed: OnIssue) -> None:
    """Offer the next working days and the latest day allowed, or a typed date."""
    person = turn.person
    if person is None or person.id is None:
        turn.say("need-registration")
        return
    code = pressed.code
    _, view = await open_card(turn.uow(), turn.ctx, person.id, code, turn.now, "request_extension")
    current, latest = extension_window(view.issue, turn.ctx.calendar)
    w = texts(turn)
    days = _offered_days(turn.ctx.calendar, current, latest)
    if not days:
        turn.say("extension-none-left", code=code, latest=w.day(latest))
        return
    buttons = [
        w.button("extension-day", OnIssue(Verb.EXTEND_TO, code, _number(day)), day=w.day(day))
        for day in days
    ]
    remember(turn, STEP, code=code)
    ask(
        turn,
        "card-ask-date",
        rows_of(buttons, 3),
        code=code,
        due=w.day(current),
        latest=w.day(latest),
    )


async def press_day(turn: Turn, pressed: OnIssue) -> None:
    """A day button: checked again (the issue may have moved on), then the reason."""
    day = _day_of(pressed.arg)
    if day is None:
        turn.stale()
        return
    await _chosen(turn, pressed.code, day)


async def step(turn: Turn) -> None:
    """A typed date: checked at once, so the person never types a reason in vain."""
    state = turn.state
    assert state is not None
    code = IssueCode(str(state.data.get("code", "")))
    day = parse_day(turn.incoming.text or "", turn.now.astimezone(turn.ctx.calendar.tz).date())
    if day is None:
        turn.ask("card-bad-date")
        return
    await _chosen(turn, code, day)


async def _chosen(turn: Turn, code: IssueCode, day: date) -> None:
    person = turn.person
    if person is None or person.id is None:
        turn.stale()
        return
    _, view = await open_card(turn.uow(), turn.ctx, person.id, code, turn.now, "request_extension")
    refused = _refused(texts(turn), view, turn.ctx.calendar, day)
    if refused is not None:
        turn.ask("extension-refused", reason=refused)
        return
    await ask_reason(turn, OnIssue(Verb.EXTEND_TO, code, _number(day)), due=day.isoformat())


def _refused(w: Texts, view: IssueView, calendar: WorkCalendar, day: date) -> str | None:
    """Why the day cannot be the new deadline, with the latest day allowed; None if it can."""
    try:
        check_new_due(view.issue, calendar, day)
    except InvalidInput as error:
        current, latest = extension_window(view.issue, calendar)
        key = "extension-" + error.key.removeprefix("extension.").replace("_", "-")
        return w.t(key, day=w.day(day), due=w.day(current), latest=w.day(latest))
    return None


def _offered_days(calendar: WorkCalendar, current: date, latest: date) -> list[date]:
    days = (calendar.add_workdays(current, n) for n in OFFERED_STEPS)
    return sorted({d for d in days if d <= latest})


def _number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _day_of(number: int | None) -> date | None:
    if number is None:
        return None
    try:
        return date(number // 10_000, number // 100 % 100, number % 100)
    except ValueError:
        return None

"""Asking for a later resolution date (延期申请): the date first, checked at once, then why.

The date step offers the next working days as buttons and says the latest day allowed; a
typed date is checked there, before any reason is asked for (§7).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.payloads import IssueCode, OnIssue, Page, Picker, Verb
from bot.dialogs.private_chat import remember, texts, write
from bot.dialogs.text_actions import begin as ask_reason
from bot.dialogs.turn import STAMP, Turn, stamp_of
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
    if not _offered_days(turn.ctx.calendar, current, latest):
        turn.say("extension-none-left", code=code, latest=w.day(latest))
        return
    remember(turn, STEP, code=code)
    _offer_days(turn, view, _prompt(turn, view), first=True)


def _offer_days(
    turn: Turn, view: IssueView, text: str, first: bool = False, page: int = 0
) -> None:
    """The text with the next working days as buttons (from page `page` where they do not
    all fit) and a way out; days in a year without holiday data are marked, and the first
    prompt says why."""
    calendar, w, code = turn.ctx.calendar, texts(turn), IssueCode(view.issue.code)
    current, latest = extension_window(view.issue, calendar)
    days = _offered_days(calendar, current, latest)
    buttons = [
        w.button(
            "extension-day" if calendar.covers(day) else "extension-day-uncovered",
            OnIssue(Verb.EXTEND_TO, code, _number(day)),
            day=w.day(day),
        )
        for day in days
    ]
    years = calendar.uncovered_years(current, latest)
    if years and first:
        shown = ("、" if w.language == "zh" else ", ").join(str(year) for year in years)
        text = "\n".join((text, w.t("extension-uncovered", years=shown)))
    stamp = turn.stamp or 0
    rows = turn.page(
        rows_of(buttons, 3),
        lambda n: Page(Picker.EXTEND, n, stamp, code),
        page,
        (turn.way_out(),),
        width=3,
    )
    write(turn, text, rows, edit=turn.paging)


async def press_page(turn: Turn, pressed: Page) -> None:
    """Another page of the days, in the open extension dialog of the issue."""
    state = turn.state
    if (
        pressed.code is None
        or state is None
        or state.name != STEP
        or state.data.get("code") != pressed.code
        or pressed.ref != stamp_of(state)
    ):
        turn.stale()
        return
    view = await _view(turn, pressed.code)
    if view is not None:
        _offer_days(turn, view, _prompt(turn, view), page=pressed.page)


def _prompt(turn: Turn, view: IssueView) -> str:
    """The date step's question: the current deadline and the latest day allowed."""
    w = texts(turn)
    current, latest = extension_window(view.issue, turn.ctx.calendar)
    return w.t("card-ask-date", code=view.issue.code, due=w.day(current), latest=w.day(latest))


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
        view = await _view(turn, code)
        if view is not None:
            _offer_days(turn, view, turn.t("card-bad-date"))
        return
    await _chosen(turn, code, day)


async def _view(turn: Turn, code: IssueCode) -> IssueView | None:
    """The issue, if the person may still ask to extend it (else the refusal is said)."""
    person = turn.person
    if person is None or person.id is None:
        turn.stale()
        return None
    _, view = await open_card(turn.uow(), turn.ctx, person.id, code, turn.now, "request_extension")
    return view


async def _chosen(turn: Turn, code: IssueCode, day: date) -> None:
    view = await _view(turn, code)
    if view is None:
        return
    refused = _refused(texts(turn), view, turn.ctx.calendar, day)
    if refused is not None:
        # Asked again at the date step (the day may come from an older prompt).
        remember(turn, STEP, code=code, **_carried(turn, code))
        _offer_days(turn, view, turn.t("extension-refused", reason=refused))
        return
    pressed = OnIssue(Verb.EXTEND_TO, code, _number(day))
    await ask_reason(turn, pressed, due=day.isoformat(), **_carried(turn, code))


def _carried(turn: Turn, code: IssueCode) -> dict[str, Any]:
    """The stamp of this issue's open extension dialog, so that its next step stays that
    dialog and the Cancel of its date prompt still leaves it; nothing if none is open."""
    state = turn.state
    if state is None or state.name != STEP or state.data.get("code") != code:
        return {}
    return {STAMP: state.data.get(STAMP)}


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

"""/settings: quiet hours from a few presets, and muting for a day or a week (§9)."""

from __future__ import annotations

from datetime import time, timedelta

from bot.dialogs.card_parts import Buttons
from bot.dialogs.payloads import Page, Picker, Setting, Slug
from bot.dialogs.turn import Turn
from bot.domain.people import Person
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.recipients import recipient_of

# preset code -> (start, end); "none" is an empty window, since no times means the default.
QUIET_PRESETS: dict[str, tuple[time, time]] = {
    "late": (time(22, 0), time(7, 30)),
    "early": (time(21, 0), time(8, 0)),
    "off": (time(0, 0), time(0, 0)),
}
MUTES = {"day": timedelta(days=1), "week": timedelta(weeks=1)}
UNMUTE = "off"


async def show(turn: Turn, page: int = 0) -> None:
    """The person's notification settings with buttons to change them."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        turn.say("start-in-private")
        return
    if person is None or person.id is None:
        turn.say("need-registration")
        return
    quiet, mute = _describe(turn, person)
    buttons = _buttons(turn, page)
    turn.say("settings", buttons=buttons, edit=turn.paging, quiet=quiet, mute=mute)


async def press(turn: Turn) -> None:
    """A quiet-hours preset ("q") or a mute ("m": a day, a week, or none)."""
    pressed, person = turn.pressed, turn.person
    assert isinstance(pressed, Setting)
    if person is None or person.id is None:
        turn.stale()
        return
    kind, choice = pressed.kind, pressed.choice
    changed: Person | None
    if kind == "q" and choice in QUIET_PRESETS:
        start, end = QUIET_PRESETS[choice]
        changed = await sessions.save_quiet_hours(
            turn.uow(), turn.ctx, person.id, start, end, turn.now
        )
    elif kind == "m" and (choice in MUTES or choice == UNMUTE):
        until = turn.now + MUTES[choice] if choice in MUTES else None
        changed = await sessions.save_mute(turn.uow(), turn.ctx, person.id, until, turn.now)
    else:
        turn.stale()
        return
    if changed is None:
        turn.stale()
        return
    turn.toast = turn.t("settings-saved")
    quiet, mute = _describe(turn, changed)
    turn.say("settings", buttons=_buttons(turn), edit=True, quiet=quiet, mute=mute)


def _describe(turn: Turn, person: Person) -> tuple[str, str]:
    start, end = person.quiet_start, person.quiet_end
    if start is None or end is None:
        # The default the delivery rules apply, an enterprise member's or an official's;
        # no quiet hours at all (None) read as an empty window.
        default = recipient_of(turn.ctx, person).quiet or (time(0), time(0))
        quiet = turn.t("settings-quiet-default", hours=_quiet(turn, *default))
    else:
        quiet = _quiet(turn, start, end)
    muted = person.muted_until
    if muted is not None and muted > turn.now:
        until = format_moment(muted, turn.language, turn.ctx.calendar.tz, turn.now)
        mute = turn.t("settings-muted-until", until=until)
    else:
        mute = turn.t("settings-not-muted")
    return quiet, mute


def _buttons(turn: Turn, page: int = 0) -> Buttons:
    presets = tuple(
        turn.button(
            "settings-quiet-range", Setting(Slug("q"), Slug(code)), start=_hm(start), end=_hm(end)
        )
        for code, (start, end) in QUIET_PRESETS.items()
        if start != end
    )
    rows = (
        (*presets, turn.button("settings-quiet-none", Setting(Slug("q"), Slug("off")))),
        (
            turn.button("settings-mute-day", Setting(Slug("m"), Slug("day"))),
            turn.button("settings-mute-week", Setting(Slug("m"), Slug("week"))),
            turn.button("settings-unmute", Setting(Slug("m"), Slug(UNMUTE))),
        ),
    )
    return turn.page(rows, lambda n: Page(Picker.SETTINGS, n), page, (turn.menu_close(),), 2)


def _quiet(turn: Turn, start: time, end: time) -> str:
    if start == end:
        return turn.t("settings-quiet-off")
    return turn.t("settings-quiet-range", start=_hm(start), end=_hm(end))


def _hm(moment: time) -> str:
    return moment.strftime("%H:%M")

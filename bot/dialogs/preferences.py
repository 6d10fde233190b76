"""/settings: quiet hours from a few presets, and muting for a day or a week (§9)."""

from __future__ import annotations

from datetime import time, timedelta

from bot.dialogs.cards import Buttons
from bot.dialogs.turn import Turn
from bot.domain.people import Person
from bot.i18n.formatting import format_moment
from bot.services import sessions

# preset code -> (start, end); "none" is an empty window, since no times means the default.
QUIET_PRESETS: dict[str, tuple[time, time]] = {
    "a": (time(22, 0), time(7, 30)),
    "b": (time(21, 0), time(8, 0)),
    "0": (time(0, 0), time(0, 0)),
}
MUTES = {"d": timedelta(days=1), "w": timedelta(weeks=1)}
UNMUTE = "0"


async def show(turn: Turn) -> None:
    """The person's notification settings with buttons to change them."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        turn.say("start-in-private")
        return
    if person is None or person.id is None:
        turn.say("need-registration")
        return
    quiet, mute = _describe(turn, person)
    turn.say("settings", buttons=_buttons(turn), quiet=quiet, mute=mute)


async def press(turn: Turn) -> None:
    """A preset ("s:q:<preset>") or a mute ("s:m:<d|w|0>")."""
    parts = (turn.incoming.button or "").split(":")
    person = turn.person
    if person is None or person.id is None or len(parts) != 3:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    kind, choice = parts[1], parts[2]
    changed: Person | None
    if kind == "q" and choice in QUIET_PRESETS:
        start, end = QUIET_PRESETS[choice]
        changed = await sessions.save_quiet_hours(turn.uow(), person.id, start, end)
    elif kind == "m" and (choice in MUTES or choice == UNMUTE):
        until = turn.now + MUTES[choice] if choice in MUTES else None
        changed = await sessions.save_mute(turn.uow(), person.id, until)
    else:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    if changed is None:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    turn.toast = turn.t("settings-saved")
    quiet, mute = _describe(turn, changed)
    turn.say("settings", buttons=_buttons(turn), edit=True, quiet=quiet, mute=mute)


def _describe(turn: Turn, person: Person) -> tuple[str, str]:
    start, end = person.quiet_start, person.quiet_end
    if start is None or end is None:
        quiet = turn.t("settings-quiet-default")
    elif start == end:
        quiet = turn.t("settings-quiet-off")
    else:
        quiet = turn.t("settings-quiet-range", start=_hm(start), end=_hm(end))
    muted = person.muted_until
    if muted is not None and muted > turn.now:
        until = format_moment(muted, turn.language, turn.ctx.calendar.tz, turn.now)
        mute = turn.t("settings-muted-until", until=until)
    else:
        mute = turn.t("settings-not-muted")
    return quiet, mute


def _buttons(turn: Turn) -> Buttons:
    presets = tuple(
        turn.button("settings-quiet-range", f"s:q:{code}", start=_hm(start), end=_hm(end))
        for code, (start, end) in QUIET_PRESETS.items()
        if start != end
    )
    return (
        (*presets, turn.button("settings-quiet-none", "s:q:0")),
        (
            turn.button("settings-mute-day", "s:m:d"),
            turn.button("settings-mute-week", "s:m:w"),
            turn.button("settings-unmute", f"s:m:{UNMUTE}"),
        ),
    )


def _hm(moment: time) -> str:
    return moment.strftime("%H:%M")

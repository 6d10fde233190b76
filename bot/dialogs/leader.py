"""Leaders: the direct-report card's Instruct, Supervise and Details, and /overview (§8, §10)."""

from __future__ import annotations

from bot.dialogs.cards import Texts, render_leader_card
from bot.dialogs.private_chat import (
    remember,
    require_official,
    show_details,
    split_payload,
    tell,
    write,
)
from bot.dialogs.turn import Turn
from bot.services import follow_up, sessions
from bot.services.queries import show_issue
from bot.services.sessions import TeamFigures


async def press(turn: Turn) -> None:
    """Instruct ("l:i"), Supervise ("l:s"), Details ("l:d") or the card itself ("l:v")."""
    parts = split_payload(turn)
    if parts is None:
        return
    me = require_official(turn)
    if me is None:
        return
    action, code = parts[1], parts[2]
    if action == "i":
        await sessions.check_action(turn.uow(), me, code, "instruct")
        remember(turn, "leader.instruct", code=code)
        tell(turn, "leader-ask-instruction", code=code)
    elif action == "s":
        await follow_up.supervise(turn.uow(), turn.ctx, me, code, turn.now)
        turn.toast = turn.t("leader-supervised-toast")
        tell(turn, "leader-supervised", code=code)
    elif action == "d":
        await show_details(turn, me, code)
    elif action == "v":
        await show_card(turn, me, code)
    else:
        turn.toast, turn.alert = turn.t("button-stale"), True


async def show_card(turn: Turn, me: int, code: str) -> None:
    """The leader's card for one issue, in private."""
    view = await show_issue(turn.uow(), me, code)
    project, team = await sessions.surroundings(turn.uow(), view.issue)
    text, buttons = render_leader_card(
        turn.deps.catalog,
        turn.language,
        view,
        project=project,
        task_force=team,
        tz=turn.ctx.calendar.tz,
    )
    write(turn, text, buttons)


async def step(turn: Turn) -> None:
    """The instruction's text, typed after pressing Instruct."""
    state, person = turn.state, turn.person
    assert state is not None
    if state.name != "leader.instruct" or person is None or person.id is None:
        turn.forget()
        turn.say("dialog-lost")
        return
    text = (turn.incoming.text or "").strip()
    if not text:
        turn.say("card-need-text")
        return
    code = str(state.data.get("code", ""))
    await turn.complete(follow_up.instruct(turn.uow(), turn.ctx, person.id, code, text, turn.now))
    turn.say("leader-instructed", code=code)


async def show_overview(turn: Turn) -> None:
    """Per task force: open, overdue, on-time rate and satisfaction."""
    me = require_official(turn)
    if me is None:
        return
    figures = await sessions.overview(turn.uow(), me, turn.now)
    if not figures:
        tell(turn, "overview-none")
        return
    lines = [_line(turn, f) for f in figures]
    tell(turn, "overview", lines="\n".join(lines))


def _line(turn: Turn, figures: TeamFigures) -> str:
    w = Texts(turn.deps.catalog, turn.language)
    name = figures.name_zh if turn.language == "zh" else figures.name_en
    on_time = f"{figures.on_time:.0%}" if figures.on_time is not None else w.t("overview-no-data")
    rating = f"{figures.rating:.1f}" if figures.rating is not None else w.t("overview-no-data")
    return w.t(
        "overview-line",
        name=name,
        open=figures.open,
        overdue=figures.overdue,
        on_time=on_time,
        rating=rating,
    )

"""/overview: per task force, what is open, late, on time and how satisfied enterprises are.

The direct-report card's buttons are official_actions' (§8, §10).
"""

from __future__ import annotations

from bot.dialogs.card_parts import Texts
from bot.dialogs.private_chat import require_official, tell
from bot.dialogs.turn import Turn
from bot.services import sessions
from bot.services.sessions import TeamFigures


async def show_overview(turn: Turn) -> None:
    """Per task force: open, overdue, on-time rate and satisfaction."""
    me = require_official(turn)
    if me is None:
        return
    figures = await sessions.overview(turn.uow(), me, turn.now)
    if not figures:
        tell(turn, "overview-none")
        return
    # Task forces with nothing open and nothing counted yet share one line: no row of zeros.
    busy = [f for f in figures if not _idle(f)]
    lines = [_line(turn, f) for f in busy]
    idle = [_name(turn, f) for f in figures if _idle(f)]
    if idle:
        lines.append(
            turn.t(
                "overview-idle",
                names="、".join(idle) if turn.language == "zh" else ", ".join(idle),
            )
        )
    tell(turn, "overview", lines="\n".join(lines))


def _idle(figures: TeamFigures) -> bool:
    return (
        figures.open == 0
        and figures.overdue == 0
        and figures.on_time is None
        and figures.satisfaction is None
    )


def _name(turn: Turn, figures: TeamFigures) -> str:
    return figures.name_zh if turn.language == "zh" else figures.name_en


def _line(turn: Turn, figures: TeamFigures) -> str:
    w = Texts(turn.deps.catalog, turn.language)
    name = _name(turn, figures)
    none = w.t("overview-no-data")
    on_time = f"{figures.on_time:.0%}" if figures.on_time is not None else none
    satisfaction = none
    if figures.satisfaction is not None and figures.rating is not None:
        satisfaction = w.t(
            "overview-satisfaction",
            rate=f"{figures.satisfaction:.0%}",
            average=f"{figures.rating:.1f}",
        )
    return w.t(
        "overview-line",
        name=name,
        open=figures.open,
        overdue=figures.overdue,
        on_time=on_time,
        satisfaction=satisfaction,
    )

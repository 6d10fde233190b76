"""The lead's approvals: Approve or Deny an extension or a transfer in one tap (§7)."""

from __future__ import annotations

from datetime import datetime

from bot.dialogs.cards import Texts
from bot.dialogs.private_chat import require_official, split_payload
from bot.dialogs.turn import Turn
from bot.i18n.formatting import format_moment
from bot.services import follow_up, sessions

DECISIONS = {"y": True, "n": False}


async def press(turn: Turn) -> None:
    """Approve ("a:y:<code>") or deny ("a:n:<code>"); the message then says what was decided."""
    parts = split_payload(turn)
    if parts is None:
        return
    if parts[1] not in DECISIONS:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    me = require_official(turn)
    if me is None:
        return
    code = parts[2]
    outcome = await follow_up.decide_request(
        turn.uow(), turn.ctx, me, code, DECISIONS[parts[1]], turn.now
    )
    decided = outcome.events[0]
    name = turn.person.name if turn.person else ""
    if decided.kind == "extension_approved":
        due = datetime.fromisoformat(str(decided.data["new_due"]))
        shown = format_moment(due, turn.language, turn.ctx.calendar.tz, turn.now)
        turn.say("approval-extension-approved", edit=True, code=code, due=shown, name=name)
    elif decided.kind == "transferred":
        team = await _team_name(turn, decided.data.get("task_force_id"))
        turn.say("approval-transfer-approved", edit=True, code=code, team=team, name=name)
    else:
        turn.say("approval-denied", edit=True, code=code, name=name)
    turn.toast = turn.t("approval-done")


async def _team_name(turn: Turn, team_id: object) -> str:
    w = Texts(turn.deps.catalog, turn.language)
    for team in await sessions.task_forces(turn.uow()):
        if team.id == team_id:
            return w.team(team)
    return w.team(None)

"""The officer's private card: reply, ask for info, note, extend, transfer, resolve (§10).

Each button asks for the text in a dialog step, and the step calls the use case. Resolving
takes three steps: press Resolve, type the resolution, press Confirm.
"""

from __future__ import annotations

from datetime import date

from bot.dialogs.cards import Texts, render_officer_card
from bot.dialogs.events import Button
from bot.dialogs.private_chat import remember, require_official, split_payload, tell, write
from bot.dialogs.turn import Turn
from bot.domain.model import ClockName
from bot.services import follow_up, sessions, teamwork
from bot.services.queries import show_issue

# button action -> (dialog step, question, the rule the action needs)
PROMPTS = {
    "y": ("card.reply", "card-ask-reply", "reply"),
    "a": ("card.ask", "card-ask-question", "ask_info"),
    "n": ("card.note", "card-ask-note", "note"),
    "s": ("card.resolve", "card-ask-resolution", "resolve"),
}
TRANSFER_ACTIONS = ("request_transfer", "transfer")
TEAMS_PER_ROW = 2


async def press(turn: Turn) -> None:
    """A button of the card; every press is checked again by the rules."""
    parts = split_payload(turn, (3, 4))
    if parts is None:
        return
    me = require_official(turn)
    if me is None:
        return
    action, code = parts[1], parts[2]
    if len(parts) == 4 and action == "tf":
        await _ask_transfer_reason(turn, me, code, parts[3])
    elif len(parts) == 4:
        turn.toast, turn.alert = turn.t("button-stale"), True
    elif action == "v":
        await show_card(turn, me, code)
    elif action in PROMPTS:
        name, question, rule = PROMPTS[action]
        await sessions.check_action(turn.uow(), me, code, rule)
        remember(turn, name, code=code)
        tell(turn, question, code=code)
    elif action == "e":
        await _ask_date(turn, me, code)
    elif action == "t":
        await _offer_teams(turn, me, code)
    elif action == "ok":
        await _resolve(turn, me, code)
    elif action == "x":
        turn.forget()
        turn.say("card-cancelled", edit=True)
    else:
        turn.toast, turn.alert = turn.t("button-stale"), True


async def show_card(turn: Turn, me: int, code: str) -> None:
    """The officer's card for one issue, in private."""
    view = await show_issue(turn.uow(), me, code)
    project, _ = await sessions.surroundings(turn.uow(), view.issue)
    text, buttons = render_officer_card(
        turn.deps.catalog, turn.language, view, project=project, tz=turn.ctx.calendar.tz
    )
    write(turn, text, buttons)


async def step(turn: Turn) -> None:
    """The text the officer types after pressing a card button."""
    state = turn.state
    person = turn.person
    assert state is not None
    if person is None or person.id is None:
        turn.forget()
        turn.say("dialog-lost")
        return
    name, code = state.name, str(state.data.get("code", ""))
    text = (turn.incoming.text or "").strip()
    if name in ("card.confirm", "card.pick"):
        turn.say("card-use-buttons")
    elif not text:
        turn.say("card-need-text")
    elif name == "card.extend":
        await _take_date(turn, code, text)
    elif name == "card.resolve":
        remember(turn, "card.confirm", code=code, text=text)
        buttons = (
            (
                turn.button("card-confirm", f"k:ok:{code}"),
                turn.button("card-cancel", f"k:x:{code}"),
            ),
        )
        turn.say("card-confirm-resolution", buttons=buttons, code=code, text=text)
    else:
        await turn.complete(_act(turn, person.id, name, code, text, dict(state.data)))


async def _act(
    turn: Turn, me: int, name: str, code: str, text: str, data: dict[str, object]
) -> None:
    uow, ctx, now = turn.uow, turn.ctx, turn.now
    if name == "card.reply":
        await teamwork.reply(uow(), ctx, me, code, text, now)
        turn.say("card-replied", code=code)
    elif name == "card.ask":
        await teamwork.ask_info(uow(), ctx, me, code, text, now)
        turn.say("card-asked", code=code)
    elif name == "card.note":
        await teamwork.note(uow(), ctx, me, code, text, now)
        turn.say("card-noted", code=code)
    elif name == "card.extend_reason":
        due = date.fromisoformat(str(data.get("due")))
        await follow_up.request_extension(uow(), ctx, me, code, due, text, now)
        turn.say("card-extension-requested", code=code, due=due.isoformat())
    elif name == "card.transfer":
        team = str(data.get("team", ""))
        outcome = await teamwork.transfer(uow(), ctx, me, code, team, text, now)
        done = outcome.events[0].kind == "transferred"
        turn.say("card-transferred" if done else "card-transfer-requested", code=code)
    else:
        turn.say("dialog-lost")


async def _ask_date(turn: Turn, me: int, code: str) -> None:
    await sessions.check_action(turn.uow(), me, code, "request_extension")
    view = await show_issue(turn.uow(), me, code)
    due = view.issue.clocks[ClockName.RESOLVE].due_at.astimezone(turn.ctx.calendar.tz)
    remember(turn, "card.extend", code=code)
    tell(turn, "card-ask-date", code=code, due=due.date().isoformat())


async def _take_date(turn: Turn, code: str, text: str) -> None:
    try:
        due = date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        turn.say("card-bad-date")
        return
    if due <= turn.now.astimezone(turn.ctx.calendar.tz).date():
        turn.say("card-bad-date")
        return
    remember(turn, "card.extend_reason", code=code, due=due.isoformat())
    turn.say("card-ask-extension-reason", code=code, due=due.isoformat())


async def _offer_teams(turn: Turn, me: int, code: str) -> None:
    await sessions.check_action(turn.uow(), me, code, *TRANSFER_ACTIONS)
    view = await show_issue(turn.uow(), me, code)
    w = Texts(turn.deps.catalog, turn.language)
    teams = [t for t in await sessions.task_forces(turn.uow()) if t.code != view.task_force_code]
    buttons = [Button(w.team(t), f"k:tf:{code}:{t.code}") for t in teams]
    rows = tuple(
        tuple(buttons[i : i + TEAMS_PER_ROW]) for i in range(0, len(buttons), TEAMS_PER_ROW)
    )
    remember(turn, "card.pick", code=code)
    tell(turn, "card-ask-team", buttons=rows, code=code)


async def _ask_transfer_reason(turn: Turn, me: int, code: str, team_code: str) -> None:
    await sessions.check_action(turn.uow(), me, code, *TRANSFER_ACTIONS)
    teams = {t.code: t for t in await sessions.task_forces(turn.uow())}
    team = teams.get(team_code)
    if team is None:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    w = Texts(turn.deps.catalog, turn.language)
    remember(turn, "card.transfer", code=code, team=team.code)
    tell(turn, "card-ask-transfer-reason", code=code, team=w.team(team))


async def _resolve(turn: Turn, me: int, code: str) -> None:
    state = turn.state
    if state is None or state.name != "card.confirm" or state.data.get("code") != code:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    text = str(state.data.get("text", ""))
    await turn.complete(teamwork.resolve(turn.uow(), turn.ctx, me, code, text, turn.now))
    turn.say("card-resolved", edit=True, code=code)

"""Officials' buttons on an issue: open it, claim it, pass it on, decide, instruct (§5, §10).

One tap where the action needs nothing more (claim, supervise, approve); a choice of task
force or officer where it needs one; a written text for the rest (text_actions, drafts).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.dialogs import drafts, extension, text_actions
from bot.dialogs.bundles import join
from bot.dialogs.card_parts import rows_of
from bot.dialogs.cards import KINDS, CardKind, card_rows, render_card
from bot.dialogs.events import Reply, ViewTag
from bot.dialogs.pages import count
from bot.dialogs.payloads import OnIssue, Page, Picker, Verb
from bot.dialogs.private_chat import (
    require_official,
    send_files,
    show_card,
    show_details,
    tell,
    texts,
)
from bot.dialogs.turn import Turn
from bot.domain.model import TaskForce
from bot.services import follow_up, sessions, teamwork
from bot.services.queries import IssueView, message_cards, open_card

Press = Callable[[Turn, OnIssue], Awaitable[None]]


async def _card(turn: Turn, pressed: OnIssue) -> None:
    me = require_official(turn)
    if me is not None:
        await show_card(turn, me, pressed.code)


async def _details(turn: Turn, pressed: OnIssue) -> None:
    me = require_official(turn)
    if me is not None:
        await show_details(turn, me, pressed.code)


async def _claim(turn: Turn, pressed: OnIssue) -> None:
    me = require_official(turn)
    if me is None:
        return
    await teamwork.claim(turn.uow(), turn.ctx, me, pressed.code, turn.now)
    # Set first, so the toast says the claim worked rather than where the card went.
    turn.toast = turn.t("group-claimed-toast")
    if not await _shown_anew(turn, me, pressed.code):
        await show_card(turn, me, pressed.code)
    _, view = await open_card(turn.uow(), turn.ctx, me, pressed.code, turn.now)
    send_files(turn, view, view.issue.attachments)


async def _shown_anew(turn: Turn, me: int, code: str) -> bool:
    """Show the private card message pressed anew, whole (a bundle keeps its other cards), as
    its issues are now; False unless it is a kept message with a card of the issue. The
    pressed card becomes the claimant's, so no second card comes (its refresh changes
    nothing more)."""
    incoming = turn.incoming
    if incoming.chat_kind != "private" or incoming.button_message_id is None:
        return False
    actor, cards = await message_cards(
        turn.uow(), turn.ctx, me, incoming.channel, incoming.chat_id, incoming.button_message_id
    )
    if not any(view.issue.code == code for _, view in cards):
        return False
    w, shown = texts(turn), []
    limit = turn.capabilities.buttons_per_message
    for kept, view in cards:
        kind = CardKind(kept.kind)
        text, buttons = render_card(w, kind, view, actor, turn.now)
        buttons = card_rows(w, kind, view.issue.code, buttons, limit)
        tag = ViewTag(kept.issue_id, kept.kind, kept.person_id, kept.task_force_id)
        shown.append(Reply(incoming.chat_id, text, buttons, views=(tag,)))
    whole = join(w.catalog, w.language, shown)
    if count(whole.buttons) > limit:
        # The cards together no longer fit one message of the channel: a card of its own.
        return False
    turn.replies.append(replace(whole, edit_message_id=incoming.button_message_id))
    return True


async def _pick_officer(turn: Turn, pressed: OnIssue, page: int = 0) -> None:
    view = await _checked(turn, pressed, "assign_member")
    if view is None or view.task_force is None:
        return
    team = view.task_force
    officers = await sessions.officers_of(turn.uow(), team)
    buttons = [
        turn.button("pick-person", OnIssue(Verb.ASSIGN_TO, pressed.code, p.id), name=p.name)
        for p in officers
        if p.id is not None
    ]
    # A menu, not a dialog: its Close must not cancel a dialog open meanwhile.
    rows = turn.page(
        rows_of(buttons),
        lambda n: Page(Picker.OFFICER, n, 0, pressed.code),
        page,
        (turn.menu_close(),),
        width=2,
    )
    tell(turn, "card-ask-officer", rows, edit=turn.paging, code=pressed.code)


async def _assign_to(turn: Turn, pressed: OnIssue) -> None:
    me = require_official(turn)
    if me is None or pressed.arg is None:
        turn.stale()
        return
    await teamwork.assign(turn.uow(), turn.ctx, me, pressed.code, pressed.arg, turn.now)
    _, view = await open_card(turn.uow(), turn.ctx, me, pressed.code, turn.now)
    tell(turn, "card-assigned", code=pressed.code, name=view.name(pressed.arg))


async def _pick_team(turn: Turn, pressed: OnIssue, page: int = 0) -> None:
    """Transfer, co-handling and dispatch: the task forces the issue may go to."""
    action, verb, prompt = PICKS[pressed.verb]
    picker = TEAM_PICKERS[pressed.verb]
    view = await _checked(turn, pressed, action)
    if view is None:
        return
    taken = {view.issue.task_force_id, *view.issue.co_handler_ids}
    teams = [t for t in await sessions.task_forces(turn.uow()) if t.id not in taken]
    w = texts(turn)
    buttons = [
        w.button("pick-team", OnIssue(verb, pressed.code, t.id), name=w.team(t))
        for t in teams
        if t.id is not None
    ]
    if not buttons:
        tell(turn, "pick-team-none", code=pressed.code)
        return
    rows = turn.page(
        rows_of(buttons),
        lambda n: Page(picker, n, 0, pressed.code),
        page,
        (turn.menu_close(),),
        width=2,
    )
    tell(turn, prompt, rows, edit=turn.paging, code=pressed.code)


async def _transfer_to(turn: Turn, pressed: OnIssue) -> None:
    team = await _team(turn, pressed)
    if team is not None:
        name = texts(turn).team(team)
        await text_actions.begin(turn, pressed, team=team.code, team_name=name)


async def _co_handle_with(turn: Turn, pressed: OnIssue) -> None:
    me, team = require_official(turn), await _team(turn, pressed)
    if me is None or team is None:
        return
    await teamwork.add_co_handler(turn.uow(), turn.ctx, me, pressed.code, team.code, turn.now)
    tell(turn, "card-co-handling", code=pressed.code, team=texts(turn).team(team))


async def _dispatch_to(turn: Turn, pressed: OnIssue) -> None:
    me, team = require_official(turn), await _team(turn, pressed)
    if me is None or team is None:
        return
    await teamwork.dispatch(turn.uow(), turn.ctx, me, pressed.code, team.code, turn.now)
    tell(turn, "desk-dispatched", code=pressed.code, team=texts(turn).team(team))


async def _approve(turn: Turn, pressed: OnIssue) -> None:
    """Approve the pending request; declining asks for a reason first (text_actions)."""
    me = require_official(turn)
    if me is None:
        return
    outcome = await follow_up.decide_request(
        turn.uow(), turn.ctx, me, pressed.code, True, turn.now
    )
    turn.toast = turn.t("approval-done")
    kind = outcome.events[0].kind
    key = "decided-transfer" if kind == "transferred" else "decided-extension"
    tell(turn, key, code=pressed.code)


async def _supervise(turn: Turn, pressed: OnIssue) -> None:
    me = require_official(turn)
    if me is None:
        return
    await follow_up.supervise(turn.uow(), turn.ctx, me, pressed.code, turn.now)
    turn.toast = turn.t("leader-supervised-toast")
    tell(turn, "leader-supervised", code=pressed.code)


async def _direct_report(turn: Turn, pressed: OnIssue) -> None:
    me = require_official(turn)
    if me is None:
        return
    await follow_up.mark_direct_report(turn.uow(), turn.ctx, me, pressed.code, turn.now)
    tell(turn, "card-direct-reported", code=pressed.code)


async def _checked(turn: Turn, pressed: OnIssue, action: str) -> IssueView | None:
    me = require_official(turn)
    if me is None:
        return None
    _, view = await open_card(turn.uow(), turn.ctx, me, pressed.code, turn.now, action)
    return view


async def _team(turn: Turn, pressed: OnIssue) -> TaskForce | None:
    """The active task force a button names; a button naming none is stale."""
    teams = {t.id: t for t in await sessions.task_forces(turn.uow())}
    team = teams.get(pressed.arg)
    if team is None:
        turn.stale()
    return team


# verb -> (the rule it needs, the verb of each task force's button, the prompt)
PICKS: dict[Verb, tuple[str, Verb, str]] = {
    Verb.TRANSFER: ("transfer", Verb.TRANSFER_TO, "card-ask-team"),
    Verb.CO_HANDLE: ("add_co_handler", Verb.CO_HANDLE_WITH, "card-ask-co-handler"),
    Verb.DISPATCH: ("dispatch", Verb.DISPATCH_TO, "desk-ask-team"),
}
# The picker of each verb that picks a task force, as its pages name it.
TEAM_PICKERS: dict[Verb, Picker] = {
    Verb.TRANSFER: Picker.TRANSFER,
    Verb.CO_HANDLE: Picker.CO_HANDLE,
    Verb.DISPATCH: Picker.DISPATCH,
}


async def press_page(turn: Turn, pressed: Page) -> None:
    """Another page of a card's buttons, of the officers to name, or of the task forces."""
    if pressed.code is None:
        turn.stale()
        return
    if pressed.picker is Picker.CARD:
        me = require_official(turn)
        if me is None:
            return
        if not 0 <= pressed.ref < len(KINDS) or KINDS[pressed.ref] is CardKind.GROUP:
            turn.stale()
            return
        await show_card(turn, me, pressed.code, KINDS[pressed.ref], pressed.page)
    elif pressed.picker is Picker.OFFICER:
        await _pick_officer(turn, OnIssue(Verb.ASSIGN, pressed.code), pressed.page)
    else:
        verb = next(v for v, p in TEAM_PICKERS.items() if p is pressed.picker)
        await _pick_team(turn, OnIssue(verb, pressed.code), pressed.page)


# Written actions first: the ones that need a choice before the text are overridden below.
VERBS: dict[Verb, Press] = {verb: text_actions.begin for verb in text_actions.WRITTEN} | {
    Verb.CARD: _card,
    Verb.DETAILS: _details,
    Verb.CLAIM: _claim,
    Verb.ASSIGN: _pick_officer,
    Verb.ASSIGN_TO: _assign_to,
    Verb.TRANSFER: _pick_team,
    Verb.TRANSFER_TO: _transfer_to,
    Verb.CO_HANDLE: _pick_team,
    Verb.CO_HANDLE_WITH: _co_handle_with,
    Verb.DISPATCH: _pick_team,
    Verb.DISPATCH_TO: _dispatch_to,
    Verb.APPROVE: _approve,
    Verb.SUPERVISE: _supervise,
    Verb.DIRECT_REPORT: _direct_report,
    Verb.EXTEND: extension.begin,
    Verb.EXTEND_TO: extension.press_day,
    Verb.REPLY: drafts.begin,
    Verb.ASK: drafts.begin,
    Verb.RESOLVE: drafts.begin,
    Verb.SEND: drafts.send,
}

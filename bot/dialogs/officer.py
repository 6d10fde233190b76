"""The task force's group post: Claim in one tap, Details, and Return with a reason (§10)."""

from __future__ import annotations

from bot.dialogs.cards import mask_phones, render_group_post, render_officer_card
from bot.dialogs.events import Reply
from bot.dialogs.private_chat import (
    remember,
    require_official,
    show_details,
    split_payload,
    tell,
    write,
)
from bot.dialogs.turn import Turn
from bot.services import sessions, teamwork
from bot.services.queries import show_issue


async def press(turn: Turn) -> None:
    """A button of the group post: "t:c" Claim, "t:d" Details, "t:r" Return."""
    parts = split_payload(turn)
    if parts is None:
        return
    me = require_official(turn)
    if me is None:
        return
    action, code = parts[1], parts[2]
    if action == "c":
        await _claim(turn, me, code)
    elif action == "d":
        await show_details(turn, me, code)
    elif action == "r":
        await _ask_reason(turn, me, code)
    else:
        turn.toast, turn.alert = turn.t("button-stale"), True


async def step(turn: Turn) -> None:
    """The reason for a return, typed in private after pressing Return."""
    state = turn.state
    assert state is not None
    person = turn.person
    if state.name != "team.return" or person is None or person.id is None:
        turn.forget()
        turn.say("dialog-lost")
        return
    reason = (turn.incoming.text or "").strip()
    if not reason:
        turn.say("card-need-text")
        return
    code = str(state.data.get("code", ""))
    await turn.complete(
        teamwork.return_issue(turn.uow(), turn.ctx, person.id, code, reason, turn.now)
    )
    turn.say("team-returned", code=code)
    group, message = state.data.get("group"), state.data.get("message")
    if isinstance(group, str) and isinstance(message, str):
        # The group post loses its buttons: the issue is no longer the task force's.
        text = turn.t(
            "group-post-returned", code=code, name=person.name, reason=mask_phones(reason)
        )
        turn.replies.append(Reply(chat_id=group, text=text, edit_message_id=message))


async def _claim(turn: Turn, me: int, code: str) -> None:
    await teamwork.claim(turn.uow(), turn.ctx, me, code, turn.now)
    view = await show_issue(turn.uow(), me, code)
    project, team = await sessions.surroundings(turn.uow(), view.issue)
    catalog, tz = turn.deps.catalog, turn.ctx.calendar.tz
    # Set before the card is written, so the toast says the claim worked, not where it went.
    turn.toast = turn.t("group-claimed-toast")
    message = turn.incoming.button_message_id
    if message is not None:
        # The post is read by the whole task force: it stays in the task force's language.
        language = team.language if team is not None else turn.language
        name = turn.person.name if turn.person else ""
        text, buttons = render_group_post(
            catalog, language, view, project=project, tz=tz, signed_by=name
        )
        turn.replies.append(
            Reply(
                chat_id=turn.incoming.chat_id, text=text, buttons=buttons, edit_message_id=message
            )
        )
    text, buttons = render_officer_card(catalog, turn.language, view, project=project, tz=tz)
    write(turn, text, buttons)


async def _ask_reason(turn: Turn, me: int, code: str) -> None:
    await sessions.check_action(turn.uow(), me, code, "return")
    incoming = turn.incoming
    data: dict[str, object] = {"code": code}
    if incoming.chat_kind == "group" and incoming.button_message_id is not None:
        data.update(group=incoming.chat_id, message=incoming.button_message_id)
    remember(turn, "team.return", **data)
    tell(turn, "team-ask-return-reason", code=code)

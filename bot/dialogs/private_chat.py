"""What the officials' dialogs share: who may act, and talking in the person's private chat.

Group posts are pressed in a group, but cards, lists and questions are answered in private:
what an issue says is for the person who may see it, not for everyone in the group.
"""

from __future__ import annotations

from bot.dialogs.cards import Buttons, render_details
from bot.dialogs.events import Reply
from bot.dialogs.turn import Turn
from bot.domain.access import DialogState
from bot.domain.people import OFFICIAL_ROLES
from bot.services import sessions
from bot.services.queries import show_issue


def require_official(turn: Turn) -> int | None:
    """The acting official's id; anyone else gets a polite refusal and None."""
    person = turn.person
    if person is not None and person.id is not None and person.roles & OFFICIAL_ROLES:
        return person.id
    if turn.incoming.button is not None:
        turn.toast, turn.alert = turn.t("officials-only"), True
    else:
        turn.say("officials-only")
    return None


def split_payload(turn: Turn, sizes: tuple[int, ...] = (3,)) -> list[str] | None:
    """The pressed button's parts if there are as many as expected, else None (stale)."""
    parts = (turn.incoming.button or "").split(":")
    if len(parts) not in sizes or not all(parts):
        turn.toast, turn.alert = turn.t("button-stale"), True
        return None
    return parts


def chat_of(turn: Turn) -> str:
    """The person's private chat: for a private chat its id is the person's own."""
    incoming = turn.incoming
    return incoming.chat_id if incoming.chat_kind == "private" else incoming.user_id


def tell(turn: Turn, key: str, buttons: Buttons = (), **params: object) -> None:
    """Answer with a catalog text in the person's private chat."""
    write(turn, turn.t(key, **params), buttons)


def write(turn: Turn, text: str, buttons: Buttons = ()) -> None:
    """Send already rendered text to the person's private chat."""
    turn.replies.append(Reply(chat_id=chat_of(turn), text=text, buttons=buttons))
    if turn.incoming.chat_kind != "private" and turn.incoming.button is not None:
        # The press happened in a group: say where the answer went.
        turn.toast = turn.toast or turn.t("sent-privately")


def remember(turn: Turn, name: str, **data: object) -> None:
    """Move the person's private dialog to step `name`, wherever they pressed."""
    incoming = turn.incoming
    turn.keep(DialogState(incoming.channel, chat_of(turn), incoming.user_id, name, data, turn.now))


async def show_details(turn: Turn, me: int, code: str) -> None:
    """The whole issue and its timeline, privately, if the person may see it."""
    view = await show_issue(turn.uow(), me, code)
    project, team = await sessions.surroundings(turn.uow(), view.issue)
    text = render_details(
        turn.deps.catalog,
        turn.language,
        view,
        project=project,
        task_force=team,
        tz=turn.ctx.calendar.tz,
    )
    write(turn, text)

"""What the officials' dialogs share: who may act, and talking in the person's private chat.

Group posts are pressed in a group, but cards, lists and questions are answered in private:
what an issue says is for the person who may see it, not for everyone in the group.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.dialogs.card_parts import Buttons, Texts
from bot.dialogs.cards import CardKind, card_rows, render_card
from bot.dialogs.events import Reply, ViewTag
from bot.dialogs.turn import Turn
from bot.domain.access import DialogState
from bot.domain.model import Attachment
from bot.domain.people import OFFICIAL_ROLES
from bot.services.queries import IssueView, open_card


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


def chat_of(turn: Turn) -> str:
    """The person's private chat: for a private chat its id is the person's own."""
    incoming = turn.incoming
    return incoming.chat_id if incoming.chat_kind == "private" else incoming.user_id


def texts(turn: Turn) -> Texts:
    """The catalog in the person's language, with the city's calendar."""
    return Texts(turn.deps.catalog, turn.language, turn.ctx.calendar)


def tell(
    turn: Turn, key: str, buttons: Buttons = (), *, edit: bool = False, **params: object
) -> None:
    """Answer with a catalog text in the person's private chat (in place of the pressed
    message with `edit`)."""
    write(turn, turn.t(key, **params), buttons, edit=edit)


def ask(turn: Turn, key: str, buttons: Buttons = (), **params: object) -> None:
    """A prompt in the person's private chat, with its way out of the dialog."""
    write(turn, turn.t(key, **params), (*buttons, turn.way_out()))


def write(
    turn: Turn,
    text: str,
    buttons: Buttons = (),
    views: tuple[ViewTag, ...] = (),
    edit: bool = False,
) -> None:
    """Send already rendered text to the person's private chat; with `edit`, in place of the
    message pressed there."""
    incoming = turn.incoming
    private = incoming.chat_kind == "private"
    edited = incoming.button_message_id if edit and private else None
    turn.replies.append(
        Reply(chat_of(turn), text, buttons=buttons, edit_message_id=edited, views=views)
    )
    if turn.incoming.chat_kind != "private" and turn.incoming.button is not None:
        # The press happened in a group: say where the answer went.
        turn.toast = turn.toast or turn.t("sent-privately")


def remember(turn: Turn, name: str, **data: object) -> None:
    """Move the person's private dialog to step `name`, wherever they pressed."""
    incoming = turn.incoming
    turn.keep(DialogState(incoming.channel, chat_of(turn), incoming.user_id, name, data, turn.now))


async def show_card(
    turn: Turn, me: int, code: str, kind: CardKind = CardKind.CARD, page: int = 0
) -> IssueView:
    """The official's card for one issue, in private, its buttons from page `page` where
    they do not all fit the channel; it is kept up to date once sent."""
    actor, view = await open_card(turn.uow(), turn.ctx, me, code, turn.now)
    w = texts(turn)
    text, buttons = render_card(w, kind, view, actor, turn.now)
    limit = turn.capabilities.buttons_per_message
    rows = card_rows(w, kind, view.issue.code, buttons, limit, page)
    assert view.issue.id is not None
    tag = ViewTag(view.issue.id, kind.value, person_id=me)
    write(turn, text, rows, (tag,), edit=turn.paging)
    return view


async def show_details(turn: Turn, me: int, code: str) -> None:
    """The whole issue and its timeline, privately, with the person's buttons (kept up to date
    like every card), followed by every file it holds."""
    view = await show_card(turn, me, code, CardKind.DETAILS)
    send_files(turn, view, view.issue.attachments)


def send_files(turn: Turn, view: IssueView, files: Iterable[Attachment]) -> None:
    """The files themselves, in their order, each captioned with the issue's code."""
    shown = tuple(files)
    for number, attachment in enumerate(shown, 1):
        caption = turn.t(
            "file-caption",
            code=view.issue.code,
            number=number,
            total=len(shown),
            name=attachment.name or "",
        )
        turn.replies.append(Reply(chat_id=chat_of(turn), text=caption, file=attachment))

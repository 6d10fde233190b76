"""Notices that are cards, files, or a card message shown anew (§9, §10).

A card is rendered for its reader as the issue is now: a task force's group gets the group
post, a person the card of their own actions. Each card names itself in the reply's views,
so the message can be shown anew when the issue changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.dialogs.bundles import join
from bot.dialogs.card_parts import Buttons, Card, Texts
from bot.dialogs.cards import CardKind, card_rows, render_card, render_group_post
from bot.dialogs.events import Reply, ViewTag
from bot.domain.model import Attachment
from bot.services.queries import IssueView
from bot.services.recipients import Delivery

# The cards notices carry, by template; every other notice is a text.
TEMPLATE_KINDS = {
    "new_issue": CardKind.NEW,
    "assigned_to_you": CardKind.ASSIGNED,
    "direct_report": CardKind.DIRECT,
    "needs_dispatch": CardKind.DESK,
    "returned": CardKind.DESK,
    "co_handling": CardKind.CO_HANDLE,
    "extension_requested": CardKind.REQUEST,
    "transfer_requested": CardKind.REQUEST,
}


def card_reply(
    w: Texts, delivery: Delivery, name: str, now: datetime, limit: int | None = None
) -> Reply | None:
    """The card a notice carries, or None when it is a text notice; its buttons from the
    first page where more than `limit` (None: any number) would not fit."""
    kind, view = TEMPLATE_KINDS.get(name), delivery.view
    if kind is None or view is None:
        return None
    group = delivery.notice.task_force_id
    if group is not None and kind is not CardKind.NEW:
        # A helping task force's group, say: it reads the text notice, with Details.
        return None
    shown = _card(w, delivery, CardKind.GROUP if group is not None else kind, view, now, limit)
    if shown is None:
        return None
    assert delivery.chat_id is not None
    text, buttons, tag = shown
    return Reply(delivery.chat_id, text, buttons, views=(tag,))


def file_reply(w: Texts, delivery: Delivery) -> Reply:
    """One file of an issue, captioned with its code and place among the issue's files."""
    assert delivery.chat_id is not None
    params: dict[str, Any] = delivery.notice.params
    attachment = Attachment(**params["file"])
    caption = w.t(
        "file-caption",
        code=params["code"],
        number=params["number"],
        total=params["total"],
        name=attachment.name or "",
    )
    return Reply(delivery.chat_id, caption, file=attachment)


def refresh_reply(
    w: Texts, delivery: Delivery, now: datetime, limit: int | None = None
) -> Reply | None:
    """A sent card message, every card in it shown as its issue is now (each card's buttons
    from their first page where more than `limit` would not fit); None if none can."""
    assert delivery.chat_id is not None
    cards = []
    for kind, view in delivery.items:
        shown = _card(w, delivery, CardKind(kind), view, now, limit)
        if shown is not None:
            text, buttons, tag = shown
            cards.append(Reply(delivery.chat_id, text, buttons, views=(tag,)))
    if not cards:
        return None
    joined = join(w.catalog, w.language, cards)
    return Reply(
        delivery.chat_id,
        joined.text,
        joined.buttons,
        edit_message_id=str(delivery.notice.params["message"]),
        views=joined.views,
        edit_only=True,
    )


def _card(
    w: Texts,
    delivery: Delivery,
    kind: CardKind,
    view: IssueView,
    now: datetime,
    limit: int | None = None,
) -> tuple[str, Buttons, ViewTag] | None:
    notice, issue = delivery.notice, view.issue
    assert issue.id is not None
    card: Card
    if kind is CardKind.GROUP:
        card = render_group_post(w, view, notice.task_force_id, now)
    elif delivery.actor is not None:
        card = render_card(w, kind, view, delivery.actor, now)
    else:
        return None
    tag = ViewTag(issue.id, kind.value, notice.person_id, notice.task_force_id)
    buttons = card[1] if limit is None else card_rows(w, kind, issue.code, card[1], limit)
    return card[0], buttons, tag

"""Several routine notices to one person as one message (无事不扰, §9)."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogs.capabilities import TELEGRAM_LIKE
from bot.dialogs.events import Reply
from bot.i18n.catalog import Catalog

SEPARATOR = "\n\n"


def bundle(
    catalog: Catalog,
    language: str | None,
    replies: list[Reply],
    text_limit: int = TELEGRAM_LIKE.text_limit,
    *,
    text_bytes: bool = False,
    button_limit: int | None = None,
) -> list[tuple[Reply, int]]:
    """The replies joined into as few messages as fit, each headed by how many it holds;
    each message comes with how many of the replies (the next ones, in order) it carries.

    A message fits when its text, heading and numbers included, is within `text_limit`
    (characters, or UTF-8 bytes with `text_bytes`: the channel's limit) and its buttons
    within `button_limit` (None: any number). A reply too long alone is a message of its
    own. Every notice keeps its own buttons, numbered as the notice is, one notice's rows
    after another's. A file is a message of its own, in its place among the others; cards
    join only cards, so that a card message can be shown anew whole, card by card.
    """
    if len(replies) <= 1:
        return [(reply, 1) for reply in replies]

    def fits(group: list[Reply]) -> bool:
        joined = join(catalog, language, group)
        size = len(joined.text.encode()) if text_bytes else len(joined.text)
        buttons = sum(len(row) for row in joined.buttons)
        return size <= text_limit and (button_limit is None or buttons <= button_limit)

    groups: list[list[Reply]] = [[]]
    for reply in replies:
        group = groups[-1]
        last = group[-1] if group else None
        apart = last is not None and (
            reply.file is not None
            or last.file is not None
            or bool(reply.views) != bool(last.views)
        )
        if group and (apart or not fits([*group, reply])):
            groups.append([])
        groups[-1].append(reply)
    return [(join(catalog, language, group), len(group)) for group in groups]


def join(catalog: Catalog, language: str | None, group: list[Reply]) -> Reply:
    """Texts of one chat as one message: numbered, headed by their count, with each one's
    buttons numbered alike and each one's cards in order."""
    if len(group) == 1:
        return group[0]
    heading = catalog.text(language, "notice-bundle", count=len(group))
    # Numbered, so that each notice's buttons say which notice they act on.
    texts = [f"#{n} {reply.text}" for n, reply in enumerate(group, 1)]
    rows = tuple(
        tuple(replace(button, label=f"#{n} {button.label}") for button in row)
        for n, reply in enumerate(group, 1)
        for row in reply.buttons
    )
    views = tuple(view for reply in group for view in reply.views)
    return Reply(group[0].chat_id, SEPARATOR.join([heading, *texts]), buttons=rows, views=views)

"""Pickers with more choices than one message holds: pages, each with a More button (§12).

On a channel whose messages hold few buttons (a WeCom card holds 6) a picker shows a page
of its choices, the rows every page keeps (Cancel, Close, "no project") and a More button
that shows the next page, the last page leading back to the first. Where every choice fits,
the picker is shown as it always was. This is the one place pages are cut; each picker says
how its More is pressed (payloads.Page) and shows the page asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from bot.dialogs.events import Button, Reply

log = logging.getLogger(__name__)

Buttons = tuple[tuple[Button, ...], ...]
# (the page the button shows, counted from 0; how many pages there are) -> the More button
More = Callable[[int, int], Button]


def count(rows: Buttons) -> int:
    """How many buttons the rows hold."""
    return sum(len(row) for row in rows)


def page_rows(
    rows: Buttons, limit: int, page: int, more: More, tail: Buttons = (), width: int = 1
) -> Buttons:
    """The rows of page `page` (any number: it wraps) of a picker whose choices are `rows`,
    each page within `limit` buttons, tail and More counted: the rows themselves when all fit.

    A page lays its choices out `width` to a row, then More, then the tail.
    """
    if count(rows) + count(tail) <= limit:
        return (*rows, *tail)
    room = limit - count(tail) - 1
    if room < 1:
        raise ValueError(f"{count(tail)} buttons always shown leave no room within {limit}")
    choices = [button for row in rows for button in row]
    pages = -(-len(choices) // room)
    page %= pages
    shown = choices[page * room : (page + 1) * room]
    laid = tuple(tuple(shown[i : i + width]) for i in range(0, len(shown), width))
    return (*laid, (more((page + 1) % pages, pages),), *tail)


def overflow(replies: tuple[Reply, ...], limit: int, continued: str) -> tuple[Reply, ...]:
    """Replies within `limit` buttons each: a reply that holds more (no picker should) keeps
    its first buttons, and the rest follow in further messages headed `continued`, so that
    no button is lost on a channel that would refuse the message."""
    fitted: list[Reply] = []
    for reply in replies:
        buttons = [button for row in reply.buttons for button in row]
        if len(buttons) <= limit:
            fitted.append(reply)
            continue
        log.warning("a reply with %d buttons split for a limit of %d", len(buttons), limit)
        first = tuple((b,) for b in buttons[:limit])
        fitted.append(replace(reply, buttons=first))
        for start in range(limit, len(buttons), limit):
            rest = tuple((b,) for b in buttons[start : start + limit])
            fitted.append(Reply(reply.chat_id, continued, buttons=rest))
    return tuple(fitted)


def without_buttons(replies: tuple[Reply, ...], chat_id: str) -> tuple[Reply, ...]:
    """The replies, those to the group `chat_id` without their buttons (a group that shows
    none): the words still reach the group."""
    return tuple(
        replace(reply, buttons=()) if reply.chat_id == chat_id and reply.buttons else reply
        for reply in replies
    )

"""Buttons on an issue: each verb goes to the dialog of the people who press it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.dialogs import enterprise_issues, official_actions
from bot.dialogs.payloads import OnIssue, Verb
from bot.dialogs.turn import Turn

Press = Callable[[Turn, OnIssue], Awaitable[None]]
VERBS: dict[Verb, Press] = {**official_actions.VERBS, **enterprise_issues.VERBS}


async def press(turn: Turn) -> None:
    """A button on an issue; the use case behind it checks the press again."""
    pressed = turn.pressed
    assert isinstance(pressed, OnIssue)
    handler = VERBS.get(pressed.verb)
    if handler is None:
        turn.stale()
        return
    if pressed.verb in enterprise_issues.VERBS and turn.incoming.chat_kind != "private":
        # An enterprise's issues are its own business, not the group's (§14).
        turn.toast, turn.alert = turn.t("start-in-private"), True
        return
    await handler(turn, pressed)

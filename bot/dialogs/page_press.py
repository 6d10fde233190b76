"""A picker's More: each picker shows the page asked for, checked as its first page was."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.dialogs import (
    enterprise_issues,
    extension,
    filing,
    general,
    invitations,
    lists,
    official_actions,
    preferences,
)
from bot.dialogs.payloads import Page, Picker
from bot.dialogs.private_chat import require_official
from bot.dialogs.turn import Turn

Show = Callable[[Turn, Page], Awaitable[None]]


async def _filing(turn: Turn, _: Page) -> None:
    await filing.press_page(turn)


async def _language(turn: Turn, pressed: Page) -> None:
    await general.choose_language(turn, pressed.page)


async def _settings(turn: Turn, pressed: Page) -> None:
    await preferences.show(turn, pressed.page)


async def _link_group(turn: Turn, pressed: Page) -> None:
    if turn.incoming.chat_kind != "group":
        turn.stale()
    elif require_official(turn) is not None:
        await general.welcome_group(turn, pressed.page)


PICKERS: dict[Picker, Show] = {
    Picker.FILING: _filing,
    Picker.EXTEND: extension.press_page,
    Picker.OFFICER: official_actions.press_page,
    Picker.TRANSFER: official_actions.press_page,
    Picker.CO_HANDLE: official_actions.press_page,
    Picker.DISPATCH: official_actions.press_page,
    Picker.CARD: official_actions.press_page,
    Picker.MY_LIST: enterprise_issues.press_page,
    Picker.MY_ISSUE: enterprise_issues.press_page,
    Picker.INBOX: lists.press_page,
    Picker.TEAM: lists.press_page,
    Picker.OVERDUE: lists.press_page,
    Picker.LANGUAGE: _language,
    Picker.SETTINGS: _settings,
    Picker.INVITE_ROLE: invitations.press_page,
    Picker.INVITE_TEAM: invitations.press_page,
    Picker.LINK_GROUP: _link_group,
}


async def press(turn: Turn) -> None:
    """Show the page of the picker the More names."""
    pressed = turn.pressed
    assert isinstance(pressed, Page)
    await PICKERS[pressed.picker](turn, pressed)

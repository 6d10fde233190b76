"""Help, language, cancelling, a group's welcome, and the polite answers to what the bot
cannot use."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.payloads import ChooseLanguage, LinkGroup, Slug
from bot.dialogs.turn import Turn
from bot.domain.people import OFFICIAL_ROLES, Role
from bot.i18n.catalog import LANGUAGES
from bot.services import directory, sessions


async def show_help(turn: Turn) -> None:
    """What the person can do, by role."""
    person = turn.person
    if person is None:
        turn.say("help-newcomer")
    elif Role.MEMBER in person.roles:
        turn.say("help-enterprise")
    else:
        turn.say("help-official")


async def choose_language(turn: Turn) -> None:
    """Offer the languages as buttons."""
    buttons = tuple(
        (turn.button(f"lang-name-{code}", ChooseLanguage(Slug(code))),) for code in LANGUAGES
    )
    turn.say("lang-choose", buttons=buttons)


async def press_language(turn: Turn) -> None:
    """A language chosen from /lang."""
    pressed = turn.pressed
    assert isinstance(pressed, ChooseLanguage)
    if pressed.language not in LANGUAGES:
        turn.stale()
        return
    if turn.person is None or turn.person.id is None:
        turn.say("need-registration")
        return
    await sessions.save_language(turn.uow(), turn.person.id, pressed.language)
    turn.language = pressed.language
    turn.say("lang-set", edit=True)


async def cancel(turn: Turn) -> None:
    """Leave whatever dialog the person is in (/cancel, or a prompt's Cancel button)."""
    if turn.state is None:
        if turn.incoming.button is not None:
            turn.say("cancel-done", edit=True)
        else:
            turn.say("cancel-nothing")
        return
    turn.forget()
    turn.say("cancel-done", remove_keyboard=turn.incoming.button is None)


async def stale_button(turn: Turn) -> None:
    """A button the bot no longer knows (forged, or from an old message)."""
    turn.stale()


async def unknown_command(turn: Turn) -> None:
    """A command the bot does not have."""
    turn.say("command-unknown")


async def lost_state(turn: Turn) -> None:
    """A stored dialog step this version does not know: start over rather than guess."""
    turn.forget()
    turn.say("dialog-lost")


async def welcome_group(turn: Turn) -> None:
    """The bot was added to a group: say whose group it is, or offer to make it one's."""
    chat = turn.incoming.chat_id
    teams = await sessions.task_forces(turn.uow())
    w = Texts(turn.deps.catalog, turn.language)
    linked = next((t for t in teams if t.group_chat == chat), None)
    if linked is not None:
        turn.say("group-hello-linked", team=w.team(linked))
        return
    person = turn.person
    actor = await sessions.actor_of(turn.uow(), person.id) if person and person.id else None
    if actor is None or not (actor.roles & OFFICIAL_ROLES):
        turn.say("group-hello", chat=chat)
        return
    mine = [
        t
        for t in teams
        if t.id is not None and not t.group_chat and (actor.has(Role.ADMIN) or t.id in actor.leads)
    ]
    buttons = [
        turn.button("group-link-button", LinkGroup(t.id), team=w.team(t))
        for t in mine
        if t.id is not None
    ]
    key = "group-hello-offer" if buttons else "group-hello"
    turn.say(key, buttons=rows_of(buttons), chat=chat)


async def press_link(turn: Turn) -> None:
    """Make this group the work group of the chosen task force (an admin or its lead)."""
    pressed, person = turn.pressed, turn.person
    assert isinstance(pressed, LinkGroup)
    if turn.incoming.chat_kind != "group" or person is None or person.id is None:
        turn.stale()
        return
    teams = {t.id: t for t in await sessions.task_forces(turn.uow())}
    team = teams.get(pressed.team)
    if team is None:
        turn.stale()
        return
    linked = await directory.link_group(turn.uow(), person.id, team.code, turn.incoming.chat_id)
    w = Texts(turn.deps.catalog, turn.language)
    turn.say("group-linked", edit=True, team=w.team(linked), name=person.name)

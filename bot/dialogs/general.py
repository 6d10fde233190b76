"""Help, language, cancelling, and the polite answers to what the bot cannot use."""

from __future__ import annotations

from bot.dialogs.turn import Turn
from bot.domain.people import Role
from bot.i18n.catalog import LANGUAGES
from bot.services import sessions


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
    buttons = tuple((turn.button(f"lang-name-{code}", f"g:lang:{code}"),) for code in LANGUAGES)
    turn.say("lang-choose", buttons=buttons)


async def press(turn: Turn) -> None:
    """A general button: so far, a language choice."""
    parts = (turn.incoming.button or "").split(":")
    if len(parts) == 3 and parts[1] == "lang" and parts[2] in LANGUAGES:
        if turn.person is None or turn.person.id is None:
            turn.say("need-registration")
            return
        await sessions.save_language(turn.uow(), turn.person.id, parts[2])
        turn.language = parts[2]
        turn.say("lang-set", edit=True)
        return
    await stale_button(turn)


async def cancel(turn: Turn) -> None:
    """Leave whatever dialog the person is in."""
    if turn.state is None:
        turn.say("cancel-nothing")
        return
    turn.forget()
    turn.say("cancel-done", remove_keyboard=True)


async def stale_button(turn: Turn) -> None:
    """A button the bot no longer knows (forged, or from an old message)."""
    turn.toast, turn.alert = turn.t("button-stale"), True


async def unknown_command(turn: Turn) -> None:
    """A command the bot does not have."""
    turn.say("command-unknown")


async def lost_state(turn: Turn) -> None:
    """A stored dialog step this version does not know: start over rather than guess."""
    turn.forget()
    turn.say("dialog-lost")

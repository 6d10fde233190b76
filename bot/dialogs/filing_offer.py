"""Free text outside a dialog: "File this as a new issue?", unless it is only noise (§10)."""

from __future__ import annotations

from bot.dialogs import filing
from bot.dialogs.general import show_help
from bot.dialogs.languages import substantive
from bot.dialogs.payloads import Offer
from bot.dialogs.turn import Turn
from bot.domain.people import Role


async def offer(turn: Turn) -> None:
    """Offer an enterprise member to file their free text as a new issue."""
    person = turn.person
    if person is None or Role.MEMBER not in person.roles:
        # Officials and newcomers are shown what they can do instead.
        await show_help(turn)
        return
    text = (turn.incoming.text or "").strip()
    if not text and turn.incoming.attachments:
        turn.say("offer-files-first")
        return
    if not substantive(text):
        turn.say("offer-nothing")
        return
    buttons = ((turn.button("offer-yes", Offer(True)), turn.button("offer-no", Offer(False))),)
    turn.remember("offer.file", text=text)
    turn.say("offer-file", buttons=buttons)


async def press_offer(turn: Turn) -> None:
    """Yes or No to filing the free text."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Offer)
    if state is None or state.name != "offer.file":
        turn.stale()
        return
    text = str(state.data.get("text", ""))
    turn.forget()
    if pressed.accept:
        await filing.begin(turn, first_text=text)
    else:
        turn.say("offer-declined", edit=True)


async def step_offer(turn: Turn) -> None:
    """Another message while the offer is open: offer that one instead."""
    turn.forget()
    await offer(turn)

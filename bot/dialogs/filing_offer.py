"""Free text or files outside a dialog (§10): added to an issue waiting for the enterprise's
information, or filed as a new issue; a bare "OK" gets a hint instead.

Further messages while the offer is open join it, so nothing sent is dropped; what is
chosen takes all of it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.dialogs import filing
from bot.dialogs.card_parts import Buttons
from bot.dialogs.general import show_help
from bot.dialogs.languages import substantive
from bot.dialogs.payloads import IssueCode, Offer, OnIssue, Verb
from bot.dialogs.turn import Turn, stamp_in, stamp_of
from bot.domain.model import Attachment, IssueState
from bot.domain.people import Role
from bot.services import teamwork
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, open_card

STEP = "offer.file"
# Issues offered to add to, the one asked most recently first.
MAX_WAITING = 3
WAITING = frozenset({IssueState.WAITING_ENTERPRISE})


async def offer(turn: Turn) -> None:
    """Offer an enterprise member to add their message to a waiting issue or file it."""
    person = turn.person
    if person is None or Role.MEMBER not in person.roles:
        # Officials and newcomers are shown what they can do instead.
        await show_help(turn)
        return
    if not _says_something(turn):
        turn.say("offer-nothing")
        return
    await _offer(turn, _joined(turn, {}))


async def step_offer(turn: Turn) -> None:
    """Another message while the offer is open: it joins what is offered."""
    assert turn.state is not None
    data = dict(turn.state.data)
    if _says_something(turn):
        data = _joined(turn, data)
    await _offer(turn, data)


async def press_offer(turn: Turn) -> None:
    """File it as a new issue, or not."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Offer)
    if state is None or state.name != STEP or pressed.stamp != stamp_of(state):
        turn.stale()
        return
    texts, files = _strings(state.data, "texts"), _files(state.data)
    turn.forget()
    if pressed.accept:
        await filing.begin(turn, texts, files)
    else:
        turn.say("offer-declined", edit=True)


async def press_supply(turn: Turn, pressed: OnIssue) -> None:
    """Add what is offered to the chosen issue, as the 补充材料 dialog would send it."""
    state, person = turn.state, turn.person
    if state is None or state.name != STEP or pressed.code not in _strings(state.data, "waiting"):
        turn.stale()
        return
    assert person is not None and person.id is not None
    # Checked as the 补充材料 button checks it; a refusal (the issue was answered meanwhile)
    # keeps the offer open for another choice.
    await open_card(turn.uow(), turn.ctx, person.id, pressed.code, turn.now, "supply_info")
    text = "\n".join(_strings(state.data, "texts")) or None
    files = tuple(Attachment(**f) for f in _files(state.data))
    await teamwork.supply_info(
        turn.uow(), turn.ctx, person.id, pressed.code, text, turn.now, files
    )
    turn.forget()
    turn.say("my-info-added", edit=True, code=pressed.code)


def _says_something(turn: Turn) -> bool:
    return bool(turn.incoming.attachments) or substantive((turn.incoming.text or "").strip())


def _joined(turn: Turn, data: dict[str, Any]) -> dict[str, Any]:
    """What is offered, with this message's words and files added."""
    text = (turn.incoming.text or "").strip()
    texts = [*_strings(data, "texts"), *([text] if text else [])]
    files = [*_files(data), *(asdict(a) for a in turn.incoming.attachments)]
    return {**data, "texts": texts, "files": files}


async def _offer(turn: Turn, data: dict[str, Any]) -> None:
    assert turn.person is not None and turn.person.id is not None
    found = await list_issues(turn.uow(), turn.person.id, IssueQuery(states=WAITING))
    found.sort(key=lambda i: i.waiting_since or i.filed_at, reverse=True)
    waiting = [i.code for i in found[:MAX_WAITING]]
    kept = {**data, "waiting": waiting}
    stamp = stamp_in(kept)
    turn.remember(STEP, **kept)
    no = turn.button("offer-no", Offer(False, stamp))
    if not waiting:
        yes = turn.button("offer-yes", Offer(True, stamp))
        turn.say("offer-file", buttons=((yes, no),), what=_what(data))
        return
    buttons: Buttons = (
        *(
            (turn.button("offer-supply-to", OnIssue(Verb.SUPPLY, IssueCode(c)), code=c),)
            for c in waiting
        ),
        (turn.button("offer-new-issue", Offer(True, stamp)), no),
    )
    turn.say("offer-supply", buttons=buttons, count=len(found), code=waiting[0])


def _what(data: dict[str, Any]) -> str:
    """What the offer's question calls what was sent: text, files, or several things."""
    texts, files = _strings(data, "texts"), _files(data)
    if not texts:
        return "files"
    return "text" if len(texts) == 1 and not files else "several"


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def _files(data: dict[str, Any]) -> list[dict[str, Any]]:
    value = data.get("files")
    return [dict(v) for v in value if isinstance(v, dict)] if isinstance(value, list) else []

"""Actions that take one written text: a reason, a note, an instruction (§5, §10).

Pressing the button checks at once that the person may take the action, so nobody types a
text the rules then refuse; the text is the next message in the person's private chat, and
the use case checks everything again when it acts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.dialogs.card_parts import Buttons
from bot.dialogs.payloads import OnIssue, Verb
from bot.dialogs.private_chat import remember, tell, texts, write
from bot.dialogs.turn import Turn
from bot.services import follow_up, teamwork
from bot.services.queries import open_card

STEP = "text"
Run = Callable[[Turn, int, str, str, dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Written:
    """An action that takes a text: the rule it needs, the prompt, and the use case."""

    action: str
    prompt: str
    done: str
    run: Run


async def _return(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await teamwork.return_issue(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _reject(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await teamwork.reject_issue(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _reopen(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await follow_up.reopen(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _not_solved(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await follow_up.reject_answer(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _withdraw(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await follow_up.withdraw(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _note(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await teamwork.note(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _instruct(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await follow_up.instruct(turn.uow(), turn.ctx, me, code, text, turn.now)


async def _transfer(turn: Turn, me: int, code: str, text: str, data: dict[str, Any]) -> None:
    team = str(data["team"])
    outcome = await teamwork.transfer(turn.uow(), turn.ctx, me, code, team, text, turn.now)
    pending = outcome.issue.pending
    if outcome.events[0].kind != "transferred" and pending is not None:
        # A request for the lead (or the office) to approve, not the transfer: say so.
        tell(turn, "card-transfer-requested", code=code, approver=pending.approver)


async def _extend(turn: Turn, me: int, code: str, text: str, data: dict[str, Any]) -> None:
    due = date.fromisoformat(str(data["due"]))
    outcome = await follow_up.request_extension(
        turn.uow(), turn.ctx, me, code, due, text, turn.now
    )
    pending = outcome.issue.pending
    approver = pending.approver if pending is not None else "lead"
    shown = texts(turn).day(due)
    tell(turn, "card-extension-requested", code=code, due=shown, approver=approver)


async def _deny(turn: Turn, me: int, code: str, text: str, _: dict[str, Any]) -> None:
    await follow_up.decide_request(turn.uow(), turn.ctx, me, code, False, turn.now, text)


WRITTEN: dict[Verb, Written] = {
    Verb.RETURN: Written("return", "team-ask-return-reason", "team-returned", _return),
    Verb.REJECT: Written("reject", "desk-ask-reject-reason", "desk-rejected", _reject),
    Verb.REOPEN: Written("reopen", "ask-reopen-reason", "reopened", _reopen),
    Verb.NOT_SOLVED: Written("reject_answer", "my-ask-reject", "my-rejected", _not_solved),
    Verb.WITHDRAW: Written("withdraw", "my-ask-withdraw", "my-withdrawn", _withdraw),
    Verb.NOTE: Written("note", "card-ask-note", "card-noted", _note),
    Verb.INSTRUCT: Written("instruct", "leader-ask-instruction", "leader-instructed", _instruct),
    Verb.TRANSFER_TO: Written(
        "transfer", "card-ask-transfer-reason", "card-transferred", _transfer
    ),
    Verb.DENY: Written("decide", "approval-ask-deny-reason", "decided-denied", _deny),
    Verb.EXTEND_TO: Written(
        "request_extension",
        "card-ask-extension-reason",
        "card-extension-requested",
        _extend,
    ),
}


async def begin(turn: Turn, pressed: OnIssue, buttons: Buttons = (), **data: Any) -> None:
    """Check the person may take the action now, then ask for its text."""
    person = turn.person
    written = WRITTEN[pressed.verb]
    if person is None or person.id is None:
        turn.say("need-registration")
        return
    await open_card(turn.uow(), turn.ctx, person.id, pressed.code, turn.now, written.action)
    remember(turn, f"{STEP}.{pressed.verb.value}", code=pressed.code, **data)
    prompt = turn.t(written.prompt, code=pressed.code, **_shown(turn, data))
    write(turn, prompt, (*buttons, turn.way_out()))


async def step(turn: Turn) -> None:
    """The text the person typed after pressing the action's button."""
    state, person = turn.state, turn.person
    assert state is not None
    verb = state.name.removeprefix(f"{STEP}.")
    written = next((w for v, w in WRITTEN.items() if v.value == verb), None)
    if written is None or person is None or person.id is None:
        turn.forget()
        turn.say("dialog-lost")
        return
    text = (turn.incoming.text or "").strip()
    if not text:
        turn.ask("card-need-text")
        return
    data, code = dict(state.data), str(state.data.get("code", ""))
    await turn.complete(written.run(turn, person.id, code, text, data))
    if not turn.replies:
        write(turn, turn.t(written.done, code=code, **_shown(turn, data)))


def _shown(turn: Turn, data: dict[str, Any]) -> dict[str, str]:
    """The step's facts as the prompt and the confirmation show them."""
    shown: dict[str, str] = {}
    if "due" in data:
        shown["due"] = texts(turn).day(date.fromisoformat(str(data["due"])))
    if "team_name" in data:
        shown["team"] = str(data["team_name"])
    return shown

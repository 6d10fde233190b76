"""Words for the other side, written over several messages with photos and files, then sent:
an official's reply, question or answer to the enterprise, the enterprise's added information.

As when filing: every message adds to the draft, and one press sends it all (§10).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from bot.dialogs.payloads import IssueCode, OnIssue, Verb
from bot.dialogs.private_chat import ask, remember
from bot.dialogs.turn import Turn, stamp_of
from bot.domain.model import Attachment
from bot.services import teamwork
from bot.services.queries import open_card

STEP = "draft"
Send = Callable[[Turn, int, str, str | None, tuple[Attachment, ...]], Awaitable[None]]


@dataclass(frozen=True)
class Draft:
    """A kind of draft: the rule it needs, its texts, whether words are required, and how it
    is sent."""

    action: str
    prompt: str
    added: str
    done: str
    needs_text: bool
    send: Send


async def _reply(
    turn: Turn, me: int, code: str, text: str | None, files: tuple[Attachment, ...]
) -> None:
    await teamwork.reply(turn.uow(), turn.ctx, me, code, text or "", turn.now, files)


async def _ask(
    turn: Turn, me: int, code: str, text: str | None, files: tuple[Attachment, ...]
) -> None:
    await teamwork.ask_info(turn.uow(), turn.ctx, me, code, text or "", turn.now, files)


async def _resolve(
    turn: Turn, me: int, code: str, text: str | None, files: tuple[Attachment, ...]
) -> None:
    await teamwork.resolve(turn.uow(), turn.ctx, me, code, text or "", turn.now, files)


async def _supply(
    turn: Turn, me: int, code: str, text: str | None, files: tuple[Attachment, ...]
) -> None:
    await teamwork.supply_info(turn.uow(), turn.ctx, me, code, text, turn.now, files)


DRAFTS: dict[Verb, Draft] = {
    Verb.REPLY: Draft("reply", "card-ask-reply", "draft-reply", "card-replied", True, _reply),
    Verb.ASK: Draft("ask_info", "card-ask-question", "draft-question", "card-asked", True, _ask),
    Verb.RESOLVE: Draft(
        "resolve", "card-ask-resolution", "draft-resolution", "card-resolved", True, _resolve
    ),
    Verb.ADD_INFO: Draft(
        "supply_info", "my-ask-info", "draft-info", "my-info-added", False, _supply
    ),
}


async def begin(turn: Turn, pressed: OnIssue) -> None:
    """Check the person may take the action now, then ask for the words and files."""
    person = turn.person
    draft = DRAFTS[pressed.verb]
    if person is None or person.id is None:
        turn.say("need-registration")
        return
    await open_card(turn.uow(), turn.ctx, person.id, pressed.code, turn.now, draft.action)
    remember(turn, f"{STEP}.{pressed.verb.value}", code=pressed.code, texts=[], files=[])
    ask(turn, draft.prompt, code=pressed.code)


async def step(turn: Turn) -> None:
    """Another message of the draft: its words and files are added; Send sends them all."""
    state = turn.state
    assert state is not None
    draft = _draft_of(state.name)
    if draft is None:
        turn.forget()
        turn.say("dialog-lost")
        return
    incoming, data = turn.incoming, dict(state.data)
    if not incoming.text and not incoming.attachments:
        turn.ask("draft-need-content")
        return
    words = [incoming.text.strip()] if incoming.text else []
    texts: list[str] = [*_strings(data.get("texts")), *words]
    files = [*_dicts(data.get("files")), *map(asdict, incoming.attachments)]
    data.update(texts=[t for t in texts if t], files=files)
    turn.remember(state.name, **data)
    code = IssueCode(str(data.get("code", "")))
    # Send names this draft by its stamp: an older draft's Send cannot send this one.
    send = ((turn.button("draft-send", OnIssue(Verb.SEND, code, turn.stamp)),),)
    turn.ask(
        draft.added,
        buttons=send,
        code=code,
        text="\n".join(_strings(data["texts"])) or turn.t("draft-no-words"),
        files=len(files),
    )


async def send(turn: Turn, pressed: OnIssue) -> None:
    """Send what the draft holds, once; a Send from an older draft is stale."""
    state, person = turn.state, turn.person
    draft = _draft_of(state.name) if state is not None else None
    if (
        state is None
        or draft is None
        or state.data.get("code") != pressed.code
        or pressed.arg != stamp_of(state)
    ):
        turn.stale()
        return
    assert person is not None and person.id is not None
    text = "\n".join(_strings(state.data.get("texts"))) or None
    if draft.needs_text and text is None:
        turn.ask("draft-need-words", code=pressed.code)
        return
    files = tuple(Attachment(**f) for f in _dicts(state.data.get("files")))
    await turn.complete(draft.send(turn, person.id, pressed.code, text, files))
    # The draft's last message becomes the confirmation: its Send and Cancel are spent.
    turn.say(draft.done, edit=True, code=pressed.code)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _dicts(value: object) -> list[dict[str, Any]]:
    return [dict(v) for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _draft_of(name: str) -> Draft | None:
    verb = name.removeprefix(f"{STEP}.")
    return next((d for v, d in DRAFTS.items() if v.value == verb), None)

"""/new: project, description over several messages, Done, urgency, summary, Submit (§10)."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any

from bot.dialogs.cards import Texts
from bot.dialogs.general import show_help, stale_button
from bot.dialogs.turn import Turn
from bot.domain.model import Attachment, Urgency
from bot.domain.people import Role
from bot.i18n.detection import detect_language
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.filing import FilingRequest, file_issue, preview_route

MAX_PROJECT_BUTTONS = 10


async def begin(turn: Turn, first_text: str | None = None) -> None:
    """Start filing: pick the project (skipped when there is only one), then describe."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        turn.say("start-in-private")
        return
    if person is None or Role.MEMBER not in person.roles or person.enterprise_id is None:
        turn.say("need-registration")
        return
    data: dict[str, Any] = {
        "texts": [first_text] if first_text else [],
        "files": [],
        # Names this filing: a Submit handled twice (a crash, a retry) files it once.
        "draft": secrets.token_hex(8),
    }
    projects = await sessions.projects_of(turn.uow(), person.enterprise_id)
    if len(projects) > 1:
        rows = [
            (turn.button("filing-project", f"f:p:{p.id}", name=p.name),)
            for p in projects[:MAX_PROJECT_BUTTONS]
        ]
        rows.append((turn.button("filing-no-project", "f:p:0"),))
        turn.remember("filing.project", **data)
        turn.say("filing-ask-project", buttons=tuple(rows))
        return
    data["project_id"] = projects[0].id if projects else None
    await _describe(turn, data)


async def offer(turn: Turn) -> None:
    """Free text outside a dialog: offer an enterprise member to file it as a new issue."""
    person = turn.person
    if person is None or Role.MEMBER not in person.roles:
        # Officials and newcomers are shown what they can do instead.
        await show_help(turn)
        return
    text = (turn.incoming.text or "").strip()
    if not text:
        turn.say("offer-nothing")
        return
    buttons = ((turn.button("offer-yes", "o:y"), turn.button("offer-no", "o:n")),)
    turn.remember("offer.file", text=text)
    turn.say("offer-file", buttons=buttons)


async def press_offer(turn: Turn) -> None:
    """Yes or No to filing the free text."""
    state = turn.state
    if state is None or state.name != "offer.file":
        await stale_button(turn)
        return
    text = str(state.data.get("text", ""))
    turn.forget()
    if turn.incoming.button == "o:y":
        await begin(turn, first_text=text)
    else:
        turn.say("offer-declined", edit=True)


async def step(turn: Turn) -> None:
    """A message while filing: part of the description, or a nudge to use the buttons."""
    state = turn.state
    assert state is not None
    if state.name != "filing.describe":
        turn.say("filing-use-buttons")
        return
    data: dict[str, Any] = dict(state.data)
    incoming = turn.incoming
    texts: list[str] = list(data.get("texts", []))
    files: list[dict[str, Any]] = list(data.get("files", []))
    if incoming.text:
        texts.append(incoming.text.strip())
    files.extend(asdict(a) for a in incoming.attachments)
    data.update(texts=texts, files=files)
    if not incoming.text and not incoming.attachments:
        turn.say("filing-need-description")
        return
    turn.remember("filing.describe", **data)
    done = ((turn.button("filing-done-button", "f:done"),),)
    turn.say("filing-added", buttons=done, parts=len(data["texts"]), files=len(data["files"]))


async def step_offer(turn: Turn) -> None:
    """Another message while the offer is open: offer that one instead."""
    turn.forget()
    await offer(turn)


async def press(turn: Turn) -> None:
    """The filing dialog's buttons; a button from another step is stale."""
    state = turn.state
    payload = (turn.incoming.button or "").split(":")
    if state is None or not state.name.startswith("filing."):
        await stale_button(turn)
        return
    data = dict(state.data)
    action = payload[1] if len(payload) > 1 else ""
    value = payload[2] if len(payload) > 2 else ""
    if action in ("p", "tf", "u") and not value:
        await stale_button(turn)
    elif action == "p" and state.name == "filing.project":
        if not (value.isascii() and value.isdecimal()):
            await stale_button(turn)
            return
        data["project_id"] = int(value) or None
        await _describe(turn, data)
    elif action == "done" and state.name == "filing.describe":
        await _after_description(turn, data)
    elif action == "tf" and state.name == "filing.route":
        data["task_force"] = value if value != "-" else None
        await _ask_urgency(turn, data)
    elif action == "u" and state.name == "filing.urgency":
        data["urgency"] = "urgent" if value == "u" else "normal"
        await _summarise(turn, data)
    elif action == "ok" and state.name == "filing.confirm":
        await _submit(turn, data)
    elif action == "edit" and state.name == "filing.confirm":
        await _describe(turn, {**data, "texts": [], "files": []})
    elif action == "no":
        turn.forget()
        turn.say("filing-cancelled", edit=True)
    else:
        await stale_button(turn)


async def _describe(turn: Turn, data: dict[str, Any]) -> None:
    turn.remember("filing.describe", **data)
    if data.get("texts"):
        done = ((turn.button("filing-done-button", "f:done"),),)
        turn.say("filing-added", buttons=done, parts=len(data["texts"]), files=0)
    else:
        turn.say("filing-ask-description")


async def _after_description(turn: Turn, data: dict[str, Any]) -> None:
    if not data.get("texts"):
        turn.say("filing-need-description")
        return
    if data.get("project_id") is None:
        text = "\n".join(data["texts"])
        decision = await preview_route(turn.uow(), turn.ctx, text)
        if decision.suggestions:
            teams = {t.code: t for t in await sessions.task_forces(turn.uow())}
            words = Texts(turn.deps.catalog, turn.language)
            rows = [
                (
                    turn.button(
                        "filing-task-force",
                        f"f:tf:{s.code}",
                        name=words.team(teams.get(s.code)),
                    ),
                )
                for s in decision.suggestions
            ]
            rows.append((turn.button("filing-not-sure", "f:tf:-"),))
            turn.remember("filing.route", **data)
            turn.say("filing-ask-task-force", buttons=tuple(rows))
            return
    await _ask_urgency(turn, data)


def _request_key(turn: Turn, data: dict[str, Any]) -> str | None:
    draft = data.get("draft")
    if not isinstance(draft, str):
        return None  # a draft kept from before drafts had names
    return f"{turn.incoming.channel}:{turn.incoming.user_id}:{draft}"


async def _ask_urgency(turn: Turn, data: dict[str, Any]) -> None:
    turn.remember("filing.urgency", **data)
    buttons = ((turn.button("urgency-normal", "f:u:n"), turn.button("urgency-urgent", "f:u:u")),)
    turn.say("filing-ask-urgency", buttons=buttons)


async def _summarise(turn: Turn, data: dict[str, Any]) -> None:
    turn.remember("filing.confirm", **data)
    buttons = (
        (
            turn.button("filing-submit", "f:ok"),
            turn.button("filing-edit", "f:edit"),
            turn.button("filing-cancel", "f:no"),
        ),
    )
    turn.say(
        "filing-summary",
        buttons=buttons,
        text="\n".join(data["texts"]),
        files=len(data.get("files", [])),
        urgency=turn.t(f"urgency-{data['urgency']}"),
    )


async def _submit(turn: Turn, data: dict[str, Any]) -> None:
    assert turn.person is not None and turn.person.id is not None
    text = "\n".join(data["texts"])
    request = FilingRequest(
        text=text,
        urgency=Urgency(data.get("urgency", "normal")),
        project_id=data.get("project_id"),
        task_force_code=data.get("task_force"),
        attachments=tuple(Attachment(**f) for f in data.get("files", [])),
        # The language of the problem as written, else the one the person is served in.
        language=detect_language(text) or turn.language,
        request_key=_request_key(turn, data),
    )
    outcome = await file_issue(turn.uow(), turn.ctx, turn.person.id, request, turn.now)
    turn.forget()
    due = outcome.issue.next_due()
    shown = format_moment(due, turn.language, turn.ctx.calendar.tz, turn.now) if due else "-"
    turn.say("filing-filed", edit=True, code=outcome.issue.code, due=shown)

"""/new: project, description over several messages, Done, category, urgency, summary (§10).

The category is inferred from the description's words and asked for only when they say
nothing clear; with one project and a clear category, filing takes four taps.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.payloads import Category, Filing, FilingStep, Slug
from bot.dialogs.turn import Turn
from bot.domain.model import Attachment, Urgency
from bot.domain.people import Role
from bot.domain.routing import infer_category
from bot.i18n.detection import detect_language
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.filing import FilingRequest, file_issue, preview_route

MAX_PROJECT_BUTTONS = 10
FALLBACK_CATEGORY = "other"


async def begin(turn: Turn, first_text: str | None = None) -> None:
    """Start filing: pick the project (skipped when there is only one), then describe."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        turn.say("start-in-private")
        return
    if person is not None and person.roles and Role.MEMBER not in person.roles:
        turn.say("new-for-enterprises")
        return
    if person is None or person.enterprise_id is None:
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
            (turn.button("filing-project", Filing(FilingStep.PROJECT, p.id), name=p.name),)
            for p in projects[:MAX_PROJECT_BUTTONS]
            if p.id is not None
        ]
        rows.append((turn.button("filing-no-project", Filing(FilingStep.PROJECT, 0)),))
        turn.remember("filing.project", **data)
        turn.ask("filing-ask-project", buttons=tuple(rows))
        return
    data["project_id"] = projects[0].id if projects else None
    await _describe(turn, data)


async def step(turn: Turn) -> None:
    """A message while filing: part of the description, or a nudge to use the buttons."""
    state = turn.state
    assert state is not None
    if state.name != "filing.describe":
        turn.ask("filing-use-buttons")
        return
    data: dict[str, Any] = dict(state.data)
    incoming = turn.incoming
    if not incoming.text and not incoming.attachments:
        turn.ask("filing-need-description")
        return
    texts: list[str] = list(data.get("texts", []))
    if incoming.text and incoming.text.strip():
        texts.append(incoming.text.strip())
    files = [*data.get("files", []), *(asdict(a) for a in incoming.attachments)]
    data.update(texts=texts, files=files)
    turn.remember("filing.describe", **data)
    _added(turn, data)


async def press(turn: Turn) -> None:
    """The filing dialog's buttons; a button from another step is stale."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Filing)
    if state is None or not state.name.startswith("filing."):
        turn.stale()
        return
    data, step_name, what = dict(state.data), state.name, pressed.step
    if what is FilingStep.PROJECT and step_name == "filing.project":
        if not await _own_project(turn, pressed.value):
            turn.stale()
            return
        data["project_id"] = pressed.value or None
        await _describe(turn, data)
    elif what is FilingStep.DONE and step_name == "filing.describe":
        await _after_description(turn, data)
    elif what is FilingStep.TEAM and step_name == "filing.route":
        teams = {t.id: t.code for t in await sessions.task_forces(turn.uow())}
        if pressed.value and pressed.value not in teams:
            turn.stale()
            return
        data["task_force"] = teams.get(pressed.value) if pressed.value else None
        await _ask_category(turn, data)
    elif what is FilingStep.URGENCY and step_name == "filing.urgency":
        data["urgency"] = "urgent" if pressed.value == 1 else "normal"
        await _summarise(turn, data)
    elif what is FilingStep.CHANGE_CATEGORY and step_name == "filing.confirm":
        await _ask_category(turn, {**data, "category": None}, force=True)
    elif what is FilingStep.SUBMIT and step_name == "filing.confirm":
        await _submit(turn, data)
    elif what is FilingStep.EDIT and step_name == "filing.confirm":
        await _describe(turn, {**data, "texts": [], "files": []})
    else:
        turn.stale()


async def press_category(turn: Turn) -> None:
    """A category picked while filing."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Category)
    if state is None or state.name != "filing.category" or turn.ctx.category(pressed.code) is None:
        turn.stale()
        return
    data = {**state.data, "category": pressed.code}
    if data.get("urgency"):
        await _summarise(turn, data)
    else:
        await _ask_urgency(turn, data)


async def _own_project(turn: Turn, project_id: int | None) -> bool:
    if project_id == 0:
        return True
    person = turn.person
    if person is None or person.enterprise_id is None:
        return False
    projects = await sessions.projects_of(turn.uow(), person.enterprise_id)
    return any(p.id == project_id for p in projects)


async def _describe(turn: Turn, data: dict[str, Any]) -> None:
    turn.remember("filing.describe", **data)
    if data.get("texts"):
        _added(turn, data)
    else:
        turn.ask("filing-ask-description")


def _added(turn: Turn, data: dict[str, Any]) -> None:
    done = ((turn.button("filing-done-button", Filing(FilingStep.DONE)),),)
    turn.ask(
        "filing-added", buttons=done, parts=len(data["texts"]), files=len(data.get("files", []))
    )


async def _after_description(turn: Turn, data: dict[str, Any]) -> None:
    if not data.get("texts"):
        turn.ask("filing-need-description")
        return
    if data.get("project_id") is None:
        decision = await preview_route(turn.uow(), turn.ctx, "\n".join(data["texts"]))
        if decision.suggestions:
            teams = {t.id: t for t in await sessions.task_forces(turn.uow())}
            words = Texts(turn.deps.catalog, turn.language)
            rows = [
                (
                    turn.button(
                        "filing-task-force",
                        Filing(FilingStep.TEAM, s.task_force_id),
                        name=words.team(teams.get(s.task_force_id)),
                    ),
                )
                for s in decision.suggestions
            ]
            rows.append((turn.button("filing-not-sure", Filing(FilingStep.TEAM, 0)),))
            turn.remember("filing.route", **data)
            turn.ask("filing-ask-task-force", buttons=tuple(rows))
            return
    await _ask_category(turn, data)


async def _ask_category(turn: Turn, data: dict[str, Any], force: bool = False) -> None:
    """The category the words suggest; asked with one tap only when they suggest none."""
    if not force and not data.get("category"):
        text = "\n".join(data.get("texts", []))
        data["category"] = infer_category(turn.ctx.tokenize(text), turn.ctx.categories)
    if data.get("category") and not force:
        await _ask_urgency(turn, data)
        return
    w = Texts(turn.deps.catalog, turn.language)
    buttons = [
        turn.button("filing-category", Category(Slug(c.code)), name=_name(w, c.code, turn))
        for c in turn.ctx.categories
    ]
    turn.remember("filing.category", **data)
    turn.ask("filing-ask-category", buttons=rows_of(buttons, 3))


async def _ask_urgency(turn: Turn, data: dict[str, Any]) -> None:
    turn.remember("filing.urgency", **data)
    buttons = (
        (
            turn.button("urgency-normal", Filing(FilingStep.URGENCY, 0)),
            turn.button("urgency-urgent", Filing(FilingStep.URGENCY, 1)),
        ),
    )
    turn.ask("filing-ask-urgency", buttons=buttons)


async def _summarise(turn: Turn, data: dict[str, Any]) -> None:
    turn.remember("filing.confirm", **data)
    buttons = (
        (
            turn.button("filing-submit", Filing(FilingStep.SUBMIT)),
            turn.button("filing-edit", Filing(FilingStep.EDIT)),
        ),
        (turn.button("filing-change-category", Filing(FilingStep.CHANGE_CATEGORY)),),
    )
    w = Texts(turn.deps.catalog, turn.language)
    turn.ask(
        "filing-summary",
        buttons=buttons,
        text="\n".join(data["texts"]),
        files=len(data.get("files", [])),
        urgency=turn.t(f"urgency-{data['urgency']}"),
        category=_name(w, str(data.get("category") or FALLBACK_CATEGORY), turn),
    )


def _name(w: Texts, code: str, turn: Turn) -> str:
    category = turn.ctx.category(code)
    if category is None:
        return code
    return category.name_zh if w.language == "zh" else category.name_en


def _request_key(turn: Turn, data: dict[str, Any]) -> str | None:
    draft = data.get("draft")
    if not isinstance(draft, str):
        return None  # a draft kept from before drafts had names
    return f"{turn.incoming.channel}:{turn.incoming.user_id}:{draft}"


async def _submit(turn: Turn, data: dict[str, Any]) -> None:
    assert turn.person is not None and turn.person.id is not None
    text = "\n".join(data["texts"])
    category = str(data.get("category") or FALLBACK_CATEGORY)
    request = FilingRequest(
        text=text,
        category=category if turn.ctx.category(category) else FALLBACK_CATEGORY,
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

"""/new: project, description over several messages, Done, category, urgency, summary (§10).

The category is inferred from the description's words and asked for only when they say
nothing clear; with one project and a clear category, filing takes four taps. After the
summary's Edit (filing_summary) only what is still open is asked again.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from bot.dialogs.card_parts import Buttons, Texts, rows_of
from bot.dialogs.events import Button
from bot.dialogs.filing_summary import category_name, edit, projects, submit, summarise
from bot.dialogs.payloads import Category, Filing, FilingStep, Page, Picker, Slug
from bot.dialogs.turn import Turn, stamp_in, stamp_of
from bot.domain.model import Project
from bot.domain.people import Role
from bot.domain.routing import infer_category
from bot.services import sessions
from bot.services.filing import preview_route

MAX_PROJECT_BUTTONS = 10
# The urgency buttons' values and what they choose.
CHOICES = ((0, "normal"), (1, "urgent"))
Row = tuple[Button, ...]
# What the words decided: a description started over has them decided anew.
FROM_THE_WORDS = ("category", "task_force")


async def begin(
    turn: Turn, texts: Sequence[str] = (), files: Sequence[dict[str, Any]] = ()
) -> None:
    """Start filing, with what was already sent: the project (skipped when there is only
    one), then the description."""
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
        "texts": list(texts),
        "files": list(files),
        # Names this filing: a Submit handled twice (a crash, a retry) files it once.
        "draft": secrets.token_hex(8),
    }
    found = await projects(turn)
    if len(found) > 1:
        _ask_project(turn, data, found)
        return
    data["project_id"] = found[0].id if found else None
    _describe(turn, data)


async def step(turn: Turn) -> None:
    """A message while filing: part of the description, or a nudge to use the buttons."""
    state = turn.state
    assert state is not None
    data: dict[str, Any] = dict(state.data)
    incoming = turn.incoming
    words = incoming.text.strip() if incoming.text else ""
    if not words and not incoming.attachments:
        if state.name == "filing.describe":
            turn.ask("filing-need-description")
        else:
            turn.ask("filing-use-buttons")
        return
    texts: list[str] = [*data.get("texts", []), *([words] if words else [])]
    files = [*data.get("files", []), *(asdict(a) for a in incoming.attachments)]
    data.update(texts=texts, files=files)
    if state.name == "filing.describe":
        turn.remember("filing.describe", **data)
        _added(turn, data)
        return
    # Words or files sent at a button step belong to the description: kept, never dropped,
    # and the step is asked again (the summary shows them).
    turn.say("filing-kept-in-description", parts=len(texts), files=len(files))
    if state.name == "filing.project":
        _ask_project(turn, data, await projects(turn))
    else:
        await _proceed(turn, data)


async def press(turn: Turn) -> None:
    """The filing dialog's buttons; a button from another step is stale."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Filing)
    if state is None or not state.name.startswith("filing.") or pressed.stamp != stamp_of(state):
        turn.stale()  # another step, or a button of an earlier filing
        return
    data, at, what = dict(state.data), state.name.removeprefix("filing."), pressed.step
    if what is FilingStep.PROJECT and at == "project":
        if not await _own_project(turn, pressed.value):
            turn.stale()
            return
        data["project_id"] = pressed.value or None
        data.pop("task_force", None)
        if data.get("urgency"):
            await _proceed(turn, data)  # changed from the summary's Edit
        else:
            _describe(turn, data)
    elif what is FilingStep.DONE and at == "describe":
        await _proceed(turn, data)
    elif what is FilingStep.TEAM and at == "route":
        teams = {t.id: t.code for t in await sessions.task_forces(turn.uow())}
        if pressed.value and pressed.value not in teams:
            turn.stale()
            return
        data["task_force"] = teams.get(pressed.value) if pressed.value else None
        await _proceed(turn, data)
    elif what is FilingStep.URGENCY and at == "urgency":
        data["urgency"] = dict(CHOICES).get(pressed.value or 0, "normal")
        await _proceed(turn, data)
    elif what is FilingStep.CHANGE_CATEGORY and at == "confirm":
        _ask_category(turn, data)
    elif what is FilingStep.SUBMIT and at == "confirm":
        await submit(turn, data)
    elif what is FilingStep.EDIT and at == "confirm":
        await edit(turn, data)
    elif what is FilingStep.RESTART and at == "describe":
        kept = {k: v for k, v in data.items() if k not in FROM_THE_WORDS}
        _describe(turn, {**kept, "texts": [], "files": []})
    elif what is FilingStep.CHANGE_PROJECT and at == "describe":
        _ask_project(turn, data, await projects(turn))
    elif what is FilingStep.CHANGE_URGENCY and at == "describe":
        _ask_urgency(turn, data)
    else:
        turn.stale()


async def press_category(turn: Turn) -> None:
    """A category picked while filing."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Category)
    if (
        state is None
        or state.name != "filing.category"
        or pressed.stamp != stamp_of(state)
        or turn.ctx.category(pressed.code) is None
    ):
        turn.stale()
        return
    await _proceed(turn, {**state.data, "category": pressed.code})


async def _own_project(turn: Turn, project_id: int | None) -> bool:
    return project_id == 0 or any(p.id == project_id for p in await projects(turn))


async def press_page(turn: Turn) -> None:
    """Another page of the projects, task forces or categories the filing dialog offers."""
    state, pressed = turn.state, turn.pressed
    assert isinstance(pressed, Page)
    if state is None or not state.name.startswith("filing.") or pressed.ref != stamp_of(state):
        turn.stale()
        return
    data, page = dict(state.data), pressed.page
    if state.name == "filing.project":
        _ask_project(turn, data, await projects(turn), page)
    elif state.name == "filing.category":
        _ask_category(turn, data, page)
    elif state.name != "filing.route" or not await _ask_task_force(turn, data, page):
        turn.stale()


def _ask_project(turn: Turn, data: dict[str, Any], found: list[Project], page: int = 0) -> None:
    stamp = stamp_in(data)
    rows = tuple(
        (turn.button("filing-project", Filing(FilingStep.PROJECT, stamp, p.id), name=p.name),)
        for p in found[:MAX_PROJECT_BUTTONS]
        if p.id is not None
    )
    none = (turn.button("filing-no-project", Filing(FilingStep.PROJECT, stamp, 0)),)
    turn.remember("filing.project", **data)
    _pick(turn, "filing-ask-project", rows, stamp, page, none)


def _describe(turn: Turn, data: dict[str, Any]) -> None:
    """The description step, saying what it holds already (sent before it began)."""
    stamp_in(data)  # before the state is kept: the Done button carries the same stamp
    turn.remember("filing.describe", **data)
    if data.get("texts") or data.get("files"):
        _added(turn, data)
    else:
        turn.ask("filing-ask-description")


def _added(turn: Turn, data: dict[str, Any]) -> None:
    stamp = stamp_in(data)
    done = ((turn.button("filing-done-button", Filing(FilingStep.DONE, stamp)),),)
    turn.ask(
        "filing-added", buttons=done, parts=len(data["texts"]), files=len(data.get("files", []))
    )


async def _proceed(turn: Turn, data: dict[str, Any]) -> None:
    """Ask the first question still open (task force, category, urgency), else summarise."""
    if not data.get("texts"):
        turn.remember("filing.describe", **data)
        turn.ask("filing-need-description")
        return
    if data.get("project_id") is None and "task_force" not in data:
        if await _ask_task_force(turn, data):
            return
        data["task_force"] = None  # no task force fits the words: the office dispatches
    if not data.get("category"):
        text = "\n".join(data["texts"])
        data["category"] = infer_category(turn.ctx.tokenize(text), turn.ctx.categories)
    if not data.get("category"):
        _ask_category(turn, data)
    elif not data.get("urgency"):
        _ask_urgency(turn, data)
    else:
        await summarise(turn, data)


def _pick(turn: Turn, key: str, rows: Buttons, stamp: int, page: int, *last: Row) -> None:
    """A step's prompt with its choices, from page `page` where they do not all fit, then
    the `last` rows and Cancel; a page asked for takes the place of the one pressed."""
    tail = (*last, turn.way_out())
    shown = turn.page(rows, lambda n: Page(Picker.FILING, n, stamp), page, tail, width=2)
    turn.say(key, buttons=shown, edit=turn.paging)


async def _ask_task_force(turn: Turn, data: dict[str, Any], page: int = 0) -> bool:
    """Offer the task forces the words suggest; False when they suggest none."""
    stamp = stamp_in(data)
    decision = await preview_route(turn.uow(), turn.ctx, "\n".join(data["texts"]))
    if not decision.suggestions:
        return False
    teams = {t.id: t for t in await sessions.task_forces(turn.uow())}
    words = Texts(turn.deps.catalog, turn.language)
    rows = tuple(
        (
            turn.button(
                "filing-task-force",
                Filing(FilingStep.TEAM, stamp, s.task_force_id),
                name=words.team(teams.get(s.task_force_id)),
            ),
        )
        for s in decision.suggestions
    )
    unsure = (turn.button("filing-not-sure", Filing(FilingStep.TEAM, stamp, 0)),)
    turn.remember("filing.route", **data)
    _pick(turn, "filing-ask-task-force", rows, stamp, page, unsure)
    return True


def _ask_category(turn: Turn, data: dict[str, Any], page: int = 0) -> None:
    stamp = stamp_in(data)
    buttons = [
        turn.button(
            "filing-category",
            Category(stamp, Slug(c.code)),
            name=category_name(turn, c.code),
        )
        for c in turn.ctx.categories
    ]
    turn.remember("filing.category", **data)
    _pick(turn, "filing-ask-category", rows_of(buttons, 3), stamp, page)


def _ask_urgency(turn: Turn, data: dict[str, Any]) -> None:
    stamp = stamp_in(data)
    turn.remember("filing.urgency", **data)
    choices = [
        turn.button(f"urgency-{u}", Filing(FilingStep.URGENCY, stamp, n)) for n, u in CHOICES
    ]
    turn.ask("filing-ask-urgency", buttons=(tuple(choices),))

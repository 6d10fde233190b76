"""The end of /new: the summary (naming the project), Edit, which keeps what was given, and
Submit, which files the issue once however often it is pressed (§10)."""

from __future__ import annotations

from typing import Any

from bot.dialogs.card_parts import Buttons
from bot.dialogs.payloads import Filing, FilingStep
from bot.dialogs.turn import Turn, stamp_in
from bot.domain.model import Attachment, Project, Urgency
from bot.i18n.detection import detect_language
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.filing import FilingRequest, file_issue

FALLBACK_CATEGORY = "other"


async def projects(turn: Turn) -> list[Project]:
    """The projects of the person's enterprise, oldest first."""
    person = turn.person
    if person is None or person.enterprise_id is None:
        return []
    return await sessions.projects_of(turn.uow(), person.enterprise_id)


def category_name(turn: Turn, code: str) -> str:
    """A category as the person reads it."""
    category = turn.ctx.category(code)
    if category is None:
        return code
    return category.name_zh if turn.language == "zh" else category.name_en


async def summarise(turn: Turn, data: dict[str, Any]) -> None:
    """Everything the issue will say, with Submit, Edit and Change category."""
    stamp = stamp_in(data)
    turn.remember("filing.confirm", **data)
    buttons = (
        (
            turn.button("filing-submit", Filing(FilingStep.SUBMIT, stamp)),
            turn.button("filing-edit", Filing(FilingStep.EDIT, stamp)),
        ),
        (turn.button("filing-change-category", Filing(FilingStep.CHANGE_CATEGORY, stamp)),),
    )
    names = {p.id: p.name for p in await projects(turn)}
    project = names.get(data.get("project_id")) or turn.t("filing-summary-no-project")
    turn.ask(
        "filing-summary",
        buttons=buttons,
        text="\n".join(data["texts"]),
        files=len(data.get("files", [])),
        project=project,
        urgency=turn.t(f"urgency-{data['urgency']}"),
        category=category_name(turn, str(data.get("category") or FALLBACK_CATEGORY)),
    )


async def edit(turn: Turn, data: dict[str, Any]) -> None:
    """Back to the description, keeping it: say what is kept and what else may change."""
    stamp = stamp_in(data)
    turn.remember("filing.describe", **data)
    changes = [turn.button("filing-change-urgency", Filing(FilingStep.CHANGE_URGENCY, stamp))]
    if await projects(turn):
        changes.insert(
            0,
            turn.button("filing-change-project", Filing(FilingStep.CHANGE_PROJECT, stamp)),
        )
    buttons: Buttons = (
        (turn.button("filing-done-button", Filing(FilingStep.DONE, stamp)),),
        (turn.button("filing-restart", Filing(FilingStep.RESTART, stamp)),),
        tuple(changes),
    )
    texts, files = data.get("texts", []), data.get("files", [])
    turn.ask("filing-editing", buttons=buttons, parts=len(texts), files=len(files))


async def submit(turn: Turn, data: dict[str, Any]) -> None:
    """File the issue the summary shows and say its code and next deadline."""
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


def _request_key(turn: Turn, data: dict[str, Any]) -> str | None:
    draft = data.get("draft")
    if not isinstance(draft, str):
        return None  # a draft kept from before drafts had names
    return f"{turn.incoming.channel}:{turn.incoming.user_id}:{draft}"

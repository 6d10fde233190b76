"""Cards for officials: the group post, the officer's and the leader's card, a request (§10).

Pure functions over an IssueView and what surrounds it, so that the dialogs and the notice
renderer show the same card. Times are shown in the calendar's time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from bot.dialogs.events import Button
from bot.domain.model import ClockName, Issue, IssueEvent, IssueState, Project, TaskForce
from bot.i18n.catalog import Catalog
from bot.i18n.formatting import format_amount, format_moment
from bot.services.queries import IssueView

Buttons = tuple[tuple[Button, ...], ...]
Card = tuple[str, Buttons]
EXCERPT = 120
TIMELINE_SHOWN = 10
EVENT_TEXT_SHOWN = 200
# The languages an enterprise's text may be found to be in (detection knows more than the bot
# speaks).
DETECTED = ("zh", "en", "ja", "ko")
# Mainland mobile numbers (optionally +86) and landlines with an area code.
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?\d{7,8}(?!\d)")


@dataclass(frozen=True)
class Texts:
    """The catalog in one reader's language."""

    catalog: Catalog
    language: str

    def t(self, key: str, **params: Any) -> str:
        """A text in the reader's language."""
        return self.catalog.text(self.language, key, **params)

    def button(self, key: str, payload: str, **params: Any) -> Button:
        """A button labelled in the reader's language."""
        return Button(self.t(key, **params), payload)

    def team(self, team: TaskForce | None) -> str:
        """A task force's name in the reader's language."""
        if team is None:
            return self.t("card-no-task-force")
        return team.name_zh if self.language == "zh" else team.name_en


def mask_phones(text: str) -> str:
    """Hide the middle of phone numbers in text that a group reads (§14)."""
    text = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return LANDLINE.sub(lambda m: f"{m.group(1)}-********", text)


def rating_buttons(code: str) -> Buttons:
    """The 1–5 stars an enterprise rates an issue with, in one row."""
    return (tuple(Button("★" * n, f"m:s:{code}:{n}") for n in range(1, 6)),)


def render_group_post(
    catalog: Catalog,
    language: str,
    view: IssueView,
    *,
    project: Project | None,
    tz: tzinfo,
    signed_by: str | None = None,
) -> Card:
    """The task force's group post: Claim, Details and Return while nobody has signed."""
    w, issue = Texts(catalog, language), view.issue
    excerpt = issue.text if len(issue.text) <= EXCERPT else issue.text[:EXCERPT] + "…"
    lines = [
        w.t("group-post-head", code=issue.code, urgency=_urgency(w, issue)),
        w.t("card-enterprise", name=view.enterprise_name),
        _project_line(w, project, detailed=False),
        *_deadlines(w, issue, tz),
        w.t("card-problem", text=mask_phones(excerpt)),
        *_original(w, issue),
    ]
    code = issue.code
    if issue.state is IssueState.ASSIGNED and signed_by is None:
        buttons: Buttons = (
            (
                w.button("group-claim", f"t:c:{code}"),
                w.button("group-details", f"t:d:{code}"),
                w.button("group-return", f"t:r:{code}"),
            ),
        )
    else:
        lines.append(
            w.t("group-post-signed", name=signed_by)
            if signed_by
            else w.t("group-post-state", state=_state(w, issue))
        )
        buttons = ((w.button("group-details", f"t:d:{code}"),),)
    return "\n".join(lines), buttons


def render_officer_card(
    catalog: Catalog, language: str, view: IssueView, *, project: Project | None, tz: tzinfo
) -> Card:
    """The officer's private card with the six actions (none once the issue is over)."""
    w, issue = Texts(catalog, language), view.issue
    code = issue.code
    buttons: Buttons = ()
    if issue.is_open:
        buttons = (
            (w.button("card-reply", f"k:y:{code}"), w.button("card-ask", f"k:a:{code}")),
            (w.button("card-note", f"k:n:{code}"), w.button("card-extend", f"k:e:{code}")),
            (w.button("card-transfer", f"k:t:{code}"), w.button("card-resolve", f"k:s:{code}")),
        )
    return "\n".join(_full(w, view, project, None, tz)), buttons


def render_leader_card(
    catalog: Catalog,
    language: str,
    view: IssueView,
    *,
    project: Project | None,
    task_force: TaskForce | None,
    tz: tzinfo,
) -> Card:
    """The direct-report card for leaders: Instruct, Supervise, Details."""
    w, code = Texts(catalog, language), view.issue.code
    lines = _full(w, view, project, task_force, tz)
    if view.issue.direct_report:
        lines[0] = w.t("leader-card-direct", head=lines[0])
    buttons = (
        (
            w.button("leader-instruct", f"l:i:{code}"),
            w.button("leader-supervise", f"l:s:{code}"),
            w.button("leader-details", f"l:d:{code}"),
        ),
    )
    return "\n".join(lines), buttons


def render_details(
    catalog: Catalog,
    language: str,
    view: IssueView,
    *,
    project: Project | None,
    task_force: TaskForce | None,
    tz: tzinfo,
) -> str:
    """The issue in full with its latest timeline, for a private message."""
    w = Texts(catalog, language)
    lines = _full(w, view, project, task_force, tz)
    lines.append(w.t("card-timeline"))
    lines.extend(_event(w, e, tz) for e in view.events[-TIMELINE_SHOWN:])
    return "\n".join(lines)


def render_request(
    catalog: Catalog,
    language: str,
    view: IssueView,
    *,
    target: TaskForce | None,
    tz: tzinfo,
) -> Card:
    """A pending extension or transfer with Approve and Deny, for whoever decides it."""
    w, issue = Texts(catalog, language), view.issue
    pending = issue.pending
    if pending is None:
        return w.t("approval-none", code=issue.code), ()
    if pending.kind == "extension" and pending.new_due is not None:
        text = w.t(
            "approval-extension",
            code=issue.code,
            due=pending.new_due.isoformat(),
            current=_when(w, issue.clocks[ClockName.RESOLVE].due_at, tz),
            reason=pending.reason,
        )
    else:
        text = w.t(
            "approval-transfer", code=issue.code, team=w.team(target), reason=pending.reason
        )
    buttons = (
        (
            w.button("approval-approve", f"a:y:{issue.code}"),
            w.button("approval-deny", f"a:n:{issue.code}"),
        ),
    )
    return text, buttons


def _full(
    w: Texts, view: IssueView, project: Project | None, team: TaskForce | None, tz: tzinfo
) -> list[str]:
    issue = view.issue
    lines = [
        w.t("card-head", code=issue.code, state=_state(w, issue), urgency=_urgency(w, issue)),
        w.t("card-enterprise", name=view.enterprise_name),
        _project_line(w, project, detailed=True),
    ]
    if team is not None:
        lines.append(w.t("card-task-force", name=w.team(team)))
    lines.extend(_deadlines(w, issue, tz))
    lines.append(w.t("card-problem", text=issue.text))
    lines.extend(_original(w, issue))
    if issue.pending is not None:
        lines.append(w.t("card-pending", kind=w.t(f"card-pending-{issue.pending.kind}")))
    if issue.supervised_by is not None:
        lines.append(w.t("card-supervised"))
    return lines


def _original(w: Texts, issue: Issue) -> list[str]:
    """§11: officials read the enterprise's own words, with a note of their language."""
    if issue.language == w.language or issue.language not in DETECTED:
        return []
    return [w.t("card-original-language", original=w.t(f"original-{issue.language}"))]


def _project_line(w: Texts, project: Project | None, detailed: bool) -> str:
    if project is None:
        return w.t("card-project", name=w.t("card-no-project"))
    if not detailed:
        return w.t("card-project", name=project.name)
    stage = w.t(f"stage-{project.stage.value.replace('_', '-')}")
    amount = project.investment_amount
    if amount is None:
        return w.t("card-project-stage", name=project.name, stage=stage)
    currency = (project.investment_currency or "CNY").upper()
    shown = format_amount(w.catalog, amount, currency, w.language)
    investment = w.t("card-investment", amount=shown)
    return w.t("card-project-detail", name=project.name, investment=investment, stage=stage)


def _deadlines(w: Texts, issue: Issue, tz: tzinfo) -> list[str]:
    lines = []
    for name in (ClockName.SIGN, ClockName.REPLY, ClockName.RESOLVE):
        clock, label = issue.clocks[name], w.t(f"clock-{name.value}")
        if clock.met_at is not None:
            lines.append(w.t("card-clock-met", clock=label))
        elif clock.paused:
            lines.append(w.t("card-clock-paused", clock=label))
        else:
            lines.append(w.t("card-clock-due", clock=label, due=_when(w, clock.due_at, tz)))
    return lines


def _event(w: Texts, event: IssueEvent, tz: tzinfo) -> str:
    what = w.t(f"event-{event.kind.replace('_', '-')}")
    at = format_moment(event.at, w.language, tz)
    if not event.text or event.kind == "filed":
        return w.t("timeline-line", at=at, what=what)
    text = event.text
    if len(text) > EVENT_TEXT_SHOWN:
        text = text[:EVENT_TEXT_SHOWN] + "…"
    return w.t("card-timeline-text", at=at, what=what, text=text)


def _when(w: Texts, moment: datetime, tz: tzinfo) -> str:
    return format_moment(moment, w.language, tz)


def _state(w: Texts, issue: Issue) -> str:
    return w.t(f"state-{issue.state.value.replace('_', '-')}")


def _urgency(w: Texts, issue: Issue) -> str:
    return w.t(f"urgency-{issue.urgency.value}")

"""The lines cards are made of, in one reader's language: heads, deadlines, project, people.

Pure functions over an IssueView, shared by every card and by the notices that carry one.
Times are shown in the calendar's time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from bot.dialogs.events import Button
from bot.dialogs.payloads import Payload
from bot.domain.calendar import WorkCalendar
from bot.domain.model import ClockName, Issue, IssueState, Project, TaskForce
from bot.i18n.catalog import Catalog
from bot.i18n.formatting import format_amount, format_date, format_moment
from bot.services.queries import IssueView

Buttons = tuple[tuple[Button, ...], ...]
Card = tuple[str, Buttons]
# The languages an enterprise's text may be found to be in (detection knows more than the bot
# speaks).
DETECTED = ("zh", "en", "ja", "ko")
# Mainland mobile numbers (optionally +86) and landlines with an area code.
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?\d{7,8}(?!\d)")


@dataclass(frozen=True)
class Texts:
    """The catalog in one reader's language, with the city's calendar for times."""

    catalog: Catalog
    language: str
    calendar: WorkCalendar | None = None

    def t(self, key: str, **params: Any) -> str:
        """A text in the reader's language."""
        return self.catalog.text(self.language, key, **params)

    def button(self, key: str, payload: Payload, **params: Any) -> Button:
        """A button labelled in the reader's language."""
        return Button(self.t(key, **params), payload.encode())

    def team(self, team: TaskForce | None) -> str:
        """A task force's name in the reader's language."""
        if team is None:
            return self.t("card-no-task-force")
        return team.name_zh if self.language == "zh" else team.name_en

    def when(self, moment: datetime, now: datetime | None = None) -> str:
        """A moment as the reader writes it, in the city's time."""
        assert self.calendar is not None
        return format_moment(moment, self.language, self.calendar.tz, now)

    def day(self, day: date) -> str:
        """A calendar day as the reader writes it."""
        assert self.calendar is not None
        noon = datetime.combine(day, time(12), tzinfo=self.calendar.tz)
        return format_date(noon, self.language, self.calendar.tz)

    def state(self, issue: Issue) -> str:
        """The issue's state in words."""
        return self.t(f"state-{issue.state.value.replace('_', '-')}")

    def urgency(self, issue: Issue) -> str:
        """The issue's urgency in words."""
        return self.t(f"urgency-{issue.urgency.value}")


def mask_phones(text: str) -> str:
    """Hide the middle of phone numbers in text that a group reads (§14)."""
    text = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return LANDLINE.sub(lambda m: f"{m.group(1)}-********", text)


def rows_of(buttons: list[Button], width: int = 2) -> Buttons:
    """Buttons laid out in rows of `width`."""
    return tuple(tuple(buttons[i : i + width]) for i in range(0, len(buttons), width))


def project_line(w: Texts, project: Project | None, detailed: bool) -> str:
    """The project, with its investment and stage when `detailed`."""
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


def deadline_lines(w: Texts, issue: Issue, now: datetime) -> list[str]:
    """One line per clock: met, paused, overdue or due; a deadline in a year without holiday
    data is flagged, since its working days are only guessed (Monday to Friday)."""
    assert w.calendar is not None
    lines = []
    for name in (ClockName.SIGN, ClockName.REPLY, ClockName.RESOLVE):
        clock, label = issue.clocks[name], w.t(f"clock-{name.value}")
        if clock.met_at is not None:
            lines.append(w.t("card-clock-met", clock=label))
        elif clock.paused:
            lines.append(w.t("card-clock-paused", clock=label))
        elif not issue.is_open:
            lines.append(w.t("card-clock-stopped", clock=label))
        else:
            key = "card-clock-overdue" if clock.due_at < now else "card-clock-due"
            lines.append(w.t(key, clock=label, due=w.when(clock.due_at, now)))
            day = clock.due_at.astimezone(w.calendar.tz).date()
            if not w.calendar.covers(day):
                lines.append(w.t("card-clock-uncovered", year=str(day.year)))
    return lines


def original_language(w: Texts, issue: Issue) -> list[str]:
    """§11: officials read the enterprise's own words, with a note of their language."""
    if issue.language == w.language or issue.language not in DETECTED:
        return []
    return [w.t("card-original-language", original=w.t(f"original-{issue.language}"))]


def handler_lines(w: Texts, view: IssueView) -> list[str]:
    """Who has the issue: its task force (and helpers), and who signed or was named."""
    issue = view.issue
    lines = []
    if issue.task_force_id is not None:
        lines.append(w.t("card-task-force", name=w.team(view.task_force)))
    if view.co_handlers:
        names = w.t("list-separator").join(w.team(team) for team in view.co_handlers)
        lines.append(w.t("card-co-handlers", names=names))
    if issue.assignee_id is not None:
        key = "card-assignee" if issue.state is not IssueState.ASSIGNED else "card-named"
        lines.append(w.t(key, name=view.name(issue.assignee_id)))
    return lines


def attachments_line(w: Texts, issue: Issue, group: bool) -> list[str]:
    """How many files the enterprise sent, and how to see them."""
    count = len(issue.attachments)
    if not count:
        return []
    return [w.t("card-files-group" if group else "card-files", count=count)]


def full_lines(w: Texts, view: IssueView, now: datetime) -> list[str]:
    """The body every official's card shares: enterprise, project, handlers, deadlines,
    problem, files, and what waits or watches."""
    issue = view.issue
    lines = [
        w.t("card-enterprise", name=view.enterprise_name),
        project_line(w, view.project, detailed=True),
        *handler_lines(w, view),
        *deadline_lines(w, issue, now),
        w.t("card-problem", text=issue.text),
        *original_language(w, issue),
        *attachments_line(w, issue, group=False),
    ]
    if issue.pending is not None:
        lines.append(w.t("card-pending", kind=w.t(f"card-pending-{issue.pending.kind}")))
    if issue.supervised_by is not None:
        lines.append(w.t("card-supervised", name=view.name(issue.supervised_by)))
    return lines

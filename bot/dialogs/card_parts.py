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
from bot.domain.model import ClockName, Issue, IssueEvent, IssueState, Project, TaskForce
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
# Why a clock stopped without being met, when its issue ended so.
STOPPED = {
    IssueState.WITHDRAWN: "card-clock-withdrawn",
    IssueState.REJECTED: "card-clock-rejected",
}
# Timeline events that name the task force they concern (event data `task_force_id`).
NAMES_TEAM = frozenset(
    {"routed", "dispatched", "transferred", "transfer_requested", "co_handler_added", "returned"}
)


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

    def state(self, issue: Issue, own: bool = False) -> str:
        """The issue's state in words; `own` as the enterprise reads its own issue."""
        if own and issue.state is IssueState.WAITING_ENTERPRISE:
            # The enterprise is asked for its information; officials wait for the enterprise's.
            return self.t("state-waiting-enterprise-own")
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
    """One line per clock: met, stopped, paused, overdue or due; a deadline in a year without
    holiday data is flagged, since its working days are only guessed (Monday to Friday)."""
    assert w.calendar is not None
    lines = []
    for name in (ClockName.SIGN, ClockName.REPLY, ClockName.RESOLVE):
        clock, label = issue.clocks[name], w.t(f"clock-{name.value}")
        if clock.on_time is not None:
            lines.append(w.t("card-clock-met", clock=label))
        elif not issue.is_open or clock.met_at is not None:
            # Stopped with its issue (withdrawn, not accepted): met by nobody.
            lines.append(w.t(STOPPED.get(issue.state, "card-clock-stopped"), clock=label))
        elif clock.paused:
            answered = issue.state is IssueState.ANSWERED
            key = "card-clock-confirming" if answered else "card-clock-paused"
            lines.append(w.t(key, clock=label))
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


def signed_by(issue: Issue) -> int | None:
    """Who signed for the issue (签收): its assignee once their claim met the sign clock; None
    while the officer named to sign has not (and for good if the issue ended first)."""
    return issue.assignee_id if issue.clocks[ClockName.SIGN].on_time is not None else None


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
        key = "card-assignee" if signed_by(issue) is not None else "card-named"
        lines.append(w.t(key, name=view.name(issue.assignee_id)))
    return lines


def instruction_lines(w: Texts, view: IssueView, now: datetime) -> list[str]:
    """The latest leader's instruction (批示) while the issue is open: whoever handles it next
    must read it too, not only those who were told at the time."""
    given = [e for e in view.events if e.kind == "instructed"]
    if not given or not view.issue.is_open:
        return []
    last = given[-1]
    at = w.when(last.at, now)
    return [w.t("card-instruction", name=view.name(last.actor_id), at=at, text=last.text or "")]


def dispatch_note_lines(w: Texts, view: IssueView) -> list[str]:
    """The office's note to the task force it dispatched the issue to, while that one has it."""
    handovers = [e for e in view.events if e.kind in ("routed", "dispatched", "transferred")]
    if not handovers or handovers[-1].kind != "dispatched" or not handovers[-1].text:
        return []
    last = handovers[-1]
    if last.data.get("task_force_id") != view.issue.task_force_id:
        return []
    return [w.t("card-dispatch-note", text=last.text)]


def event_what(w: Texts, view: IssueView, event: IssueEvent) -> str:
    """What a timeline event did, naming the task force or the officer it concerns."""
    key = f"event-{event.kind.replace('_', '-')}"
    team = view.team_of(event.data.get("task_force_id")) if event.kind in NAMES_TEAM else None
    if team is not None:
        return w.t(f"{key}-team", team=w.team(team))
    named = event.data.get("assignee_id")
    if event.kind == "member_assigned" and isinstance(named, int) and view.name(named):
        return w.t(f"{key}-person", name=view.name(named))
    return w.t(key)


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
    lines.extend(pending_lines(w, view))
    if issue.supervised_by is not None:
        lines.append(w.t("card-supervised", name=view.name(issue.supervised_by)))
    return [*lines, *dispatch_note_lines(w, view), *instruction_lines(w, view, now)]


def pending_lines(w: Texts, view: IssueView) -> list[str]:
    """The request waiting for a decision: what is asked (the new date, the task force), why
    and by whom, so that whoever decides from the card needs no other message."""
    pending = view.issue.pending
    if pending is None:
        return []
    name = view.name(pending.requested_by)
    if pending.kind == "extension" and pending.new_due is not None:
        due = w.day(pending.new_due)
        return [w.t("card-pending-extension-asked", name=name, due=due, reason=pending.reason)]
    if pending.kind == "transfer":
        team = w.team(view.transfer_target)
        return [w.t("card-pending-transfer-asked", name=name, team=team, reason=pending.reason)]
    return [w.t("card-pending", kind=w.t(f"card-pending-{pending.kind}"))]

"""Whether a queued notice still asks for something, when its turn to be sent comes (§9).

Routine notices wait out quiet hours and the coalescing window; by then the issue may have
moved on: somebody signed, the desk dispatched, the request was decided, the clock was met,
the enterprise supplied what was asked, the office reopened what was closed.
Under 无事不扰 a notice whose call to act is over is dropped, not sent late. Notices that
only tell what happened (a decision, a withdrawal) stay worth sending.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain.model import ClockName, Issue, IssueState
from bot.domain.notice import Notice

Check = Callable[[Issue, Notice], bool]


def _waits_for_signature(issue: Issue, notice: Notice) -> bool:
    """Still unsigned, and still with the task force the card was sent for: a person's card
    names it in the event's facts, a group's by the group."""
    team = notice.task_force_id or notice.params.get("task_force_id")
    return issue.state is IssueState.ASSIGNED and (team is None or issue.task_force_id == team)


def _named_and_unsigned(issue: Issue, notice: Notice) -> bool:
    return issue.state is IssueState.ASSIGNED and issue.assignee_id == notice.person_id


def _at_the_desk(issue: Issue, _: Notice) -> bool:
    return issue.state in (IssueState.FILED, IssueState.RETURNED)


def _request_pending(kind: str) -> Check:
    def pending(issue: Issue, notice: Notice) -> bool:
        return issue.pending is not None and issue.pending.kind == kind

    return pending


def _clock_still_due(issue: Issue, notice: Notice) -> bool:
    """A reminder or escalation: the same deadline of the clock still runs unmet."""
    name, due = notice.params.get("clock"), notice.params.get("due_at")
    if not issue.is_open or name not in set(ClockName):
        return False
    clock = issue.clocks[ClockName(str(name))]
    return clock.running and (due is None or clock.due_at.isoformat() == due)


def _still_held(issue: Issue, notice: Notice) -> bool:
    return issue.is_open and issue.assignee_id == notice.person_id


def _not_after(moment: datetime | None, notice: Notice) -> bool:
    """Whether `moment` came no later than the notice was queued: the same round, not a
    newer one (a new question, answer or closing stamps the issue anew)."""
    return moment is not None and moment <= notice.created_at


def _info_awaits(issue: Issue, notice: Notice) -> bool:
    """The enterprise still owes the information this request asked for.

    Supplying it ends the wait (the issue leaves WAITING_ENTERPRISE), and a later question
    starts a wait of its own: only the request the issue waits on is still worth asking.
    """
    return issue.state is IssueState.WAITING_ENTERPRISE and _not_after(issue.waiting_since, notice)


def _answer_awaits(issue: Issue, notice: Notice) -> bool:
    return issue.state is IssueState.ANSWERED and _not_after(issue.answered_at, notice)


def _closed_as_told(issue: Issue, notice: Notice) -> bool:
    """Still closed by the closing the notice tells of: not reopened since."""
    return issue.state is IssueState.CLOSED and _not_after(issue.closed_at, notice)


def _rating_awaits(issue: Issue, notice: Notice) -> bool:
    return _closed_as_told(issue, notice) and issue.rating is None


def _deadline_as_told(issue: Issue, notice: Notice) -> bool:
    """The resolution deadline is still the one the notice tells of (not moved again)."""
    told = notice.params.get("new_due")
    if not issue.is_open or not isinstance(told, str):
        return issue.is_open
    try:
        # Compared as moments: the same deadline may be written on another clock.
        return issue.clocks[ClockName.RESOLVE].due_at == datetime.fromisoformat(told)
    except ValueError:
        return True


def _redo_awaits(issue: Issue, _: Notice) -> bool:
    """The task force must work the issue again: not answered, nor ended, since."""
    return issue.is_open and issue.state is not IssueState.ANSWERED


CHECKS: dict[str, Check] = {
    "new_issue": _waits_for_signature,
    "assigned_to_you": _named_and_unsigned,
    "needs_dispatch": _at_the_desk,
    "returned": _at_the_desk,
    "extension_requested": _request_pending("extension"),
    "transfer_requested": _request_pending("transfer"),
    "co_handling": lambda issue, _: issue.is_open,
    "reminder": _clock_still_due,
    "escalation": _clock_still_due,
    "idle_nudge": _still_held,
    "info_requested": _info_awaits,
    "deadline_changed": _deadline_as_told,
    "answered": _answer_awaits,
    "rate_request": _rating_awaits,
    # Told of a closing, a rating or a call to redo: untrue or moot once the issue moved on.
    "confirmed": _closed_as_told,
    "auto_closed": _closed_as_told,
    "rated": _closed_as_told,
    "answer_rejected": _redo_awaits,
    "reopened": _redo_awaits,
}


def still_relevant(notice: Notice, issue: Issue) -> bool:
    """Whether the notice, about `issue` as it is now, still asks for what it asked.

    A file sent after a card goes or stays with its card (`params["card"]`).
    """
    template = notice.template.removeprefix("notice.")
    if template == "file":
        template = str(notice.params.get("card", ""))
    check = CHECKS.get(template)
    return check is None or check(issue, notice)

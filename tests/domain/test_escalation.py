"""Reminders, escalation levels, idle nudges and auto-closing as a pure function of time (§8)."""

from __future__ import annotations

from datetime import datetime

from bot.domain import handling, intake
from bot.domain.escalation import DueAction, due_actions
from bot.domain.model import ClockName, Issue, IssueState
from bot.domain.people import SYSTEM
from tests.domain.builders import CAL, LEADER, MONDAY, OFFICER, TF, at, filed, issue_in, later

# Filed Monday 2026-11-23 10:00 (normal): sign due Tue 17:30, reply Thu 11-26 17:30.
SIGN_DUE = at(2026, 11, 24, 17, 30)


def keys(issue: Issue, now: datetime) -> list[str]:
    """The keys of every action due at `now`."""
    return [a.key for a in due_actions(issue, CAL, now)]


def routed() -> Issue:
    """A normal issue routed to task force 10 and not yet signed for."""
    issue = filed()
    intake.route(issue, SYSTEM, MONDAY, TF, "project")
    return issue


def test_nothing_is_due_right_after_filing() -> None:
    assert due_actions(routed(), CAL, MONDAY) == []


def test_the_reminder_comes_at_three_quarters_of_the_sign_clock() -> None:
    issue = routed()
    clock = issue.clocks[ClockName.SIGN]
    # 13 working hours from Mon 10:00 to Tue 17:30; 75% of them (9.75 h) ends Tue 14:15.
    assert clock.remind_at == at(2026, 11, 24, 14, 15)
    assert keys(issue, at(2026, 11, 24, 14, 14)) == []
    due = due_actions(issue, CAL, at(2026, 11, 24, 14, 15))
    assert due == [
        DueAction(
            "remind", "remind:ZB-2026-000001:sign:0", clock.remind_at, ("task_force",), "sign"
        )
    ]


def test_escalation_levels_follow_the_missed_deadline_in_working_days() -> None:
    issue = routed()
    # At the deadline the reminder is no longer due: the escalation supersedes it.
    assert keys(issue, SIGN_DUE) == ["escalate:ZB-2026-000001:sign:0:1"]
    level2 = at(2026, 11, 25, 17, 30)  # one working day after the miss
    assert "escalate:ZB-2026-000001:sign:0:2" not in keys(issue, at(2026, 11, 25, 17, 29))
    assert "escalate:ZB-2026-000001:sign:0:2" in keys(issue, level2)
    level3 = at(2026, 12, 1, 17, 30)  # five working days after: Wed..Tue, skipping the weekend
    assert "escalate:ZB-2026-000001:sign:0:3" not in keys(issue, at(2026, 12, 1, 17, 29))
    actions = {a.key: a for a in due_actions(issue, CAL, level3)}
    # Leaders who instructed on the issue hear every level too (none have here).
    assert actions["escalate:ZB-2026-000001:sign:0:3"].audience == ("principals", "instructors")
    assert actions["escalate:ZB-2026-000001:sign:0:2"].audience == (
        "supervising_leader",
        "instructors",
    )
    assert actions["escalate:ZB-2026-000001:sign:0:1"].audience == (
        "assignee",
        "lead",
        "instructors",
    )


def test_supervision_sends_every_level_to_the_supervising_leader_too() -> None:
    issue = routed()
    issue.supervised_by = LEADER.person_id
    actions = due_actions(issue, CAL, SIGN_DUE)
    assert {a.audience for a in actions if a.kind == "escalate"} == {
        ("assignee", "lead", "supervisor", "instructors")
    }


def test_a_met_clock_stops_its_reminders_and_escalations() -> None:
    issue = routed()
    handling.claim(issue, OFFICER, at(2026, 11, 24, 9, 0))
    found = keys(issue, at(2026, 11, 24, 18, 0))
    assert not any(":sign:" in k for k in found)


def test_paused_clocks_are_silent_while_the_enterprise_has_the_ball() -> None:
    issue = issue_in(IssueState.WAITING_ENTERPRISE)
    far = at(2027, 1, 20, 10, 0)
    assert [a.kind for a in due_actions(issue, CAL, far)] == ["auto_close"]


def test_an_idle_signed_issue_nudges_its_assignee_after_three_working_days() -> None:
    issue = routed()
    signed = at(2026, 11, 24, 9, 0)
    handling.claim(issue, OFFICER, signed)
    nudge_at = at(2026, 11, 26, 17, 30)  # 3 × 7 working hours later: the close of Thursday
    assert not any(k.startswith("idle:") for k in keys(issue, at(2026, 11, 26, 17, 29)))
    nudges = [a for a in due_actions(issue, CAL, nudge_at) if a.kind == "nudge"]
    assert [(n.due_at, n.audience) for n in nudges] == [(nudge_at, ("assignee",))]
    handling.note(issue, OFFICER, at(2026, 11, 26, 10, 0), "现场勘察")
    assert not any(k.startswith("idle:") for k in keys(issue, nudge_at))


def test_closed_issues_have_nothing_due() -> None:
    issue = issue_in(IssueState.CLOSED)
    assert due_actions(issue, CAL, at(2027, 6, 1)) == []


def test_a_silent_enterprise_is_closed_five_working_days_after_the_answer() -> None:
    issue = issue_in(IssueState.ANSWERED)
    close_at = at(2026, 11, 30, 10, 0)  # answered Mon 10:00; five working days later
    assert not any(a.kind == "auto_close" for a in due_actions(issue, CAL, later(-1, close_at)))
    closing = [a for a in due_actions(issue, CAL, close_at) if a.kind == "auto_close"]
    assert [(a.due_at, a.audience) for a in closing] == [(close_at, ("enterprise",))]

"""What happens to requests, the sign clock and idle time when an issue changes hands."""

from __future__ import annotations

import pytest

from bot.domain import handling, intake
from bot.domain.errors import InvalidInput
from bot.domain.escalation import due_actions
from bot.domain.model import Attachment, ClockName, IssueState
from tests.domain.builders import (
    CAL,
    COLLEAGUE,
    LEAD,
    MEMBER,
    MONDAY,
    OFFICER,
    OTHER_TF,
    Args,
    at,
    issue_in,
    perform,
)


def test_signing_for_an_issue_drops_a_transfer_request_and_says_so() -> None:
    issue = issue_in(IssueState.ASSIGNED)
    perform("request_transfer", issue, OFFICER, MONDAY, Args(task_force_id=OTHER_TF))
    assert issue.pending is not None
    event = handling.claim(issue, COLLEAGUE, at(2026, 11, 23, 11, 0))
    assert issue.pending is None
    assert event.data["cancelled_request"] == "transfer"


def test_a_resolution_drops_a_pending_extension_and_the_timeline_keeps_it() -> None:
    issue = issue_in(IssueState.IN_PROGRESS)
    perform("request_extension", issue, OFFICER, MONDAY)
    event = handling.resolve(issue, OFFICER, at(2026, 11, 24, 10, 0), "已解决", CAL)
    assert issue.pending is None and event.data["cancelled_request"] == "extension"


def test_a_transfer_of_a_signed_issue_starts_a_new_sign_clock() -> None:
    issue = issue_in(IssueState.IN_PROGRESS)
    sign = issue.clocks[ClockName.SIGN]
    assert sign.met_at is not None
    moved = at(2026, 11, 25, 10, 0)  # Wednesday
    intake.transfer(issue, LEAD, moved, OTHER_TF, "属于新能源专班", CAL)
    assert sign.running and sign.cycle == 1
    assert sign.due_at == at(2026, 11, 26, 17, 30)  # one working day, close of business
    assert issue.state is IssueState.ASSIGNED and issue.assignee_id is None


def test_the_idle_timer_restarts_when_the_enterprise_answers() -> None:
    issue = issue_in(IssueState.WAITING_ENTERPRISE)
    answered = at(2026, 12, 10, 10, 0)
    perform("supply_info", issue, MEMBER, answered)
    assert issue.last_activity_at == answered
    assert not any(a.kind == "nudge" for a in due_actions(issue, CAL, at(2026, 12, 11, 10, 0)))


@pytest.mark.parametrize(
    ("attachment", "key"),
    [
        (Attachment("video", "f1"), "input.attachment_kind"),
        (
            Attachment("document", "f2", "plan.pdf", size=21 * 1024 * 1024),
            "input.attachment_too_large",
        ),
    ],
)
def test_unusable_attachments_are_refused_and_change_nothing(
    attachment: Attachment, key: str
) -> None:
    issue = issue_in(IssueState.IN_PROGRESS)
    before = issue.__dict__.copy()
    with pytest.raises(InvalidInput) as refused:
        handling.supply_info(issue, MEMBER, MONDAY, "附件", CAL, (attachment,))
    assert refused.value.key == key
    assert issue.__dict__ == before

"""What cards show beyond the lifecycle: deadlines in years without holiday data (issue 12, 13),
the head that says why a card came, and who signed a new issue."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts
from bot.dialogs.cards import CardKind, render_card, render_group_post
from bot.domain.model import IssueState
from bot.i18n.catalog import default_catalog
from bot.services.queries import IssueView
from tests.domain.builders import CAL, COLLEAGUE, OFFICER, TF, at, filed, issue_in

LATE_DECEMBER = at(2026, 12, 21, 10, 0)


def test_a_deadline_in_a_year_without_holiday_data_is_flagged() -> None:
    issue = filed(LATE_DECEMBER)
    issue.task_force_id = TF
    view = IssueView(issue, [], "滨州宏达铝业有限公司")
    for language, flag in (
        ("zh", "⚠ 2027年的节假日安排尚未录入，此时限暂按周一至周五推算。"),
        ("en", "⚠ No holiday data for 2027 yet: this deadline counts Monday to Friday as"),
    ):
        words = Texts(default_catalog(), language, CAL)
        text, _ = render_card(words, CardKind.CARD, view, COLLEAGUE, LATE_DECEMBER)
        lines = text.splitlines()
        resolve = next(n for n, line in enumerate(lines) if "2027" in line and "⚠" not in line)
        assert lines[resolve + 1].startswith(flag), lines
        post, _ = render_group_post(words, view, TF, LATE_DECEMBER)
        assert flag[:12] in post
    # A deadline in a covered year carries no flag.
    early = filed(at(2026, 11, 23, 10, 0))
    early.task_force_id = TF
    words = Texts(default_catalog(), "zh", CAL)
    text, _ = render_card(
        words, CardKind.CARD, IssueView(early, [], "企业"), COLLEAGUE, early.filed_at
    )
    assert "⚠" not in text


def test_a_new_issue_card_says_who_signed_it() -> None:
    issue = issue_in(IssueState.ACKNOWLEDGED)
    view = IssueView(issue, [], "企业", names={OFFICER.person_id or 0: "赵专员"})
    words = Texts(default_catalog(), "zh", CAL)
    text, buttons = render_card(words, CardKind.NEW, view, COLLEAGUE, issue.filed_at)
    # Signed: no longer a new issue, so its head says what it is now.
    assert text.startswith("ZB-2026-000001 · 已签收") and text.endswith("已由 赵专员 签收")
    assert "签收" not in [b.label for row in buttons for b in row]

"""`zhibao issues list` and `zhibao issues show` over issues filed through the use cases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.bootstrap import build_context
from bot.config import default_settings
from bot.domain.people import OPERATOR, Role
from bot.services import follow_up, teamwork
from bot.services.directory import NewOfficial, add_official
from bot.services.filing import FilingRequest, file_issue
from bot.services.ports import UnitOfWorkFactory
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)
from tests.cli.conftest import Cli, seed


@dataclass(frozen=True)
class Filed:
    """Codes of the seeded issues: one overdue, one fresh, one closed."""

    overdue: str
    fresh: str
    closed: str


async def _file_three(new_uow: UnitOfWorkFactory) -> Filed:
    """A month-old open issue, one filed and closed three weeks ago, and one filed now."""
    ctx = build_context(default_settings())
    officer = NewOfficial("赵专员", frozenset({Role.OFFICER}), task_forces=("alu",))
    officer_id = (await add_official(new_uow(), OPERATOR, officer)).id
    reg = EnterpriseRegistration("滨州宏达铝业有限公司", "91350100M000100Y43", "王经理")
    enterprise, member = await register_enterprise(new_uow(), reg, datetime.now(UTC))
    assert enterprise.id is not None and member.id is not None and officer_id is not None
    project = ProjectRegistration(enterprise.id, "铝箔扩建", "alu", investment_amount="5e8")
    project_id = (await register_project(new_uow(), ctx, member.id, project)).id
    member_id = member.id

    async def file(text: str, days_ago: int) -> str:
        """File an issue about the project as the member, `days_ago` days back."""
        at = datetime.now(UTC) - timedelta(days=days_ago)
        request = FilingRequest(text=text, project_id=project_id)
        return (await file_issue(new_uow(), ctx, member_id, request, at)).issue.code

    overdue = await file("电解铝项目用电报装迟迟没有批复", 30)
    closed = await file("厂区道路施工占道需要协调", 21)
    at = datetime.now(UTC) - timedelta(days=20)
    await teamwork.claim(new_uow(), ctx, officer_id, closed, at)
    await teamwork.resolve(new_uow(), ctx, officer_id, closed, "已协调", at + timedelta(hours=1))
    await follow_up.confirm(new_uow(), ctx, member_id, closed, at + timedelta(hours=2))
    return Filed(overdue, await file("环评批复进度需要了解", 0), closed)


@pytest.fixture
def filed(initialised: Path) -> Filed:
    """Three issues in the initialised folder's database."""
    return seed(_file_three)


def codes(cli: Cli, *options: str) -> list[str]:
    """The codes `issues list` prints, in its order."""
    lines = cli.ok("issues", "list", *options).lines
    assert lines[0].split()[:4] == ["code", "state", "urgency", "category"]
    return [line.split()[0] for line in lines[1:] if line != "(none)"]


def test_list_shows_every_issue_and_marks_the_overdue_one(cli: Cli, filed: Filed) -> None:
    lines = cli.ok("issues", "list").lines
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {filed.overdue, filed.fresh, filed.closed}
    assert "overdue" in rows[filed.overdue] and "电解铝项目用电报装" in rows[filed.overdue]
    assert "overdue" not in rows[filed.fresh]
    assert rows[filed.closed].split()[1] == "closed"


def test_list_filters_by_state_and_deadline(cli: Cli, filed: Filed) -> None:
    assert sorted(codes(cli, "--state", "open")) == sorted([filed.overdue, filed.fresh])
    assert codes(cli, "--state", "closed") == [filed.closed]
    assert codes(cli, "--overdue") == [filed.overdue]
    assert codes(cli, "--state", "withdrawn") == []


def test_list_as_json(cli: Cli, filed: Filed) -> None:
    data = json.loads(cli.ok("issues", "list", "--json", "--state", "open").out)
    assert sorted(i["code"] for i in data) == sorted([filed.overdue, filed.fresh])
    assert all(i["state"] == "assigned" for i in data)
    assert {"sign", "reply", "resolve"} <= set(data[0]["clocks"])


def test_show_prints_the_issue_and_its_timeline(cli: Cli, filed: Filed) -> None:
    result = cli.ok("issues", "show", filed.closed)
    assert result.lines[0].split()[:2] == [filed.closed, "closed"]
    assert "enterprise:    滨州宏达铝业有限公司" in result.lines
    assert "task force:    alu (高端铝业)" in result.lines
    header = result.lines.index(next(line for line in result.lines if line.startswith("when")))
    kinds = [line.split()[2] for line in result.lines[header + 1 :]]
    assert kinds == ["filed", "routed", "claimed", "resolved", "confirmed"]


def test_show_as_json_has_the_timeline(cli: Cli, filed: Filed) -> None:
    data = json.loads(cli.ok("issues", "show", filed.overdue, "--json").out)
    assert data["code"] == filed.overdue
    assert [e["kind"] for e in data["timeline"]] == ["filed", "routed"]
    assert data["timeline"][1]["to_state"] == "assigned"


def test_show_takes_a_lowercase_code(cli: Cli, filed: Filed) -> None:
    result = cli.ok("issues", "show", filed.fresh.lower())
    assert result.lines[0].startswith(filed.fresh)


def test_show_of_an_unknown_code_fails(cli: Cli, filed: Filed) -> None:
    result = cli("issues", "show", "ZB-2026-999999")
    assert (result.code, result.out) == (1, "")
    assert result.err == "zhibao: error: no issue ZB-2026-999999\n"


def test_direct_report_marks_an_issue_and_queues_the_cards(cli: Cli, filed: Filed) -> None:
    result = cli.ok("issues", "direct-report", filed.fresh)
    # The default configuration's office desks have not been added as people here.
    assert result.lines == [f"{filed.fresh} is a direct report now; 0 notice(s) queued"]
    data = json.loads(cli.ok("issues", "show", filed.fresh, "--json").out)
    assert data["direct_report"] is True
    assert data["timeline"][-1]["kind"] == "marked_direct_report"
    assert "direct report: yes" in cli.ok("issues", "show", filed.fresh).lines


def test_direct_report_twice_or_of_a_closed_issue_is_refused(cli: Cli, filed: Filed) -> None:
    cli.ok("issues", "direct-report", filed.fresh)
    again = cli("issues", "direct-report", filed.fresh)
    assert again.code == 1 and "already" in again.err
    closed = cli("issues", "direct-report", filed.closed)
    assert closed.code == 1 and closed.out == ""


def test_show_names_who_did_each_thing(cli: Cli, filed: Filed) -> None:
    lines = cli.ok("issues", "show", filed.closed).lines
    header = next(n for n, line in enumerate(lines) if line.startswith("when"))
    assert lines[header].split()[:3] == ["when", "what", "by"]
    by = [(line.split()[2], line.split()[3]) for line in lines[header + 1 :]]
    assert by == [
        ("filed", "王经理"),
        ("routed", "system"),
        ("claimed", "赵专员"),
        ("resolved", "赵专员"),
        ("confirmed", "王经理"),
    ]
    data = json.loads(cli.ok("issues", "show", filed.closed, "--json").out)
    assert [e["actor"] for e in data["timeline"]] == [
        "王经理",
        "system",
        "赵专员",
        "赵专员",
        "王经理",
    ]


def test_show_names_the_operator_for_what_the_command_line_did(cli: Cli, filed: Filed) -> None:
    cli.ok("issues", "direct-report", filed.fresh)
    last = cli.ok("issues", "show", filed.fresh).lines[-1].split()
    assert last[2:4] == ["marked_direct_report", "operator"]


SHANGHAI = ZoneInfo("Asia/Shanghai")
# Friday before the make-up Saturday 10 October 2026; and a Monday whose resolution falls in
# 2027, a year the installed calendar package does not cover.
BEFORE_MAKE_UP = datetime(2026, 10, 9, 10, tzinfo=SHANGHAI)
BEFORE_NEW_YEAR = datetime(2026, 12, 21, 10, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Dated:
    """Codes of two issues filed at fixed moments."""

    make_up: str
    new_year: str


async def _file_dated(new_uow: UnitOfWorkFactory) -> Dated:
    ctx = build_context(default_settings())
    reg = EnterpriseRegistration("滨州宏达铝业有限公司", "91350100M000100Y43", "王经理")
    enterprise, member = await register_enterprise(new_uow(), reg, BEFORE_MAKE_UP)
    assert enterprise.id is not None and member.id is not None
    project = ProjectRegistration(enterprise.id, "铝箔扩建", "alu")
    project_id = (await register_project(new_uow(), ctx, member.id, project)).id
    codes = []
    for at in (BEFORE_MAKE_UP, BEFORE_NEW_YEAR):
        request = FilingRequest(text="电解铝项目用电报装迟迟没有批复", project_id=project_id)
        codes.append((await file_issue(new_uow(), ctx, member.id, request, at)).issue.code)
    return Dated(*codes)


@pytest.fixture
def dated(initialised: Path) -> Dated:
    """Two issues filed at fixed moments in the initialised folder's database."""
    return seed(_file_dated)


@pytest.mark.parametrize(
    ("at", "overdue"),
    [
        # The sign clock runs to close of business on the make-up Saturday, 17:30.
        ("2026-10-10", False),  # a date alone: 09:00, the opening of that working day
        ("2026-10-10T17:29", False),
        ("2026-10-10T17:31", True),
        ("2026-10-10 17:31+08:00", True),
        ("2026-10-10T09:31Z", True),
        ("2026-10-10T09:29:00+00:00", False),
    ],
)
def test_list_judges_overdue_at_the_moment_asked_for(
    cli: Cli, dated: Dated, at: str, overdue: bool
) -> None:
    assert (dated.make_up in codes(cli, "--overdue", "--at", at)) is overdue
    row = next(
        line for line in cli.ok("issues", "list", "--at", at).lines if dated.make_up in line
    )
    assert ("overdue" in row) is overdue
    data = json.loads(cli.ok("issues", "list", "--json", "--at", at).out)
    assert next(i["overdue"] for i in data if i["code"] == dated.make_up) is overdue


def test_show_at_a_moment_marks_the_clocks_overdue_then(cli: Cli, dated: Dated) -> None:
    before = cli.ok("issues", "show", dated.make_up, "--at", "2026-10-10").lines
    assert "as of:         2026-10-10 09:00" in before
    assert "sign due:      2026-10-10 17:30  running" in before
    after = cli.ok("issues", "show", dated.make_up, "--at", "2026-10-12").lines
    assert "sign due:      2026-10-10 17:30  running, overdue" in after
    assert not any(
        line.startswith("as of") for line in cli.ok("issues", "show", dated.make_up).lines
    )


def test_show_flags_deadlines_in_a_year_without_holiday_data(cli: Cli, dated: Dated) -> None:
    lines = cli.ok("issues", "show", dated.new_year, "--at", "2026-12-21").lines
    resolve = next(line for line in lines if line.startswith("resolve due:"))
    assert resolve.endswith("running  (no holiday data for 2027: counted Monday–Friday only)")
    sign = next(line for line in lines if line.startswith("sign due:"))
    assert "holiday" not in sign


def test_doctor_names_open_issues_due_soon_in_a_year_without_holiday_data(
    cli: Cli, dated: Dated
) -> None:
    result = cli("doctor", "--at", "2026-12-21")
    assert result.code == 1
    errors = [line for line in result.lines if line.startswith("ERROR")]
    assert len(errors) == 1
    assert errors[0].startswith(
        f"ERROR    calendar: 1 open issue(s) have deadlines within 60 days in 2027, which no "
        f"holiday source covers, so they count Monday–Friday only: {dated.new_year} (resolve due "
        "2027-01-"
    )
    assert dated.make_up not in errors[0]
    assert any(
        line.startswith("WARNING  calendar: no holiday data for 2027") for line in result.lines
    )
    # Half a year earlier the 2027 deadline is beyond the 60 days.
    assert cli("doctor", "--at", "2026-06-01").lines[-1].startswith("0 error(s)")


def test_a_bad_moment_is_refused_with_what_was_expected(cli: Cli, dated: Dated) -> None:
    for command in (("list",), ("show", dated.make_up)):
        result = cli("issues", *command, "--at", "2026-13-01")
        assert (result.code, result.out) == (2, "")
        assert "argument --at: '2026-13-01' is not a date (YYYY-MM-DD) or a date and time" in (
            result.err
        )


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "'abc' is not a whole number"), ("0", "'0' is not 1 or more")],
)
def test_a_bad_limit_is_refused_in_plain_words(
    cli: Cli, initialised: Path, value: str, message: str
) -> None:
    result = cli("issues", "list", "--limit", value)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"error: argument --limit: {message}\n")
    assert "_positive" not in result.err and "invalid" not in result.err

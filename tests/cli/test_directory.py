"""Task forces, people, invites, enterprises and projects at the command line."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import default_settings
from bot.services.ports import UnitOfWorkFactory
from bot.services.registration import EnterpriseRegistration, register_enterprise
from tests.cli.conftest import TASK_FORCES, Cli, Result, seed

CREDIT_CODE = "91350100M000100Y43"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_taskforce_list_shows_the_ten_codes(cli: Cli, initialised: Path) -> None:
    result = cli.ok("taskforce", "list")
    assert result.lines[0].split()[0] == "code"
    assert [line.split()[0] for line in result.lines[1:]] == TASK_FORCES


def test_person_add_and_list_by_role(cli: Cli, initialised: Path) -> None:
    roles = ("--role", "leader", "--role", "principal", "--key", "vice-mayor")
    teams = ("--task-force", "alu", "--task-force", "chem")
    added = cli.ok("person", "add", "--name", "李市长", *roles, *teams)
    assert re.fullmatch(
        r"added person \d+: 李市长 \(leader, principal\)\n"
        r"alu \(高端铝业\): supervising leader\nchem \(高端化工\): supervising leader\n"
        r"李市长 joins their chat by this one-time invite:\n(.+\n){5}",
        added.out,
    )
    cli.ok("person", "add", "--name", "赵专员", "--role", "officer", "--task-force", "alu")
    leaders = cli.ok("person", "list", "--role", "leader").lines
    assert leaders[0].split() == [
        "id", "name", "key", "roles", "task", "forces", "enterprise", "channels", "preferred",
    ]  # fmt: skip
    assert len(leaders) == 2
    assert leaders[1].split()[1:5] == ["李市长", "vice-mayor", "leader,principal", "alu,chem"]
    rows = {line.split()[0]: line for line in cli.ok("taskforce", "list").lines[1:]}
    assert "李市长" in rows["alu"] and "李市长" in rows["chem"]
    assert "李市长" not in rows["food"]


def test_invite_for_an_officer_prints_code_link_and_expiry(cli: Cli, initialised: Path) -> None:
    before = datetime.now(UTC)
    result = cli.ok("invite", "create", "--role", "officer", "--task-force", "alu")
    fields = dict(line.split(":", 1) for line in result.lines)
    code = fields["code"].strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{12,}", code)
    assert fields["link"].strip() == f"https://t.me/zhibao_bot?start={code}"
    assert fields["wecom"].strip() == f"send /start {code} to the app in WeCom"
    assert fields["role"].strip() == "officer of alu (高端铝业)"
    expires = datetime.strptime(result.lines[4], "expires: %Y-%m-%d %H:%M CST")
    ttl = timedelta(days=default_settings().invite_ttl_days)
    expected = (before + ttl).astimezone(SHANGHAI).replace(tzinfo=None)
    assert abs(expires - expected) < timedelta(minutes=2)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), "needs a task force"),
        (("--task-force", "nope"), "no task force 'nope'"),
    ],
)
def test_invite_without_a_known_task_force_fails(
    cli: Cli, initialised: Path, extra: tuple[str, ...], message: str
) -> None:
    result = cli("invite", "create", "--role", "officer", *extra)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("zhibao: error: ") and message in result.err
    assert result.err.count("\n") == 1


async def _register(new_uow: UnitOfWorkFactory) -> None:
    """Register the test enterprise as it would at /start."""
    reg = EnterpriseRegistration("滨州宏达铝业有限公司", CREDIT_CODE, "王经理")
    await register_enterprise(new_uow(), reg, datetime.now(UTC))


@pytest.fixture
def enterprise(initialised: Path) -> str:
    """A registered enterprise's credit code."""
    seed(_register)
    return CREDIT_CODE


def test_enterprise_list_shows_the_registered_enterprise(cli: Cli, enterprise: str) -> None:
    rows = cli.ok("enterprise", "list").lines
    assert len(rows) == 2
    assert rows[1].split()[1:3] == ["滨州宏达铝业有限公司", enterprise]
    # Registered on the city's clock (the fixture registers at 09:00 Shanghai time or so).
    assert rows[1].split()[-1].count(":") == 1 and "+" not in rows[1]


def test_project_add_applies_measure_three_and_lists(cli: Cli, enterprise: str) -> None:
    add = ("project", "add", "--enterprise", enterprise, "--industry", "alu")
    big = cli.ok(*add, "--name", "铝板带项目", "--stage", "signed", "--investment", "2500000000")
    assert re.fullmatch(r"added project \d+: 铝板带项目 \(city-coordinated\)\n", big.out)
    small = cli.ok(*add, "--name", "小项目", "--investment", "5")
    assert small.out.endswith("小项目 (not city-coordinated)\n")
    rows = [line.split() for line in cli.ok("project", "list").lines[1:]]
    assert [(r[2], r[4], r[-1]) for r in rows] == [
        ("铝板带项目", "signed", "yes"),
        ("小项目", "lead", "no"),
    ]
    mine = cli.ok("project", "list", "--enterprise", enterprise.lower()).lines[1:]
    assert len(mine) == 2


def add_x(cli: Cli, credit_code: str, *options: str) -> Result:
    """`project add` of a project x in the alu industry to the enterprise with `credit_code`."""
    argv = ("project", "add", "--enterprise", credit_code, "--name", "x", "--industry", "alu")
    return cli(*argv, *options)


@pytest.mark.parametrize(
    ("credit_code", "message"),
    [
        ("91110000600037341L", "no enterprise with credit code 91110000600037341L"),
        ("91350100M000100Y4X", "check character"),
        ("abc", "18 characters"),
    ],
)
def test_project_add_refuses_unknown_and_malformed_credit_codes(
    cli: Cli, enterprise: str, credit_code: str, message: str
) -> None:
    result = add_x(cli, credit_code)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("zhibao: error: ") and message in result.err


def test_project_add_refuses_a_bad_amount(cli: Cli, enterprise: str) -> None:
    result = add_x(cli, enterprise, "--investment", "abc")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("zhibao: error: 'abc' with currency 'CNY' is not an investment")
    assert "Traceback" not in result.err


def test_project_add_bad_amount_message_names_the_value(cli: Cli, enterprise: str) -> None:
    result = add_x(cli, enterprise, "--investment", "abc")
    assert "abc" in result.err
    assert "<class" not in result.err


def test_project_add_refuses_an_unknown_stage(cli: Cli, enterprise: str) -> None:
    result = add_x(cli, enterprise, "--stage", "nope")
    assert (result.code, result.out) == (2, "")
    assert "invalid choice: 'nope'" in result.err
    assert cli.ok("project", "list").lines[1:] == ["(none)"]


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        (("--role", "lead"), "the lead role needs a task force"),
        (("--role", "officer"), "the officer role needs a task force"),
        (("--role", "officer", "--role", "lead"), "the officer and lead roles need a task force"),
    ],
)
def test_officers_and_leads_need_a_task_force(
    cli: Cli, initialised: Path, roles: tuple[str, ...], message: str
) -> None:
    result = cli("person", "add", "--name", "孙组长", *roles)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"zhibao: error: {message}; name it with --task-force CODE\n"
    assert cli.ok("person", "list").lines[1:] == ["(none)"]


def test_a_leader_needs_no_task_force(cli: Cli, initialised: Path) -> None:
    added = cli.ok("person", "add", "--name", "周市长", "--role", "leader")
    assert re.match(r"added person \d+: 周市长 \(leader\)\n周市长 joins their chat", added.out)


NEW_CODE = "91371600MA3C00001P"


def test_enterprise_add_checks_the_code_and_lists_the_enterprise(
    cli: Cli, initialised: Path
) -> None:
    argv = ("enterprise", "add", "--name", " 滨州新材料有限公司 ", "--zone", "北海经济开发区")
    added = cli.ok(*argv, "--credit-code", NEW_CODE.lower())
    assert re.fullmatch(rf"added enterprise \d+: 滨州新材料有限公司 \({NEW_CODE}\)\n", added.out)
    rows = cli.ok("enterprise", "list").lines[1:]
    assert len(rows) == 1 and rows[0].split()[1:4] == [
        "滨州新材料有限公司",
        NEW_CODE,
        "北海经济开发区",
    ]
    project = (
        "project",
        "add",
        "--enterprise",
        NEW_CODE,
        "--name",
        "新材料项目",
        "--industry",
        "alu",
    )
    cli.ok(*project)


@pytest.mark.parametrize(
    ("name", "credit_code", "message"),
    [
        ("别家", CREDIT_CODE, f"an enterprise with credit code {CREDIT_CODE} is registered "
         "already: 滨州宏达铝业有限公司"),
        ("别家", "91371600MA3C00001X", "the check character (position 18) should be 'P'"),
        ("别家", "9137160OMA3C00001P", "position 8 holds 'O', but the letters I, O, S, V and Z"),
        ("别家", "913716", "a credit code has 18 characters, this one has 6"),
        ("  ", NEW_CODE, "enterprise name must not be empty"),
    ],
)  # fmt: skip
def test_enterprise_add_refuses_bad_or_taken_codes_and_stores_nothing(
    cli: Cli, enterprise: str, name: str, credit_code: str, message: str
) -> None:
    result = cli("enterprise", "add", "--name", name, "--credit-code", credit_code)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("zhibao: error: ") and message in result.err
    assert result.err.count("\n") == 1
    assert len(cli.ok("enterprise", "list").lines) == 2


def test_project_list_names_the_enterprise(cli: Cli, enterprise: str) -> None:
    add_x(cli, enterprise)
    rows = cli.ok("project", "list").lines
    assert rows[0].split()[:3] == ["id", "enterprise", "name"]
    assert rows[1].split()[1:3] == ["滨州宏达铝业有限公司", "x"]


def test_person_add_says_whom_a_new_lead_or_leader_replaces(cli: Cli, initialised: Path) -> None:
    lead = ("--role", "lead", "--task-force")
    assert cli.ok("person", "add", "--name", "孙组长", *lead, "alu").lines[1:2] == [
        "alu (高端铝业): lead"
    ]
    cli.ok("person", "add", "--name", "李副市长", "--role", "leader", "--task-force", "alu")
    again = cli.ok("person", "add", "--name", "周组长", *lead, "ALU")
    assert again.lines[1:2] == ["alu (高端铝业): lead (replacing 孙组长)"]
    teams = ("--task-force", "alu", "--task-force", "chem")
    both = cli.ok(
        "person", "add", "--name", "吴市长", "--role", "officer", "--role", "leader", *teams
    )
    assert both.lines[1:3] == [
        "alu (高端铝业): officer and supervising leader (replacing 李副市长)",
        "chem (高端化工): officer and supervising leader",
    ]


def test_person_add_refuses_what_is_not_a_phone_number(cli: Cli, initialised: Path) -> None:
    argv = ("person", "add", "--name", "王主任", "--role", "office")
    result = cli(*argv, "--phone", "abc")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "zhibao: error: 'abc' is not a phone number: digits, optionally with a leading + and "
        "spaces or dashes, such as +86 138 0000 1001\n"
    )
    assert cli.ok("person", "list").lines[1:] == ["(none)"]
    cli.ok(*argv, "--phone", "+86 138-0000-1001")


def test_person_list_names_task_forces_and_enterprises(cli: Cli, enterprise: str) -> None:
    cli.ok("person", "add", "--name", "孙组长", "--role", "lead", "--task-force", "alu")
    lines = cli.ok("person", "list").lines
    rows = {line.split()[1]: line.split() for line in lines[1:]}
    assert rows["孙组长"][3:5] == ["lead", "alu"]
    assert rows["王经理"][3:6] == ["member", "-", "滨州宏达铝业有限公司"]


def test_invite_create_names_the_task_force_or_enterprise(cli: Cli, enterprise: str) -> None:
    member = cli.ok("invite", "create", "--role", "member", "--enterprise", enterprise)
    assert member.lines[3] == "role:    member of 滨州宏达铝业有限公司"
    both = ("--role", "officer", "--task-force", "alu", "--enterprise", enterprise)
    result = cli("invite", "create", *both)
    assert (result.code, result.out) == (1, "")
    assert (
        result.err
        == "zhibao: error: --enterprise goes with --role member only, not with officer\n"
    )

"""What a new user met at the command line off the happy path (a review): group ids that are
not a group's, `issues show` without names, an officer named twice, and input the commands
took without a word or answered with a Python error."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.bootstrap import build_context
from bot.config import default_settings
from bot.domain.people import OPERATOR, Role
from bot.services import follow_up, teamwork
from bot.services.directory import NewOfficial, add_official
from bot.services.filing import FilingRequest, file_issue
from bot.services.ports import UnitOfWorkFactory
from bot.services.queries import show_issue
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)
from tests.cli.conftest import Cli, Result, seed
from tests.cli.test_taskforce import group_of, with_config_group

GROUP = "-1001234567890"
CREDIT_CODE = "91350100M000100Y43"


def refused(result: Result, status: int = 1) -> str:
    """The one error line of a refused command, after checking nothing was printed."""
    assert (result.code, result.out) == (status, ""), result
    assert result.err.count("\n") == 1 or status == 2
    return result.err.splitlines()[-1].removeprefix("zhibao: error: ")


@dataclass(frozen=True)
class City:
    """An issue of the alu project (routed to alu), one without a project, and the people."""

    routed: str
    unrouted: str
    officer: int
    leader: int


async def _city(new_uow: UnitOfWorkFactory) -> City:
    ctx = build_context(default_settings())
    now = datetime.now(UTC)

    async def official(name: str, *roles: Role, teams: tuple[str, ...] = ("alu",)) -> int:
        person = await add_official(
            new_uow(), OPERATOR, NewOfficial(name, frozenset(roles), task_forces=teams)
        )
        assert person.id is not None
        return person.id

    officer = await official("赵专员", Role.OFFICER)
    await official("Li Ming", Role.OFFICER)
    await official("孙组长", Role.LEAD)
    leader = await official("李副市长", Role.LEADER)
    await official("钱专员", Role.OFFICER, teams=("chem",))
    reg = EnterpriseRegistration("滨州宏达铝业有限公司", CREDIT_CODE, "王经理")
    enterprise, member = await register_enterprise(new_uow(), reg, now)
    assert enterprise.id is not None and member.id is not None
    project = ProjectRegistration(enterprise.id, "铝箔扩建", "alu", "signed", "500000000")
    project_id = (await register_project(new_uow(), ctx, member.id, project)).id
    about = FilingRequest(text="电解铝项目用电报装迟迟没有批复", project_id=project_id)
    routed = (await file_issue(new_uow(), ctx, member.id, about, now)).issue.code
    await follow_up.supervise(new_uow(), ctx, leader, routed, now)
    loose = FilingRequest(text="有件事情需要政府帮忙协调")
    unrouted = (await file_issue(new_uow(), ctx, member.id, loose, now)).issue.code
    return City(routed, unrouted, officer, leader)


@pytest.fixture
def city(initialised: Path) -> City:
    """The seeded city in the initialised folder's database."""
    return seed(_city)


async def _notices(new_uow: UnitOfWorkFactory, code: str) -> tuple[list[str], int]:
    view = await show_issue(new_uow(), OPERATOR, code)
    async with new_uow().reading() as uow:
        notices = await uow.notices.find(issue_id=view.issue.id)
    return [e.kind for e in view.events], len(notices)


def trace(code: str) -> tuple[list[str], int]:
    """The issue's timeline kinds and how many notices it has queued."""
    return seed(lambda new_uow: _notices(new_uow, code))


# 1. A group's chat id


RULE = (
    "a Telegram group's id is a negative number such as -1001234567890, which the bot says "
    "when it is added to the group"
)


@pytest.mark.parametrize(
    ("chat", "message"),
    [
        ("abc", f"'abc' is not a group's id: {RULE}"),
        ("12345", f"12345 is a private chat, not a group: {RULE}"),
        ("0", f"'0' is not a group's id: {RULE}"),
        ("-0", f"'-0' is not a group's id: {RULE}"),
        ("-99999999999999999", f"'-99999999999999999' is not a group's id: {RULE}"),
    ],
)
def test_link_group_refuses_what_is_not_a_telegram_group(
    cli: Cli, initialised: Path, chat: str, message: str
) -> None:
    cli.ok("taskforce", "group", "alu", GROUP)
    assert refused(cli("taskforce", "group", "alu", chat)) == message
    assert group_of(cli, "alu") == GROUP


def test_a_group_id_takes_surrounding_spaces(cli: Cli, initialised: Path) -> None:
    assert cli.ok("taskforce", "group", "alu", f" {GROUP} ").out == (
        f"alu (高端铝业): Telegram group {GROUP}\n"
    )


def test_init_refuses_a_configured_group_that_is_not_one(cli: Cli, initialised: Path) -> None:
    with_config_group(initialised, "12345")
    result = cli("init")
    assert (result.code, result.lines[-1]) == (1, "database: up to date")
    assert result.err == (
        f"zhibao: error: task force alu: group_chat 12345 is a private chat, not a group: {RULE}\n"
    )
    assert group_of(cli, "alu") == "-"


# 2. `issues show` names who and where


def test_show_names_the_project_task_forces_officer_and_leaders(cli: Cli, city: City) -> None:
    cli.ok("issues", "assign", city.routed, "赵专员")
    cli.ok("issues", "co-handle", city.routed, "energy")
    lines = cli.ok("issues", "show", city.routed).lines
    assert lines[1:9] == [
        "enterprise:    滨州宏达铝业有限公司",
        "project:       铝箔扩建 (stage: signed)",
        "task force:    alu (高端铝业)",
        "co-handling:   energy (新能源新材料)",
        "assignee:      赵专员 (named to claim it; not signed yet)",
        "leader:        李副市长 (supervises alu)",
        "supervision:   李副市长 (督办)",
        lines[8],
    ]
    assert lines[8].startswith("filed:")
    header = next(i for i, line in enumerate(lines) if line.startswith("when"))
    assert lines[header].split() == ["when", "what", "by", "to", "state", "text"]
    rows = {line.split()[2]: line.split()[3:] for line in lines[header + 1 :]}
    assert rows["routed"][:2] == ["system", "alu"]
    assert rows["member_assigned"][:2] == ["operator", "赵专员"]
    assert rows["co_handler_added"][:2] == ["operator", "energy"]


def test_show_names_where_a_transfer_went_and_who_stays_accountable(cli: Cli, city: City) -> None:
    cli.ok("issues", "transfer", city.routed, "chem", "--reason", "属于化工")
    lines = cli.ok("issues", "show", city.routed).lines
    assert "task force:    chem (高端化工)" in lines
    accountable = "alu (高端铝业), first to receive it (首接负责), until chem signs"
    assert f"accountable:   {accountable}" in lines
    assert "leader:        -" in lines and "assignee:      -" in lines
    transferred = next(line for line in lines if " transferred " in line)
    assert "chem (高端化工)" in transferred and transferred.endswith("属于化工")


async def _ask_and_return(new_uow: UnitOfWorkFactory, city: City) -> None:
    """赵专员 asks to pass the routed issue to chem, and returns the other one to the desk."""
    ctx = build_context(default_settings())
    now = datetime.now(UTC)
    await teamwork.transfer(new_uow(), ctx, city.officer, city.routed, "chem", "属于化工", now)
    await teamwork.dispatch(new_uow(), ctx, OPERATOR, city.unrouted, "alu", now)
    await teamwork.return_issue(new_uow(), ctx, city.officer, city.unrouted, "不归本专班", now)


def test_show_names_a_waiting_request_and_who_returned_an_issue(cli: Cli, city: City) -> None:
    seed(lambda new_uow: _ask_and_return(new_uow, city))
    asked = cli.ok("issues", "show", city.routed).lines
    request = "transfer to chem (高端化工), asked by 赵专员, waiting for the lead: 属于化工"
    assert f"request:       {request}" in asked
    assert asked[-1].split()[2:6] == ["transfer_requested", "赵专员", "chem", "(高端化工)"]
    returned = cli.ok("issues", "show", city.unrouted).lines
    assert "task force:    -" in returned
    assert (
        "accountable:   alu (高端铝业), first to receive it (首接负责), until a task force signs"
        in returned
    )
    assert returned[-1].split()[2:8] == [
        "returned",
        "赵专员",
        "office,",
        "from",
        "alu",
        "(高端铝业)",
    ]


def test_show_as_json_puts_names_beside_the_ids(cli: Cli, city: City) -> None:
    cli.ok("issues", "assign", city.routed, "Li Ming")
    cli.ok("issues", "co-handle", city.routed, "chem")
    data = json.loads(cli.ok("issues", "show", city.routed, "--json").out)
    assert data["enterprise_name"] == "滨州宏达铝业有限公司" and data["enterprise_id"] > 0
    assert data["project_name"] == "铝箔扩建" and data["project_id"] > 0
    assert (data["task_force_code"], data["task_force_name"]) == ("alu", "高端铝业")
    assert data["task_force_id"] > 0
    assert [(t["code"], t["name"]) for t in data["co_handlers"]] == [("chem", "高端化工")]
    assert data["assignee_name"] == "Li Ming" and data["assignee_id"] > 0
    assert (data["supervising_leader_id"], data["supervising_leader_name"]) == (
        city.leader,
        "李副市长",
    )
    assert (data["supervised_by"], data["supervised_by_name"]) == (city.leader, "李副市长")
    events = {e["kind"]: e for e in data["timeline"]}
    assert events["member_assigned"]["assignee_name"] == "Li Ming"
    assert events["member_assigned"]["data"]["assignee_id"] == data["assignee_id"]
    assert events["co_handler_added"]["task_force_code"] == "chem"
    assert events["co_handler_added"]["task_force_name"] == "高端化工"
    assert events["routed"]["task_force_code"] == "alu"


def test_list_names_the_task_force_and_the_officer(cli: Cli, city: City) -> None:
    cli.ok("issues", "assign", city.routed, "赵专员")
    lines = cli.ok("issues", "list").lines
    assert lines[0].split()[:6] == ["code", "state", "urgency", "category", "task", "force"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows[city.routed][4:6] == ["alu", "赵专员"]
    assert rows[city.unrouted][4:6] == ["-", "-"]
    data = {i["code"]: i for i in json.loads(cli.ok("issues", "list", "--json").out)}
    assert data[city.routed]["assignee_name"] == "赵专员"
    assert data[city.unrouted]["task_force_code"] is None


# 3. Naming the officer who is named already


def test_assigning_the_named_officer_again_is_refused_and_changes_nothing(
    cli: Cli, city: City
) -> None:
    cli.ok("issues", "assign", city.routed, "赵专员")
    before = trace(city.routed)
    message = refused(cli("issues", "assign", city.routed, "赵专员"))
    assert message == f"that officer is named to claim {city.routed} already"
    assert trace(city.routed) == before
    assert before[0].count("member_assigned") == 1


# 4. Off the happy path


@pytest.mark.parametrize("code", ["ZB-6", "6", "", "ZB-2026-1"])
@pytest.mark.parametrize("command", [("show",), ("assign", "{code}", "赵专员")])
def test_what_is_not_an_issue_code_says_what_one_looks_like(
    cli: Cli, initialised: Path, code: str, command: tuple[str, ...]
) -> None:
    argv = [code if a == "{code}" else a for a in command]
    if command == ("show",):
        argv.append(code)
    message = refused(cli("issues", *argv), status=2)
    assert message.endswith(
        f"argument CODE: {code!r} is not an issue code such as ZB-2026-000123 "
        "(`zhibao issues list` shows them)"
    )


def test_assign_finds_a_name_typed_with_other_spaces_or_case(cli: Cli, city: City) -> None:
    result = cli.ok("issues", "assign", city.routed.lower(), " li   MING ")
    assert re.fullmatch(
        rf"{city.routed} assigned to Li Ming, now assigned; \d+ notice\(s\) queued\n", result.out
    )


def test_transfer_to_a_helping_task_force_ends_its_help(cli: Cli, city: City) -> None:
    cli.ok("issues", "co-handle", city.routed, "chem")
    cli.ok("issues", "transfer", city.routed, "chem", "--reason", "属于化工")
    data = json.loads(cli.ok("issues", "show", city.routed, "--json").out)
    assert data["task_force_code"] == "chem" and data["co_handlers"] == []
    cli.ok("issues", "co-handle", city.routed, "alu")

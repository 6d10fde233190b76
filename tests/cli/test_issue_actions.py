"""The operator's actions under `zhibao issues`: dispatch, transfer, assign, reject, reopen and
co-handle, through the use cases, each saying what happened or why not in one line."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.bootstrap import build_context
from bot.config import default_settings
from bot.domain.people import OPERATOR, Role
from bot.services import follow_up, teamwork
from bot.services.directory import NewOfficial, add_official
from bot.services.filing import FilingRequest, file_issue
from bot.services.ports import UnitOfWorkFactory
from bot.services.registration import EnterpriseRegistration, register_enterprise
from tests.cli.conftest import Cli, Result, seed

QUEUED = r"; \d+ notice\(s\) queued"


@dataclass(frozen=True)
class City:
    """Codes of the seeded issues and ids of the seeded officials."""

    unrouted: str
    other: str
    closed: str
    officer: int
    lead: int


async def _city(new_uow: UnitOfWorkFactory) -> City:
    """Officials of alu and an office desk; two unrouted issues and a closed one."""
    ctx = build_context(default_settings())
    now = datetime.now(UTC)

    async def official(name: str, role: Role, *teams: str) -> int:
        new = NewOfficial(name, frozenset({role}), task_forces=teams)
        person = await add_official(new_uow(), OPERATOR, new)
        assert person.id is not None
        return person.id

    officer = await official("赵专员", Role.OFFICER, "alu")
    lead = await official("孙组长", Role.LEAD, "alu")
    await official("钱专员", Role.OFFICER, "chem")
    await official("市政府办", Role.OFFICE)
    reg = EnterpriseRegistration("滨州宏达铝业有限公司", "91350100M000100Y43", "王经理")
    _, member = await register_enterprise(new_uow(), reg, now)
    assert member.id is not None
    codes = []
    for text in ("有件事情需要政府帮忙协调", "想了解一下相关政策", "厂区门前道路需要修缮"):
        request = FilingRequest(text=text)
        codes.append((await file_issue(new_uow(), ctx, member.id, request, now)).issue.code)
    closed = codes[2]
    await teamwork.dispatch(new_uow(), ctx, OPERATOR, closed, "alu", now)
    await teamwork.claim(new_uow(), ctx, officer, closed, now)
    await teamwork.resolve(new_uow(), ctx, officer, closed, "已修缮", now + timedelta(minutes=1))
    await follow_up.confirm(new_uow(), ctx, member.id, closed, now + timedelta(minutes=2))
    return City(codes[0], codes[1], closed, officer, lead)


@pytest.fixture
def city(initialised: Path) -> City:
    """The seeded city in the initialised folder's database."""
    return seed(_city)


def refused(result: Result) -> str:
    """The one error line of a refused command, after checking nothing was printed."""
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("zhibao: error: ") and result.err.count("\n") == 1
    return result.err.removeprefix("zhibao: error: ").rstrip("\n")


def timeline(cli: Cli, code: str) -> list[tuple[str, str]]:
    """Each timeline entry's kind and who wrote it."""
    data = json.loads(cli.ok("issues", "show", code, "--json").out)
    return [(e["kind"], e["actor"]) for e in data["timeline"]]


def test_dispatch_gives_an_unrouted_issue_to_a_task_force(cli: Cli, city: City) -> None:
    result = cli.ok("issues", "dispatch", city.unrouted, "alu", "--note", "请尽快联系企业")
    assert re.fullmatch(
        rf"{city.unrouted} dispatched to alu \(高端铝业\), now assigned{QUEUED}\n", result.out
    )
    assert timeline(cli, city.unrouted)[-1] == ("dispatched", "operator")
    again = refused(cli("issues", "dispatch", city.unrouted.lower(), "chem"))
    assert again == (
        f"cannot dispatch {city.unrouted} while it is assigned; that is possible only while it "
        "is filed or returned"
    )


def test_transfer_moves_the_issue_to_another_task_force(cli: Cli, city: City) -> None:
    cli.ok("issues", "dispatch", city.unrouted, "alu")
    result = cli.ok("issues", "transfer", city.unrouted, "chem", "--reason", "属于化工企业")
    assert re.fullmatch(
        rf"{city.unrouted} transferred to chem \(高端化工\), now assigned{QUEUED}\n", result.out
    )
    same = refused(cli("issues", "transfer", city.unrouted, "chem", "--reason", "再转"))
    assert same == f"{city.unrouted}: the issue is already with that task force"
    blank = refused(cli("issues", "transfer", city.unrouted, "alu", "--reason", "  "))
    assert blank == f"{city.unrouted}: reason must not be empty"


def test_assign_names_the_officer_by_name_or_id(cli: Cli, city: City) -> None:
    cli.ok("issues", "dispatch", city.unrouted, "alu")
    by_name = cli.ok("issues", "assign", city.unrouted, "赵专员")
    assert re.fullmatch(
        rf"{city.unrouted} assigned to 赵专员, now assigned{QUEUED}\n", by_name.out
    )
    by_id = cli.ok("issues", "assign", city.unrouted, str(city.lead))
    assert by_id.out.startswith(f"{city.unrouted} assigned to 孙组长, now assigned")
    assert timeline(cli, city.unrouted)[-1] == ("member_assigned", "operator")


def test_assign_refuses_people_outside_the_task_force(cli: Cli, city: City) -> None:
    filed = refused(cli("issues", "assign", city.unrouted, "赵专员"))
    assert filed == f"{city.unrouted} has no task force; dispatch it first"
    cli.ok("issues", "dispatch", city.unrouted, "alu")
    listed = f"赵专员 ({city.officer}), 孙组长 ({city.lead})"
    for who in ("钱专员", "999"):
        message = refused(cli("issues", "assign", city.unrouted, who))
        assert message == f"{who!r} is not an officer of alu; its officers: {listed}"


def test_reject_declines_a_filed_issue(cli: Cli, city: City) -> None:
    result = cli.ok("issues", "reject", city.other, "--reason", "不属于政府职责范围")
    assert re.fullmatch(rf"{city.other} rejected \(不予受理\), now rejected{QUEUED}\n", result.out)
    late = refused(cli("issues", "reject", city.closed, "--reason", "x"))
    assert late == (
        f"cannot reject {city.closed} while it is closed; that is possible only while it is "
        "filed or returned"
    )


def test_reopen_brings_a_closed_issue_back(cli: Cli, city: City) -> None:
    result = cli.ok("issues", "reopen", city.closed, "--reason", "企业反映问题仍未解决")
    assert re.fullmatch(rf"{city.closed} reopened, now in progress{QUEUED}\n", result.out)
    assert timeline(cli, city.closed)[-1] == ("reopened", "operator")
    again = refused(cli("issues", "reopen", city.closed, "--reason", "x"))
    assert again == (
        f"cannot reopen {city.closed} while it is in progress; that is possible only while it "
        "is closed"
    )


def test_co_handle_adds_a_helping_task_force(cli: Cli, city: City) -> None:
    cli.ok("issues", "dispatch", city.unrouted, "alu")
    result = cli.ok("issues", "co-handle", city.unrouted, "chem")
    assert re.fullmatch(
        rf"{city.unrouted} gets help from chem \(高端化工\) as co-handler \(协办\), now "
        rf"assigned{QUEUED}\n",
        result.out,
    )
    assert refused(cli("issues", "co-handle", city.unrouted, "chem")) == (
        f"{city.unrouted}: that task force already handles the issue"
    )
    assert refused(cli("issues", "co-handle", city.closed, "chem")) == (
        f"cannot add a co-handling task force to {city.closed} while it is closed; that is "
        "possible only while it is assigned or acknowledged or in progress or waiting for the "
        "enterprise or answered"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("dispatch", "ZB-2026-999999", "alu"), "no issue ZB-2026-999999"),
        (("dispatch", "{unrouted}", "nope"), "{unrouted}: no task force 'nope'"),
        (("co-handle", "{unrouted}", "nope"), "{unrouted}: no task force 'nope'"),
        (("reopen", "zb-2026-999999", "--reason", "x"), "no issue ZB-2026-999999"),
    ],
)
def test_unknown_issues_and_task_forces_are_named(
    cli: Cli, city: City, argv: tuple[str, ...], message: str
) -> None:
    filled = [a.format(unrouted=city.unrouted) for a in argv]
    assert refused(cli("issues", *filled)) == message.format(unrouted=city.unrouted)


@pytest.mark.parametrize("action", ["transfer", "reject", "reopen"])
def test_a_reason_is_required(cli: Cli, city: City, action: str) -> None:
    extra = ("alu",) if action == "transfer" else ()
    result = cli("issues", action, city.unrouted, *extra)
    assert (result.code, result.out) == (2, "")
    assert "the following arguments are required: --reason" in result.err

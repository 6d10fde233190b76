"""`zhibao taskforce link-group` / `unlink-group`, and `zhibao init` never undoing a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.errors import NotAllowed
from bot.domain.model import TaskForce
from bot.domain.people import OPERATOR, Role
from bot.services.directory import NewOfficial, add_official, link_group
from bot.services.ports import UnitOfWorkFactory
from tests.cli.conftest import Cli, seed

GROUP = "-1001234567890"


def group_of(cli: Cli, code: str) -> str:
    """The group column of `taskforce list` for one task force."""
    lines = cli.ok("taskforce", "list").lines
    assert lines[0].split()[-2:] == ["group", "active"]
    row = next(line for line in lines[1:] if line.split()[0] == code)
    return row.split()[-2]


def with_config_group(folder: Path, group: str) -> None:
    """Give alu a group_chat in the folder's zhibao.toml."""
    config = folder / "zhibao.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('group_chat = ""', f'group_chat = "{group}"', 1), "utf-8")


def test_link_and_unlink_a_group(cli: Cli, initialised: Path) -> None:
    linked = cli.ok("taskforce", "link-group", "alu", GROUP)
    assert linked.out == f"alu (高端铝业): group {GROUP}\n"
    assert group_of(cli, "alu") == GROUP and group_of(cli, "chem") == "-"
    again = cli.ok("taskforce", "link-group", "ALU", GROUP)
    assert again.out == f"alu (高端铝业): group {GROUP} (unchanged)\n"
    moved = cli.ok("taskforce", "link-group", "alu", "-100777")
    assert moved.out == f"alu (高端铝业): group -100777, replacing {GROUP}\n"
    assert cli.ok("taskforce", "unlink-group", "alu").out == (
        "alu (高端铝业): no group now (was -100777)\n"
    )
    assert (
        cli.ok("taskforce", "unlink-group", "alu").out
        == "alu (高端铝业): had no group (unchanged)\n"
    )
    assert group_of(cli, "alu") == "-"


def test_init_twice_keeps_a_group_linked_by_command(cli: Cli, initialised: Path) -> None:
    cli.ok("taskforce", "link-group", "alu", GROUP)
    for _ in range(2):
        assert cli.ok("init").lines[2] == "task forces: up to date"
        assert group_of(cli, "alu") == GROUP


def test_the_configured_group_applies_to_a_task_force_without_one(
    cli: Cli, initialised: Path
) -> None:
    with_config_group(initialised, "-100555")
    assert cli.ok("init").lines[2:] == ["task forces: updated alu"]
    assert group_of(cli, "alu") == "-100555"
    assert cli.ok("init").lines[2:] == ["task forces: up to date"]


def test_a_linked_group_wins_over_the_configured_one_and_init_says_so(
    cli: Cli, initialised: Path
) -> None:
    cli.ok("taskforce", "link-group", "alu", GROUP)
    with_config_group(initialised, "-100555")
    result = cli.ok("init")
    assert result.lines[2:] == [
        "task forces: up to date",
        f"task force alu: keeps its group {GROUP} from the database; zhibao.toml says -100555, "
        "which applies only to a task force without a group (change it with "
        "`zhibao taskforce link-group alu CHAT_ID`)",
    ]
    assert group_of(cli, "alu") == GROUP


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("link-group", "nope", GROUP), "no task force 'nope'"),
        (("link-group", "alu", "-100 1"), "'-100 1' is not a group's id"),
        (("link-group", "chem", GROUP), f"chat {GROUP} is the group of alu already"),
        (("unlink-group", "nope"), "no task force 'nope'"),
    ],
)
def test_bad_links_are_refused_and_change_nothing(
    cli: Cli, initialised: Path, argv: tuple[str, ...], message: str
) -> None:
    cli.ok("taskforce", "link-group", "alu", GROUP)
    result = cli("taskforce", *argv)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("zhibao: error: ") and message in result.err
    assert result.err.count("\n") == 1
    assert group_of(cli, "alu") == GROUP and group_of(cli, "chem") == "-"


async def _lead_and_officer_link(new_uow: UnitOfWorkFactory) -> tuple[TaskForce, str]:
    """The alu lead links alu's group; an alu officer tries to unlink it, and chem's lead too."""
    lead = await add_official(
        new_uow(), OPERATOR, NewOfficial("孙组长", frozenset({Role.LEAD}), task_forces=("alu",))
    )
    officer = await add_official(
        new_uow(), OPERATOR, NewOfficial("赵专员", frozenset({Role.OFFICER}), task_forces=("alu",))
    )
    other = await add_official(
        new_uow(), OPERATOR, NewOfficial("钱组长", frozenset({Role.LEAD}), task_forces=("chem",))
    )
    assert lead.id is not None and officer.id is not None and other.id is not None
    linked = await link_group(new_uow(), lead.id, "alu", GROUP)
    refusals = []
    for person_id in (officer.id, other.id):
        with pytest.raises(NotAllowed) as refused:
            await link_group(new_uow(), person_id, "alu", None)
        refusals.append(str(refused.value))
    assert refusals[0] == refusals[1]
    return linked, refusals[0]


def test_the_lead_may_link_the_group_and_an_officer_or_another_lead_may_not(
    cli: Cli, initialised: Path
) -> None:
    linked, refusal = seed(_lead_and_officer_link)
    assert linked.group_chat == GROUP
    assert refusal == "only an admin or the lead of alu may link or unlink its group"
    assert group_of(cli, "alu") == GROUP

"""`zhibao taskforce group` on each channel, and
`zhibao init` never undoing a link."""

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
WECOM_GROUP = "appchat:alu2026"


def group_of(cli: Cli, code: str, channel: str = "telegram") -> str:
    """The group column of `taskforce list` on a channel for one task force."""
    lines = cli.ok("taskforce", "list").lines
    assert lines[0].split()[-5:] == ["telegram", "group", "wecom", "group", "active"]
    row = next(line for line in lines[1:] if line.split()[0] == code)
    telegram, wecom, _ = row.split()[-3:]
    return {"telegram": telegram, "wecom": wecom}[channel]


def with_config_group(folder: Path, group: str) -> None:
    """Give alu a group_chat in the folder's zhibao.toml."""
    config = folder / "zhibao.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('group_chat = ""', f'group_chat = "{group}"', 1), "utf-8")


def test_link_and_unlink_a_group(cli: Cli, initialised: Path) -> None:
    linked = cli.ok("taskforce", "group", "alu", GROUP)
    assert linked.out == f"alu (高端铝业): Telegram group {GROUP}\n"
    assert group_of(cli, "alu") == GROUP and group_of(cli, "chem") == "-"
    again = cli.ok("taskforce", "group", "ALU", GROUP)
    assert again.out == f"alu (高端铝业): Telegram group {GROUP} (unchanged)\n"
    moved = cli.ok("taskforce", "group", "alu", "-100777")
    assert moved.out == f"alu (高端铝业): Telegram group -100777, replacing {GROUP}\n"
    assert cli.ok("taskforce", "group", "alu", "--clear").out == (
        "alu (高端铝业): no Telegram group now (was -100777)\n"
    )
    assert (
        cli.ok("taskforce", "group", "alu", "--clear").out
        == "alu (高端铝业): had no Telegram group (unchanged)\n"
    )
    assert group_of(cli, "alu") == "-"


def test_init_twice_keeps_a_group_linked_by_command(cli: Cli, initialised: Path) -> None:
    cli.ok("taskforce", "group", "alu", GROUP)
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
    cli.ok("taskforce", "group", "alu", GROUP)
    with_config_group(initialised, "-100555")
    result = cli.ok("init")
    assert result.lines[2:] == [
        "task forces: up to date",
        f"task force alu: keeps its Telegram group {GROUP} from the database; zhibao.toml "
        "says -100555, which applies only to a task force without a group there (change it "
        "with `zhibao taskforce group alu CHAT_ID`)",
    ]
    assert group_of(cli, "alu") == GROUP


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("group", "nope", GROUP), "no task force 'nope'"),
        (("group", "alu", "-100 1"), "'-100 1' is not a group's id"),
        (("group", "chem", GROUP), f"chat {GROUP} is the group of alu already"),
        (("group", "nope", "--clear"), "no task force 'nope'"),
    ],
)
def test_bad_links_are_refused_and_change_nothing(
    cli: Cli, initialised: Path, argv: tuple[str, ...], message: str
) -> None:
    cli.ok("taskforce", "group", "alu", GROUP)
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
    assert linked.group_chats == {"telegram": GROUP}
    assert refusal == "only an admin or the lead of alu may link or unlink its group"
    assert group_of(cli, "alu") == GROUP


def test_a_group_on_each_channel(cli: Cli, initialised: Path) -> None:
    assert cli.ok("taskforce", "group", "alu", GROUP).out == (
        f"alu (高端铝业): Telegram group {GROUP}\n"
    )
    wecom = cli.ok("taskforce", "group", "alu", "alu2026", "--channel", "wecom")
    assert wecom.out == f"alu (高端铝业): WeCom group {WECOM_GROUP}\n"
    assert (group_of(cli, "alu"), group_of(cli, "alu", "wecom")) == (GROUP, WECOM_GROUP)
    # A group belongs to one task force on its channel, there as on Telegram.
    taken = cli("taskforce", "group", "chem", WECOM_GROUP, "--channel", "wecom")
    assert taken.code == 1 and f"chat {WECOM_GROUP} is the group of alu already" in taken.err
    cleared = cli.ok("taskforce", "group", "alu", "--clear", "--channel", "wecom")
    assert cleared.out == f"alu (高端铝业): no WeCom group now (was {WECOM_GROUP})\n"
    assert (group_of(cli, "alu"), group_of(cli, "alu", "wecom")) == (GROUP, "-")
    assert cli.ok("taskforce", "group", "alu", "--clear").out == (
        f"alu (高端铝业): no Telegram group now (was {GROUP})\n"
    )


GROUP_REFUSALS = [
    (("group", "alu"), "give the group's CHAT_ID, or --clear to leave the task force without"),
    (("group", "alu", GROUP, "--clear"), "give CHAT_ID or --clear, not both"),
    (("group", "alu", WECOM_GROUP), f"{WECOM_GROUP} is a WeCom group; add --channel wecom"),
    (("group", "alu", GROUP, "--channel", "wecom"), f"'{GROUP}' is not a group's id"),
    (("group", "alu", "appchat:alu-1", "--channel", "wecom"), "a WeCom group's id is"),
]


def test_group_refuses_what_it_cannot_do(cli: Cli, initialised: Path) -> None:
    for argv, message in GROUP_REFUSALS:
        result = cli("taskforce", *argv)
        assert (result.code, result.out) == (1, ""), argv
        assert result.err.startswith("zhibao: error: ") and message in result.err
    assert (group_of(cli, "alu"), group_of(cli, "alu", "wecom")) == ("-", "-")


def test_a_channel_that_does_not_exist_is_an_argument_error(cli: Cli, initialised: Path) -> None:
    result = cli("taskforce", "group", "alu", GROUP, "--channel", "line")
    assert result.code == 2 and "invalid choice: 'line'" in result.err


def test_the_configured_wecom_group_applies_to_a_task_force_without_one(
    cli: Cli, initialised: Path
) -> None:
    config = initialised / "zhibao.toml"
    text = config.read_text(encoding="utf-8")
    line = 'group_chat = ""'
    config.write_text(text.replace(line, f'{line}\nwecom_group_chat = "alu2026"', 1), "utf-8")
    assert cli.ok("init").lines[2:] == ["task forces: updated alu"]
    assert (group_of(cli, "alu"), group_of(cli, "alu", "wecom")) == ("-", WECOM_GROUP)
    assert cli.ok("init").lines[2:] == ["task forces: up to date"]

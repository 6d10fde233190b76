"""`zhibao person channel` and `person show`: accounts per channel, and the preferred one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.services.directory import NewOfficial, add_official
from bot.services.ports import UnitOfWorkFactory
from tests.cli.conftest import Cli, seed


async def _officials(new_uow: UnitOfWorkFactory) -> None:
    """赵专员 on Telegram and WeCom; 钱专员 on Telegram only; 孙组长 not joined."""
    accounts = {
        "赵专员": (ChannelIdentity("telegram", "2001", "2001"), ChannelIdentity("wecom", "zhao")),
        "钱专员": (ChannelIdentity("telegram", "2002", "2002"),),
        "孙组长": (),
    }
    for name, identities in accounts.items():
        role = Role.LEAD if name == "孙组长" else Role.OFFICER
        person = await add_official(
            new_uow(), OPERATOR, NewOfficial(name, frozenset({role}), task_forces=("alu",))
        )
        assert person.id is not None
        async with new_uow() as uow:
            for identity in identities:
                await uow.people.add_identity(person.id, identity)
            await uow.commit()


def listed(cli: Cli) -> dict[str, list[str]]:
    """Each person's channels and preferred columns in `person list`, by name."""
    lines = cli.ok("person", "list").lines
    assert lines[0].split()[-2:] == ["channels", "preferred"]
    return {row[1]: [" ".join(row[6:-1]), row[-1]] for row in map(str.split, lines[1:])}


def test_a_person_prefers_a_channel_they_joined_on(cli: Cli, initialised: Path) -> None:
    seed(_officials)
    assert listed(cli) == {
        "赵专员": ["telegram:2001,wecom:zhao", "auto"],
        "钱专员": ["telegram:2002", "auto"],
        "孙组长": ["not joined", "-"],
    }
    chosen = cli.ok("person", "channel", "赵专员", "wecom")
    assert chosen.out == "赵专员: notices go to WeCom first\n"
    again = cli.ok("person", "channel", "赵专员", "wecom")
    assert again.out == "赵专员: notices go to WeCom first (unchanged)\n"
    assert listed(cli)["赵专员"] == ["telegram:2001,wecom:zhao", "wecom"]
    auto = cli.ok("person", "channel", "赵专员", "auto")
    assert auto.out == "赵专员: auto (notices go to any channel they are on)\n"
    assert listed(cli)["赵专员"][1] == "auto"


def test_a_channel_the_person_is_not_on_is_refused_in_plain_words(
    cli: Cli, initialised: Path
) -> None:
    seed(_officials)
    refused = cli("person", "channel", "钱专员", "wecom")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "zhibao: error: 钱专员 has no WeCom account linked, so notices cannot go there first; "
        "they are on Telegram only\n"
    )
    absent = cli("person", "channel", "孙组长", "telegram")
    assert absent.err.endswith("they have not joined any chat yet\n")
    nobody = cli("person", "channel", "李四", "telegram")
    assert "nobody is named '李四'" in nobody.err
    assert cli("person", "channel", "钱专员", "line").code == 2
    assert listed(cli)["钱专员"][1] == "auto"


def test_person_show_has_an_account_line_per_channel(cli: Cli, initialised: Path) -> None:
    seed(_officials)
    cli.ok("person", "channel", "赵专员", "telegram")
    shown = cli.ok("person", "show", "赵专员").lines
    assert shown[1:] == [
        "name:        赵专员",
        "key:         -",
        "roles:       officer",
        "task forces: alu",
        "enterprise:  -",
        "phone:       -",
        "telegram:    2001",
        "wecom:       zhao",
        "preferred:   telegram",
    ]
    lead = cli.ok("person", "show", "孙组长").lines
    assert lead[-3:] == ["telegram:    not joined", "wecom:       not joined", "preferred:   -"]


async def _wecom_only(new_uow: UnitOfWorkFactory) -> None:
    """An officer of alu who joined on WeCom only."""
    person = await add_official(
        new_uow(), OPERATOR, NewOfficial("周专员", frozenset({Role.OFFICER}), task_forces=("alu",))
    )
    assert person.id is not None
    async with new_uow() as uow:
        await uow.people.add_identity(person.id, ChannelIdentity("wecom", "zhou"))
        await uow.commit()


def test_doctor_looks_at_the_channels_the_city_runs(
    cli: Cli, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIBAO_WECOM_ENABLED", "false")  # a city on Telegram only
    seed(_wecom_only)
    cli.ok("taskforce", "group", "alu", "-1001234567890")
    cli.ok("taskforce", "group", "chem", "appchat:chem01", "--channel", "wecom")
    lines = cli.ok("doctor", "--at", "2026-06-01").lines
    assert (
        "WARNING  周专员 (officer of alu) is on WeCom only, which the city does not run: notices "
        "to them are not delivered (the admins are alerted); run WeCom too, or have them join "
        "on Telegram"
    ) in lines
    assert (
        "WARNING  task force chem: its WeCom group appchat:chem01 gets nothing, as the city "
        "does not run WeCom"
    ) in lines
    assert (
        "ok       groups: 1 of 10 active task forces have a group on Telegram; the others' "
        "officers are told one by one"
    ) in lines

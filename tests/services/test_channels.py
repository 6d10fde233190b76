"""A task force's group on each channel, and a person's preferred channel (§12)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.bootstrap import configured_task_forces
from bot.config import default_settings
from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import TaskForce
from bot.domain.people import OPERATOR, ChannelIdentity
from bot.services.directory import GroupConflict, check_group_chat, link_group, sync_task_forces
from bot.services.ports import UnitOfWorkFactory
from bot.services.preferences import prefer_channel
from tests.conftest import POSTGRES
from tests.services.city import City
from tests.services.test_filing import notices_of, recipients

TG = "-1001234567890"
WECOM_GROUP = "appchat:alu2026"


def configured(**groups: dict[str, str]) -> list[TaskForce]:
    """The default task forces, with the given groups by code."""
    return [
        replace(t, group_chats=groups.get(t.code, {}))
        for t in configured_task_forces(default_settings())
    ]


async def groups_of(new_uow: UnitOfWorkFactory, code: str) -> dict[str, str]:
    """The task force's groups as stored."""
    async with new_uow().reading() as uow:
        team = await uow.task_forces.by_code(code)
    assert team is not None
    return team.group_chats


async def test_the_file_fills_in_each_channel_without_a_group_and_keeps_linked_ones(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await sync_task_forces(uow_factory(), configured(alu={"wecom": "alu2026"}))
    assert await groups_of(uow_factory, "alu") == {"wecom": WECOM_GROUP}
    await link_group(uow_factory(), OPERATOR, "alu", "appchat:Linked01", "wecom")
    synced = await sync_task_forces(
        uow_factory(), configured(alu={"telegram": TG, "wecom": WECOM_GROUP})
    )
    assert synced.changes == ["updated alu"]
    assert synced.conflicts == [GroupConflict("alu", "appchat:Linked01", WECOM_GROUP, "wecom")]
    assert await groups_of(uow_factory, "alu") == {"wecom": "appchat:Linked01", "telegram": TG}


async def test_a_chat_is_the_group_of_one_task_force_per_channel(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await sync_task_forces(uow_factory(), configured())
    await link_group(uow_factory(), OPERATOR, "alu", TG)
    await link_group(uow_factory(), OPERATOR, "alu", WECOM_GROUP, "wecom")
    with pytest.raises(InvalidInput, match=f"chat {WECOM_GROUP} is the group of alu already"):
        await link_group(uow_factory(), OPERATOR, "chem", WECOM_GROUP, "wecom")
    cleared = await link_group(uow_factory(), OPERATOR, "alu", None, "wecom")
    assert cleared.group_chats == {"telegram": TG}
    await link_group(uow_factory(), OPERATOR, "chem", "alu2026", "wecom")
    assert await groups_of(uow_factory, "chem") == {"wecom": WECOM_GROUP}
    assert await groups_of(uow_factory, "alu") == {"telegram": TG}


@pytest.mark.parametrize(
    ("chat", "channel", "problem"),
    [
        ("appchat:" + "a" * 33, "wecom", "is not a group's id: a WeCom group's id is appchat:"),
        ("appchat:alu-2026", "wecom", "is not a group's id"),
        ("appchat:", "wecom", "is not a group's id"),
        (TG, "wecom", f"'{TG}' is not a group's id"),
        (WECOM_GROUP, "telegram", "a Telegram group's id is a negative number"),
        (TG, "line", "no channel 'line'; channels: telegram, wecom"),
    ],
)
def test_group_ids_are_checked_as_their_channel_writes_them(
    chat: str, channel: str, problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_group_chat(chat, channel)
    assert problem in str(refused.value)


def test_a_wecom_group_is_written_with_its_prefix() -> None:
    assert check_group_chat(" Alu2026 ", "wecom") == "appchat:Alu2026"
    assert check_group_chat("appchat:" + "9" * 32, "wecom") == "appchat:" + "9" * 32


@pytest.mark.parametrize("uow_backend", ["fake"], indirect=True)
async def test_only_a_group_on_a_channel_the_city_runs_takes_the_post(city: City) -> None:
    city.ctx = replace(city.ctx, channels=("telegram",))
    await link_group(city.new_uow(), OPERATOR, "alu", None)
    await link_group(city.new_uow(), OPERATOR, "alu", WECOM_GROUP, "wecom")
    alu = await groups_of(city.new_uow, "alu")
    assert alu == {"wecom": WECOM_GROUP}
    telegram_only = await city.file()
    heard = recipients(await notices_of(city, telegram_only.issue.id))
    assert {kind for kind, *_ in heard} == {"person"}
    assert {who for _, who, *_ in heard} == {city.officer, city.officer2, city.lead}
    city.ctx = replace(city.ctx, channels=("telegram", "wecom"))
    both = await city.file("第二个问题")
    assert {kind for kind, *_ in recipients(await notices_of(city, both.issue.id))} == {"group"}


@pytest.mark.parametrize("uow_backend", ["fake", POSTGRES], indirect=True)
async def test_a_person_prefers_only_a_channel_they_joined_on(city: City) -> None:
    member = city.member  # joined on Telegram only
    person = await prefer_channel(city.new_uow(), OPERATOR, member, "telegram")
    assert person.preferred_channel == "telegram"
    with pytest.raises(InvalidInput) as refused:
        await prefer_channel(city.new_uow(), OPERATOR, member, "wecom")
    assert str(refused.value) == (
        "王经理 has no WeCom account linked, so notices cannot go there first; "
        "they are on Telegram only"
    )
    async with city.new_uow() as uow:
        await uow.people.add_identity(member, ChannelIdentity("wecom", "wangjingli"))
        await uow.commit()
    assert (await prefer_channel(city.new_uow(), member, member, "wecom")).preferred_channel
    with pytest.raises(NotAllowed):
        await prefer_channel(city.new_uow(), city.officer, member, None)
    assert (await prefer_channel(city.new_uow(), OPERATOR, member, None)).preferred_channel is None
    with pytest.raises(InvalidInput, match="have not joined any chat yet"):
        await prefer_channel(city.new_uow(), OPERATOR, city.officer, "telegram")

"""/settings names the quiet hours in force, the default's own hours too (§9, issue 12)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from bot.dialogs.engine import Dialogs
from bot.dialogs.turn import DialogDeps
from bot.i18n.catalog import default_catalog
from bot.services import sessions
from tests.dialogs.officials import with_accounts
from tests.services.city import City


async def test_an_official_sees_the_officials_default(dialogs: Dialogs, city: City) -> None:
    chat = (await with_accounts(dialogs, city)).private("officer")
    await chat.command("settings")
    assert chat.last().text.splitlines()[1] == "免打扰时段：默认（22:00–07:30）"


async def test_an_enterprise_member_sees_the_enterprises_default(
    dialogs: Dialogs, city: City
) -> None:
    member = (await with_accounts(dialogs, city)).member()
    await member.command("settings")
    assert member.last().text.splitlines()[1] == "免打扰时段：默认（21:00–08:00）"


async def test_the_default_is_the_citys_own_in_the_readers_language(city: City) -> None:
    ctx = replace(city.ctx, quiet_hours=(time(23), time(6, 30)))
    dialogs = Dialogs(DialogDeps(city.new_uow, ctx, default_catalog()))
    chat = (await with_accounts(dialogs, city)).private("lead")
    await sessions.save_language(city.new_uow(), city.lead, "en")
    await chat.command("settings")
    assert chat.last().text.splitlines()[1:] == [
        "Quiet hours: default (23:00–06:30)",
        "Muted: no",
    ]


async def test_a_default_of_no_quiet_hours_says_so(city: City) -> None:
    ctx = replace(city.ctx, enterprise_quiet_hours=(time(0), time(0)))
    dialogs = Dialogs(DialogDeps(city.new_uow, ctx, default_catalog()))
    member = (await with_accounts(dialogs, city)).member()
    await member.command("settings")
    assert member.last().text.splitlines()[1] == "免打扰时段：默认（不设免打扰）"


async def test_chosen_hours_are_shown_as_chosen(dialogs: Dialogs, city: City) -> None:
    member = (await with_accounts(dialogs, city)).member()
    await member.command("settings")
    await member.press("22:00–07:30")
    assert member.last().text.splitlines()[1] == "免打扰时段：22:00–07:30"
    await member.press("不设免打扰")
    assert member.last().text.splitlines()[1] == "免打扰时段：不设免打扰"

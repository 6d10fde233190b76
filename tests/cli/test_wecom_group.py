"""`zhibao wecom group CODE`: the app makes the task force's WeCom group and links it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.people import ChannelIdentity
from bot.services.invites import accept_invite
from bot.services.ports import UnitOfWorkFactory
from sandbox.wecom import (
    DEFAULT_AES_KEY,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    DEFAULT_TOKEN,
    WeComSandbox,
    WeComSandboxServer,
)
from tests.cli.conftest import Cli, Result, seed
from tests.cli.test_person_invites import invite_of


@pytest.fixture
def corp(monkeypatch: pytest.MonkeyPatch) -> Iterator[WeComSandbox]:
    """The WeCom emulator on a thread of its own (the command line runs its own loop), and
    the app's configuration pointing at it."""
    loop = asyncio.new_event_loop()
    server = WeComSandboxServer()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    base = asyncio.run_coroutine_threadsafe(server.start(), loop).result(10)
    settings = {
        "CORP_ID": DEFAULT_CORP_ID,
        "AGENT_ID": str(DEFAULT_AGENT_ID),
        "SECRET": DEFAULT_SECRET,
        "TOKEN": DEFAULT_TOKEN,
        "ENCODING_AES_KEY": DEFAULT_AES_KEY,
        "BASE_URL": base,
    }
    for key, value in settings.items():
        monkeypatch.setenv(f"ZHIBAO_WECOM_{key}", value)
    yield server.sandbox
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def joined_on_wecom(result: Result, userid: str) -> None:
    """Redeem the printed invite from a WeCom account, as /start CODE sent to the app does."""
    code = invite_of(result)["code"]

    async def redeem(new_uow: UnitOfWorkFactory) -> None:
        identity = ChannelIdentity("wecom", userid, userid)
        await accept_invite(new_uow(), code, identity, userid, datetime.now(UTC))

    seed(redeem)


def test_the_group_is_made_with_the_officials_on_wecom_and_linked(
    cli: Cli, initialised: Path, corp: WeComSandbox
) -> None:
    assert "at least 2" in cli("wecom", "group", "alu").err
    for name, role, userid in (("孙组长", "lead", "sunzz"), ("赵专员", "officer", "zhaozy")):
        corp.add_member(userid, name)
        added = cli.ok("person", "add", "--name", name, "--role", role, "--task-force", "alu")
        joined_on_wecom(added, userid)
    done = cli.ok("wecom", "group", "alu")
    assert done.out == "alu (高端铝业): WeCom group appchat:zbalu, 2 members\n"
    listed = cli.ok("taskforce", "list").out
    assert "appchat:zbalu" in listed
    again = cli("wecom", "group", "alu")
    assert again.code == 1 and "WeCom refused to make the group" in again.err


def test_without_the_app_the_command_says_what_to_set(cli: Cli, initialised: Path) -> None:
    refused = cli("wecom", "group", "alu")
    assert refused.code == 1
    assert "the WeCom app is not configured: set ZHIBAO_WECOM_CORP_ID" in refused.err


def test_a_bad_chat_id_is_refused(cli: Cli, initialised: Path, corp: WeComSandbox) -> None:
    for name, role, userid in (("孙组长", "lead", "sunzz"), ("赵专员", "officer", "zhaozy")):
        corp.add_member(userid, name)
        joined_on_wecom(
            cli.ok("person", "add", "--name", name, "--role", role, "--task-force", "alu"), userid
        )
    refused = cli("wecom", "group", "alu", "--chat-id", "铝 group")
    assert refused.code == 1 and "is not a WeCom group chatid" in refused.err

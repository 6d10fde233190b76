"""Joining in Telegram: an enterprise registers with the contact button; an official's invite."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from app.main import build_parser
from bot.domain.people import OPERATOR, Role
from bot.services import follow_up, sessions
from bot.services.invites import create_invite
from bot.services.queries import show_issue
from tests.services.city import ALU_GROUP
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import bot_messages, last_text, press
from tests.telegram.test_officer_flow import OFFICER, filed, officials

NEWCOMER, LEAD, NEW_LEAD = 9001, 8201, 8202


async def test_an_enterprise_registers_with_the_contact_button(loop: Loop) -> None:
    loop.sandbox.create_user(user_id=NEWCOMER, first_name="林", language_code="zh-hans")
    for text in ("/start", "滨州新材料科技有限公司", "913716000000000000", "林芳"):
        loop.sandbox.send_text(NEWCOMER, text)
        await loop.turn()
    asking = bot_messages(loop, NEWCOMER)[-1]
    keyboard = (asking.reply_markup or {}).get("keyboard", [])
    assert keyboard[0][0]["request_contact"] is True
    loop.sandbox.share_contact(NEWCOMER, "+8613800000000")
    await loop.turn()
    assert last_text(loop, NEWCOMER).startswith("注册成功")
    person = await sessions.identify(loop.city.new_uow(), "telegram", str(NEWCOMER))
    assert person is not None and person.phone == "+8613800000000"


async def extension_asked(loop: Loop) -> str:
    """A new issue the alu officer signed for in the group and asked to extend; its code."""
    city = loop.city
    code = await filed(loop)
    await press(loop, int(ALU_GROUP), "签收", user_id=OFFICER)
    await follow_up.request_extension(
        city.new_uow(),
        city.ctx,
        city.officer,
        code,
        date(2026, 12, 22),
        "需要协调电网",
        city.later(hours=1),
    )
    await loop.turn()
    return code


async def test_a_lead_joins_by_invite_link_and_approves_an_extension(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    issued = await create_invite(city.new_uow(), city.ctx, OPERATOR, Role.LEAD, city.now, "alu")
    loop.sandbox.create_user(user_id=LEAD, first_name="冯组长", language_code="en")
    loop.sandbox.send_text(LEAD, f"/start {issued.code}")
    await loop.turn()
    assert last_text(loop, LEAD).startswith("Welcome, 冯组长")
    code = await extension_asked(loop)
    await press(loop, LEAD, "Approve", user_id=LEAD)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.events[-1].kind == "extension_approved"


async def test_a_lead_added_at_the_command_line_joins_by_the_printed_invite_and_approves(
    loop: Loop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    await officials(loop)
    city = loop.city
    # `zhibao person add` run in-process against the bot's database, from an empty folder.
    for name in [n for n in os.environ if n.startswith("ZHIBAO_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ZHIBAO_DATABASE_URL", f"sqlite:///{loop.db.sqlite_file}")
    monkeypatch.chdir(tmp_path)
    argv = ["person", "add", "--name", "新组长", "--role", "lead", "--task-force", "alu"]
    args = build_parser().parse_args(argv)
    capsys.readouterr()
    assert await args.handler(args) == 0
    printed = capsys.readouterr().out
    assert "alu (高端铝业): lead (replacing 孙组长)" in printed
    found = re.search(r"^link:\s+https://t\.me/zhibao_bot\?start=(\S+)$", printed, re.M)
    assert found is not None, printed
    loop.sandbox.create_user(user_id=NEW_LEAD, first_name="Xin", language_code="en")
    loop.sandbox.send_text(NEW_LEAD, f"/start {found[1]}")
    await loop.turn()
    assert last_text(loop, NEW_LEAD).startswith("Welcome, 新组长: you have joined the task force")
    joined = await sessions.identify(city.new_uow(), "telegram", str(NEW_LEAD))
    assert joined is not None and joined.name == "新组长" and joined.roles == {Role.LEAD}
    code = await extension_asked(loop)
    assert code in last_text(loop, NEW_LEAD)
    await press(loop, NEW_LEAD, "Approve", user_id=NEW_LEAD)
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.events[-1].kind == "extension_approved"
    assert view.events[-1].actor_id == joined.id

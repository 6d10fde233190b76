"""Officials added at the command line join their chat by an invite made for them (§14)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.people import ChannelIdentity
from bot.services.invites import Joined, accept_invite
from bot.services.ports import UnitOfWorkFactory
from tests.cli.conftest import Cli, Result, seed

FIELD = re.compile(r"^([a-z]+):\s+(.*)$")


def invite_of(result: Result) -> dict[str, str]:
    """The code, link, person and expiry lines a command printed."""
    return {m[1]: m[2] for line in result.lines if (m := FIELD.match(line))}


def join(result: Result, user: str) -> Joined:
    """Redeem the printed invite from a Telegram account, as /start CODE does."""
    code = invite_of(result)["code"]

    async def redeem(new_uow: UnitOfWorkFactory) -> Joined:
        identity = ChannelIdentity("telegram", user, user)
        return await accept_invite(new_uow(), code, identity, "tg name", datetime.now(UTC))

    return seed(redeem)


def channels(cli: Cli) -> dict[str, str]:
    """Each person's channels column in `person list`, by name."""
    rows = [line.split() for line in cli.ok("person", "list").lines[1:]]
    return {row[1]: " ".join(row[6:-1]) for row in rows}


def test_person_add_prints_an_invite_that_links_their_chat(cli: Cli, initialised: Path) -> None:
    added = cli.ok("person", "add", "--name", "新组长", "--role", "lead", "--task-force", "food")
    person_id = int(added.lines[0].split()[2].rstrip(":"))
    assert added.lines[2] == "新组长 joins their chat by this one-time invite:"
    fields = invite_of(added)
    assert fields["link"] == f"https://t.me/zhibao_bot?start={fields['code']}"
    assert fields["person"] == f"新组长 (id {person_id})"
    assert "expires" in fields
    assert channels(cli) == {"新组长": "not joined"}
    joined = join(added, "5001")
    assert (joined.person.id, joined.person.name, joined.role) == (person_id, "新组长", "lead")
    assert joined.task_force is not None and joined.task_force.code == "food"
    rows = cli.ok("person", "list").lines[1:]
    assert len(rows) == 1, "no second person was made"
    assert rows[0].split()[1:5] == ["新组长", "-", "lead", "food"]
    assert channels(cli) == {"新组长": "telegram:5001"}
    teams = {line.split()[0]: line for line in cli.ok("taskforce", "list").lines[1:]}
    assert "新组长" in teams["food"]


def test_invite_create_for_a_person_by_name_or_id(cli: Cli, initialised: Path) -> None:
    cli.ok("person", "add", "--name", "市政府办", "--role", "office", "--key", "gov-office")
    by_name = cli.ok("invite", "create", "--person", "市政府办")
    assert by_name.lines[0] == "市政府办 joins their chat by this one-time invite:"
    person = invite_of(by_name)["person"]
    by_id = cli.ok("invite", "create", "--person", person.split("id ")[1].rstrip(")"))
    assert invite_of(by_id)["person"] == person
    assert invite_of(by_id)["code"] != invite_of(by_name)["code"]
    # Either code links the chat; the other then finds the person joined.
    join(by_id, "5002")
    result = cli("invite", "create", "--person", "市政府办")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "zhibao: error: 市政府办 has joined in chat already (telegram), so they need no invite\n"
    )


def test_invite_create_for_a_person_refuses_what_names_nobody_or_several(
    cli: Cli, initialised: Path
) -> None:
    for _ in range(2):
        cli.ok("person", "add", "--name", "王主任", "--role", "office")
    cases = [
        (("--person", "李四"), "nobody is named '李四'; `zhibao person list` shows everyone"),
        (
            ("--person", "王主任"),
            "several people are named '王主任' (ids 1, 2); give the id instead",
        ),
        (
            ("--person", "1", "--role", "office"),
            "--role does not go with --person: the official keeps the roles and task forces "
            "they have",
        ),
        (("--task-force", "alu"), "give --role ROLE, or --person NAME_OR_ID for an official's "
         "own invite"),
    ]  # fmt: skip
    for argv, message in cases:
        result = cli("invite", "create", *argv)
        assert (result.code, result.out, result.err) == (1, "", f"zhibao: error: {message}\n")


def test_doctor_warns_about_each_official_who_must_act_and_has_not_joined(
    cli: Cli, initialised: Path
) -> None:
    lead = cli.ok("person", "add", "--name", "新组长", "--role", "lead", "--task-force", "food")
    cli.ok("person", "add", "--name", "赵专员", "--role", "officer", "--task-force", "alu")
    cli.ok("person", "add", "--name", "钱市长", "--role", "leader", "--task-force", "chem")
    cli.ok("person", "add", "--name", "市政府办", "--role", "office")
    cli.ok("person", "add", "--name", "孙书记", "--role", "principal")
    warnings = [line for line in cli.ok("doctor", "--at", "2026-06-01").lines if "joined" in line]
    hint = (
        "has not joined in chat: notices to them are not delivered (the admins are alerted); "
        "give them"
    )
    assert warnings == [
        f"WARNING  新组长 (lead of food) {hint} `zhibao invite create --person 新组长`",
        f"WARNING  赵专员 (officer of alu) {hint} `zhibao invite create --person 赵专员`",
        f"WARNING  钱市长 (supervising leader of chem) {hint} "
        "`zhibao invite create --person 钱市长`",
        f"WARNING  市政府办 (office) {hint} `zhibao invite create --person 市政府办`",
    ]
    join(lead, "5001")
    after = cli.ok("doctor", "--at", "2026-06-01")
    assert not any("新组长" in line for line in after.lines)
    assert after.lines[-1] == "0 error(s), 3 warning(s)"


def test_doctor_names_by_id_whom_a_shared_name_would_not_name(cli: Cli, initialised: Path) -> None:
    cli.ok("person", "add", "--name", "王主任", "--role", "office")
    cli.ok("person", "add", "--name", "王主任", "--role", "officer", "--task-force", "alu")
    cli.ok("person", "add", "--name", "Li Ming", "--role", "office")
    warnings = [line for line in cli.ok("doctor", "--at", "2026-06-01").lines if "joined" in line]
    assert [line.rsplit(" ", 1)[-1] for line in warnings[:2]] == ["1`", "2`"]
    assert warnings[2].endswith("`zhibao invite create --person 'Li Ming'`")
    assert all(line.startswith("WARNING") for line in warnings)

"""`zhibao init`, `zhibao db upgrade` and `zhibao doctor` in a fresh folder."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from bot.config import default_config_text
from tests.cli.conftest import TASK_FORCES, Cli
from tests.cli.test_person_invites import join

# The last year the installed chinesecalendar knows.
PACKAGE_LAST_YEAR = max(d.year for d in chinese_calendar.holidays)


def test_init_writes_the_default_config_the_database_and_ten_task_forces(
    cli: Cli, folder: Path
) -> None:
    result = cli.ok("init")
    assert (folder / "zhibao.toml").read_text(encoding="utf-8") == default_config_text()
    assert (folder / "zhibao.db").is_file()
    assert result.lines[0] == "configuration: wrote zhibao.toml"
    assert result.lines[1].startswith("database: applied ")
    added = result.lines[2].removeprefix("task forces: ").split(", ")
    assert added == [f"added {code}" for code in TASK_FORCES]


def test_init_twice_keeps_everything(cli: Cli, initialised: Path) -> None:
    config = initialised / "zhibao.toml"
    config.write_text(config.read_text(encoding="utf-8") + "# edited by hand\n", "utf-8")
    before = config.read_bytes()
    result = cli.ok("init")
    assert result.lines == [
        "configuration: zhibao.toml (kept)",
        "database: up to date",
        "task forces: up to date",
    ]
    assert config.read_bytes() == before


def test_global_config_option_before_init_writes_there(cli: Cli, folder: Path) -> None:
    result = cli.ok("--config", "other.toml", "init")
    assert result.lines[0] == "configuration: wrote other.toml"
    assert (folder / "other.toml").read_text(encoding="utf-8") == default_config_text()
    assert not (folder / "zhibao.toml").exists()


def test_init_accepts_config_after_the_command(cli: Cli, folder: Path) -> None:
    result = cli.ok("init", "--config", "other.toml")
    assert result.lines[0] == "configuration: wrote other.toml"
    assert (folder / "other.toml").is_file()


def test_db_upgrade_applies_the_migration_once(cli: Cli, folder: Path) -> None:
    first = cli.ok("db", "upgrade")
    assert first.out.startswith("database: applied ")
    assert (folder / "zhibao.db").is_file()
    assert cli.ok("db", "upgrade").out == "database: up to date\n"


def test_doctor_after_init_warns_that_nobody_holds_the_office_role(
    cli: Cli, initialised: Path
) -> None:
    result = cli.ok("doctor", "--at", "2026-06-01")
    warnings = [line for line in result.lines if line.startswith("WARNING")]
    assert warnings == [
        "WARNING  office desk: nobody holds the office role, so nobody can dispatch issues "
        "that routing could not place or read direct reports; create invites with "
        "`zhibao invite create --role office`"
    ]
    assert "ok       task forces: 10 active" in result.lines
    assert "ok       calendar: holidays known through 2026-07-31" in result.lines
    assert result.lines[-1] == "0 error(s), 1 warning(s)"


def test_doctor_is_satisfied_once_someone_holds_the_office_role_and_has_joined(
    cli: Cli, initialised: Path
) -> None:
    join(cli.ok("person", "add", "--name", "市政府办", "--role", "office"), "5001")
    result = cli.ok("doctor", "--at", "2026-06-01")
    assert "ok       officials: all who must act have joined in chat (1)" in result.lines
    assert "ok       office desk: 1 person(s) with the office role" in result.lines
    assert "ok       database: sqlite, migrations up to date" in result.lines
    assert result.lines[-1] == "0 error(s), 0 warning(s)"


def test_doctor_warns_when_the_next_sixty_days_reach_a_year_without_holidays(
    cli: Cli, initialised: Path
) -> None:
    # A warning while no deadline falls there yet; a deadline there is an error (test_issues).
    result = cli("doctor", "--at", "2026-11-15")
    assert (result.code, result.err) == (0, "")
    warnings = [line for line in result.lines if "no holiday data for 2027" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("WARNING  calendar: no holiday data for 2027, within the next")
    assert "docs/calendar.md" in warnings[0]


def test_doctor_today_judges_the_real_next_sixty_days(cli: Cli, initialised: Path) -> None:
    horizon = date.today() + timedelta(days=60)
    result = cli("doctor")
    uncovered = horizon.year > PACKAGE_LAST_YEAR
    assert result.code == 0, "an empty city has no deadline in an uncovered year"
    flagged = [line for line in result.lines if "no holiday data for" in line]
    assert bool(flagged) == uncovered


def test_doctor_prints_the_retired_keys_of_an_old_file(cli: Cli, initialised: Path) -> None:
    config = initialised / "zhibao.toml"
    old = '[dispatch]\ndesk = ["government-office"]\n'
    config.write_text(config.read_text(encoding="utf-8") + old, encoding="utf-8")
    result = cli.ok("doctor", "--at", "2026-06-01")
    assert (
        "WARNING  configuration: zhibao.toml: [dispatch] desk is no longer used: the dispatch "
        "desk is everyone who joined with the office role; create invites with "
        "`zhibao invite create --role office`"
    ) in result.lines


def test_doctor_refuses_a_bad_moment(cli: Cli, initialised: Path) -> None:
    result = cli("doctor", "--at", "tomorrow")
    assert (result.code, result.out) == (2, "")
    assert "argument --at: 'tomorrow' is not a date (YYYY-MM-DD)" in result.err


def test_doctor_without_a_database_fails_and_creates_none(cli: Cli, folder: Path) -> None:
    result = cli("doctor", "--at", "2026-06-01")
    assert result.code == 1
    assert result.err == ""
    assert any(line.startswith("ERROR") and "run `zhibao init`" in line for line in result.lines)
    assert result.lines[-1].startswith("1 error(s)")
    assert not (folder / "zhibao.db").exists()


def test_doctor_on_an_unmigrated_database_fails(cli: Cli, folder: Path) -> None:
    (folder / "zhibao.db").write_bytes(b"")  # an empty SQLite database
    result = cli("doctor")
    assert result.code == 1
    assert any(
        line.startswith("ERROR") and "migration(s); run `zhibao db upgrade`" in line
        for line in result.lines
    )


def test_commands_before_init_say_so_and_create_nothing(cli: Cli, folder: Path) -> None:
    for command in (("issues", "list"), ("taskforce", "list"), ("person", "list")):
        result = cli(*command)
        assert (result.code, result.out) == (1, ""), command
        assert result.err.strip().endswith("run `zhibao init` first")
    assert not (folder / "zhibao.db").exists()

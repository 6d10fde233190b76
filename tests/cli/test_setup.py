"""`zhibao init`, `zhibao db upgrade` and `zhibao doctor` in a fresh folder."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from bot.config import default_config_text
from tests.cli.conftest import TASK_FORCES, Cli

OFFICE_KEYS = ("party-office", "government-office")


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


def test_doctor_after_init_warns_about_office_keys_and_next_year(
    cli: Cli, initialised: Path
) -> None:
    result = cli.ok("doctor")
    warnings = [line for line in result.lines if line.startswith("WARNING")]
    for key in OFFICE_KEYS:
        assert any(f"no person with key {key!r}" in line for line in warnings)
    horizon = date.today() + timedelta(days=60)
    calendar = [line for line in warnings if "calendar: no holiday data for" in line]
    assert len(calendar) == 1 and str(horizon.year) in calendar[0]
    assert "ok       task forces: 10 active" in result.lines
    assert result.lines[-1].startswith("0 error(s)")


def test_doctor_is_satisfied_once_the_office_desks_exist(cli: Cli, initialised: Path) -> None:
    cli.ok("person", "add", "--name", "市委办", "--role", "office", "--key", "party-office")
    cli.ok("person", "add", "--name", "市政府办", "--role", "office", "--key", "government-office")
    result = cli.ok("doctor")
    assert not any("no person with key" in line for line in result.lines)
    assert "ok       database: sqlite, migrations up to date" in result.lines


def test_doctor_without_a_database_fails_and_creates_none(cli: Cli, folder: Path) -> None:
    result = cli("doctor")
    assert result.code == 1
    assert result.err == ""
    assert any(line.startswith("ERROR") and "run `zhibao init`" in line for line in result.lines)
    assert result.lines[-1].startswith("1 error(s)")
    assert not (folder / "zhibao.db").exists()


def test_doctor_on_an_unmigrated_database_fails(cli: Cli, folder: Path) -> None:
    (folder / "zhibao.db").write_bytes(b"")  # an empty SQLite database
    result = cli("doctor")
    assert result.code == 1
    assert any(line.startswith("ERROR") and "4 migration(s)" in line for line in result.lines)


def test_commands_before_init_say_so_and_create_nothing(cli: Cli, folder: Path) -> None:
    for command in (("issues", "list"), ("taskforce", "list"), ("person", "list")):
        result = cli(*command)
        assert (result.code, result.out) == (1, ""), command
        assert result.err.strip().endswith("run `zhibao init` first")
    assert not (folder / "zhibao.db").exists()

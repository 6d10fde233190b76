"""Broken configuration and unreachable databases: one line on stderr, exit 1, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, Result, clean_environment

ZHIBAO = Path(sys.executable).with_name("zhibao")
UNREACHABLE = "postgresql://nobody:s3cret-pw@127.0.0.1:1/none"


def one_error_line(result: Result, printed: str = "") -> str:
    """The single error line of a failed command, after checking exit status and stdout."""
    assert result.code == 1, result
    assert result.out == printed
    assert "Traceback" not in result.err
    assert result.err.count("\n") == 1 and result.err.endswith("\n")
    return result.err.removeprefix("zhibao: error: ").rstrip("\n")


def run_script(folder: Path, *argv: str, **env: str) -> Result:
    """The installed console script, run as a real process in `folder`."""
    done = subprocess.run(
        [str(ZHIBAO), *argv],
        cwd=folder,
        env={**clean_environment(), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[city\nname = 'x'\n", "zhibao.toml: line 1, column 6: invalid TOML"),
        ("[city]\nnmae = 'x'\n", "zhibao.toml: unknown key [city] nmae"),
        ('[clocks.normal]\nsign = "1x"\n', 'zhibao.toml: [clocks.normal] sign: "1x" is not a'),
    ],
)
@pytest.mark.parametrize(
    ("command", "printed"),
    [
        (("doctor",), ""),
        (("taskforce", "list"), ""),
        (("init",), "configuration: zhibao.toml (kept)\n"),
    ],
)
def test_a_broken_zhibao_toml_is_one_line_naming_file_and_key(
    cli: Cli, folder: Path, text: str, message: str, command: tuple[str, ...], printed: str
) -> None:
    (folder / "zhibao.toml").write_text(text, encoding="utf-8")
    assert one_error_line(cli(*command), printed).startswith(message)


def test_zhibao_config_naming_a_missing_file(
    cli: Cli, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = folder / "elsewhere" / "city.toml"
    monkeypatch.setenv("ZHIBAO_CONFIG", str(missing))
    line = one_error_line(cli("taskforce", "list"))
    assert line == f"{missing}: no such file (named by ZHIBAO_CONFIG)"


def test_an_unreachable_postgresql_is_named_with_its_password_masked(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIBAO_DATABASE_URL", UNREACHABLE)
    line = one_error_line(cli("person", "list"))
    assert line.startswith(
        "cannot reach database postgresql+asyncpg://nobody:***@127.0.0.1:1/none"
    )
    assert "s3cret-pw" not in line


def test_doctor_reports_an_unreachable_database_as_an_error(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIBAO_DATABASE_URL", UNREACHABLE)
    result = cli("doctor", "--at", "2026-06-01")  # a day whose next 60 days are covered
    assert (result.code, result.err) == (1, "")
    errors = [line for line in result.lines if line.startswith("ERROR")]
    assert len(errors) == 1 and "127.0.0.1:1/none" in errors[0]
    assert "s3cret-pw" not in result.out


def test_the_console_script_runs_a_command(folder: Path) -> None:
    result = run_script(folder, "calendar", "is-workday", "2026-10-10")
    assert (result.code, result.err) == (0, "")
    assert result.out.split()[0] == "yes"
    initialised = run_script(folder, "init")
    assert (initialised.code, initialised.err) == (0, "")
    assert (folder / "zhibao.toml").is_file() and (folder / "zhibao.db").is_file()


def test_the_console_script_fails_without_a_traceback(folder: Path) -> None:
    (folder / "zhibao.toml").write_text("[city]\nnmae = 'x'\n", encoding="utf-8")
    broken = run_script(folder, "doctor")
    assert one_error_line(broken) == "zhibao.toml: unknown key [city] nmae"
    (folder / "zhibao.toml").unlink()
    unreachable = run_script(folder, "taskforce", "list", ZHIBAO_DATABASE_URL=UNREACHABLE)
    assert "nobody:***@127.0.0.1:1/none" in one_error_line(unreachable)
    assert "s3cret-pw" not in unreachable.err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (("issues", "list", "--limit", "abc"), "--limit"),
        (("run", "--sandbox-port", "abc"), "--sandbox-port"),
        (("run", "--playground-port", "abc"), "--playground-port"),
        (("sandbox", "--port", "abc"), "--port"),
        (("calendar", "add-workdays", "2026-10-01", "abc"), "N"),
    ],
)
def test_every_number_option_names_the_bad_value_in_words(
    cli: Cli, argv: tuple[str, ...], option: str
) -> None:
    result = cli(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f": error: argument {option}: 'abc' is not a whole number\n")
    assert "invalid" not in result.err and "_positive" not in result.err


def test_the_sandbox_port_of_run_has_help(cli: Cli) -> None:
    text = " ".join(cli("run", "--help").out.split())
    assert (
        "--sandbox-port PORT the local Telegram sandbox's port without a token (default 8081, "
        "or $ZHIBAO_SANDBOX_PORT)"
    ) in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("calendar", "add-workdays", "9999-12-30", "5"), "argument DATE: '9999-12-30'"),
        (("calendar", "is-workday", "0001-01-01"), "argument DATE: '0001-01-01'"),
        (("doctor", "--at", "9999-12-31"), "argument --at: '9999-12-31'"),
        (("issues", "list", "--at", "0001-01-01T09:00"), "argument --at: '0001-01-01T09:00'"),
    ],
)
def test_a_date_beyond_the_calendar_is_refused_in_words(
    cli: Cli, initialised: Path, argv: tuple[str, ...], message: str
) -> None:
    result = cli(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"{message} is out of range: give a year from 1970 to 2999\n")


@pytest.mark.parametrize(
    ("argv", "option", "value"),
    [
        (("sandbox", "--port", "99999"), "--port", "99999"),
        (("run", "--sandbox-port", "0"), "--sandbox-port", "0"),
        (("run", "--playground-port", "-1"), "--playground-port", "-1"),
    ],
)
def test_a_port_out_of_range_is_refused_before_anything_starts(
    cli: Cli, initialised: Path, argv: tuple[str, ...], option: str, value: str
) -> None:
    result = cli(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"argument {option}: '{value}' is not a port: give 1 to 65535\n")
    assert not (initialised / "zhibao-playground.clock").exists()


def test_a_port_from_the_environment_is_checked_too(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIBAO_SANDBOX_PORT", "99999")
    result = cli("sandbox")
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith("argument --port: '99999' is not a port: give 1 to 65535\n")

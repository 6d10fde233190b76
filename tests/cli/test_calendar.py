"""`zhibao calendar is-workday` and `zhibao calendar add-workdays` on the built-in calendar."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize(
    ("day", "answer", "why"),
    [
        ("2026-10-01", "no", "public holiday"),
        ("2026-10-10", "yes", "make-up working day (调休)"),
        ("2026-10-12", "yes", "working day"),
        ("2026-10-17", "no", "weekend"),
        ("2026-09-20", "yes", "make-up working day (调休)"),
    ],
)
def test_is_workday(cli: Cli, day: str, answer: str, why: str) -> None:
    words = cli.ok("calendar", "is-workday", day).out.split()
    assert words[:2] == [answer, day]
    assert " ".join(words[3:]) == why


@pytest.mark.parametrize(
    ("day", "n", "result"),
    [
        # The 2026 National Day break is 1–7 October; 8 October is a working day again.
        ("2026-09-30", "1", "2026-10-08 Thursday"),
        ("2026-10-08", "-1", "2026-09-30 Wednesday"),
        ("2026-10-09", "1", "2026-10-10 Saturday"),
        ("2026-10-01", "0", "2026-10-08 Thursday"),
        ("2026-09-24", "1", "2026-09-28 Monday"),
    ],
)
def test_add_workdays(cli: Cli, day: str, n: str, result: str) -> None:
    assert cli.ok("calendar", "add-workdays", day, n).out == f"{result}\n"


def test_an_impossible_date_is_refused_by_name(cli: Cli) -> None:
    result = cli("calendar", "is-workday", "2026-02-30")
    assert (result.code, result.out) == (2, "")
    assert "'2026-02-30' is not a date in the form YYYY-MM-DD" in result.err


def test_a_non_number_of_days_is_refused(cli: Cli) -> None:
    result = cli("calendar", "add-workdays", "2026-10-01", "abc")
    assert (result.code, result.out) == (2, "")
    assert "invalid int value: 'abc'" in result.err


def test_a_year_without_holiday_data_is_answered_with_a_warning(cli: Cli) -> None:
    result = cli("calendar", "is-workday", "2027-03-03")
    assert result.code == 0
    assert result.out.startswith("yes 2027-03-03 Wednesday")
    assert result.err.startswith("warning: no holiday data for 2027")
    assert result.err.count("\n") == 1


def test_override_in_zhibao_toml_covers_a_new_year(cli: Cli) -> None:
    with open("zhibao.toml", "w", encoding="utf-8") as config:
        config.write("[calendar]\ndays_off = [2027-01-01]\ncovered_years = [2027]\n")
    assert cli.ok("calendar", "is-workday", "2027-01-01").out.startswith("no ")
    assert cli.ok("calendar", "is-workday", "2027-03-03").out.startswith("yes ")

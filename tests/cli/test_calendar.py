"""`zhibao calendar is-workday` and `zhibao calendar add-workdays` on the built-in calendar."""

from __future__ import annotations

from datetime import date
from importlib import metadata

import chinese_calendar
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
    assert result.err.endswith("error: argument N: 'abc' is not a whole number\n")


@pytest.mark.parametrize(
    ("day", "guess"),
    [("2027-01-01", "a working day"), ("2027-03-06", "a day off")],
)
def test_a_day_in_a_year_without_holiday_data_is_unknown(cli: Cli, day: str, guess: str) -> None:
    result = cli("calendar", "is-workday", day)
    assert (result.code, result.err) == (3, "")
    weekday = date.fromisoformat(day).strftime("%A")
    assert result.out == (
        f"unknown {day} {weekday}: no holiday data for 2027; Monday–Friday would count it as "
        f"{guess} (see `zhibao calendar years`)\n"
    )


def test_counting_into_a_year_without_holiday_data_is_unknown(cli: Cli) -> None:
    result = cli("calendar", "add-workdays", "2026-12-30", "3")
    assert (result.code, result.err) == (3, "")
    assert result.out.startswith("unknown 2027-01-04 Monday: no holiday data for 2027;")
    assert cli.ok("calendar", "add-workdays", "2026-12-28", "3").out == "2026-12-31 Thursday\n"


def test_too_many_days_are_refused(cli: Cli) -> None:
    result = cli("calendar", "add-workdays", "2026-10-01", "4000")
    assert (result.code, result.out) == (1, "")
    assert result.err == "zhibao: error: N must be between -3650 and 3650, not 4000\n"


def test_calendar_alone_lists_the_covered_years_and_their_source(cli: Cli) -> None:
    version = metadata.version("chinesecalendar")
    first = min(d.year for d in chinese_calendar.holidays)
    last = max(d.year for d in chinese_calendar.holidays)
    lines = cli.ok("calendar").lines
    assert lines == cli.ok("calendar", "years").lines
    assert lines[0] == f"{first}–{last} the chinesecalendar package {version}"
    assert lines[-1].startswith("other years: not covered; Monday–Friday count")
    assert len(lines) == 2


def test_calendar_years_names_the_file_and_the_days_it_lists(cli: Cli) -> None:
    with open("zhibao.toml", "w", encoding="utf-8") as config:
        config.write(
            "[calendar]\ndays_off = [2026-12-31, 2027-01-01, 2028-01-03]\n"
            "workdays = [2027-02-06]\ncovered_years = [2027]\n"
        )
    lines = cli.ok("calendar", "years").lines
    assert lines[1:4] == [
        "2026      the chinesecalendar package "
        f"{metadata.version('chinesecalendar')}, with 1 day(s) off and 0 make-up working "
        "day(s) listed in zhibao.toml [calendar]",
        "2027      zhibao.toml [calendar] covered_years, with 1 day(s) off and 1 make-up "
        "working day(s) listed",
        "2028      not covered: 1 day(s) off and 0 make-up working day(s) listed in zhibao.toml "
        "[calendar], but the year is not in covered_years",
    ]
    assert cli.ok("calendar", "is-workday", "2028-01-03").out.startswith("no 2028-01-03")
    assert cli("calendar", "is-workday", "2028-01-04").code == 3


def test_override_in_zhibao_toml_covers_a_new_year(cli: Cli) -> None:
    with open("zhibao.toml", "w", encoding="utf-8") as config:
        config.write("[calendar]\ndays_off = [2027-01-01]\ncovered_years = [2027]\n")
    assert cli.ok("calendar", "is-workday", "2027-01-01").out.startswith("no ")
    assert cli.ok("calendar", "is-workday", "2027-03-03").out.startswith("yes ")

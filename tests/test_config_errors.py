"""Tests that every bad configuration is a ConfigError naming the file, the key and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

TF = '[[task_force]]\ncode = "alu"\nname_zh = "铝"\nname_en = "Al"\nindustries = ["alu"]\n'
SLUG_RULE = '(a-z, 0-9, "-" and "_", starting with a letter)'
RULE = '[[clocks.rule]]\nsign = "1h"\nreply = "1d"\nresolve = "2d"\n'


def write(folder: Path, text: str) -> Path:
    """A city's zhibao.toml with the given text."""
    path = folder / "zhibao.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path | None, environ: dict[str, str] | None = None) -> ConfigError:
    """The error that loading raises."""
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ or {})
    return caught.value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[clocks.normal]\nsign = "1x"',
            '[clocks.normal] sign: "1x" is not a duration such as "3d" or "2h"',
        ),
        (
            "[clocks.urgent]\nreply = 3",
            '[clocks.urgent] reply: 3 is not a duration such as "3d" or "2h"',
        ),
        ('[city]\nnmae = "x"', "unknown key [city] nmae"),
        ("[nmae]\nx = 1", "unknown key [nmae]"),
        ("timezone = 1", "unknown key timezone"),
        ('[clocks.fast]\nsign = "1h"', "unknown key [clocks.fast]"),
        ('city = "滨州"', '[city]: must be a table, not "滨州"'),
        ("[escalation]\nreminder_at = 1.5", "[escalation] reminder_at: must be between 0 and 1"),
        ("[escalation]\nreminder_at = 0", "[escalation] reminder_at: must be between 0 and 1"),
        ('[escalation]\nreminder_at = "75%"', '[escalation] reminder_at: "75%" is not a number'),
        (
            '[escalation]\nlevel3_after = "6h"',
            '[escalation] level3_after: must be later than level2_after ("1d"), not "6h"',
        ),
        (
            "[escalation]\nreopen_window_days = -1",
            "[escalation] reopen_window_days: must be at least 0, not -1",
        ),
        ("[dispatch]\nqueue = 1", "unknown key [dispatch]"),
        ("[direct_report]\nrecipients = [1]\nleaders = []", "unknown key [direct_report]"),
        ("task_force = []", "task_force: at least one [[task_force]] is needed"),
        ('task_force = "alu"', "task_force: must be an array of tables [[task_force]]"),
        (TF + TF, 'task_force[2]: duplicate code "alu"'),
        (
            TF.replace('"alu"', '"Alu"', 1),
            f'task_force[1].code: "Alu" is not a lowercase code {SLUG_RULE}',
        ),
        (
            TF.replace('"alu"', '"铝业"', 1),
            f'task_force[1].code: "铝业" is not a lowercase code {SLUG_RULE}',
        ),
        (TF.replace('name_zh = "铝"\n', ""), "task_force[1].name_zh: required key is missing"),
        (
            TF.replace('name_en = "Al"', 'name_en = " "'),
            "task_force[1].name_en: must not be empty",
        ),
        (TF + "nmae = 1\n", "unknown key task_force[1].nmae"),
        (
            TF + 'kind = "department"\n',
            'task_force[1].kind: "department" is not one of "industry", "team", "zone"',
        ),
        (
            TF + 'assignment = "random"\n',
            'task_force[1].assignment: "random" is not one of "claim", "round_robin"',
        ),
        (
            TF.replace('["alu"]', "[]"),
            "task_force[1].industries: an industry task force needs at least one industry",
        ),
        (
            TF + TF.replace('"alu"', '"al2"', 1),
            'task_force[2].industries: industry "alu" already belongs to "alu"',
        ),
        (
            TF + 'keywords = ["铝", ""]\n',
            'task_force[1].keywords: must be a list of strings, but has ""',
        ),
        (
            '[[category]]\ncode = "Land"\nname_zh = "土地"\nname_en = "Land"',
            f'category[1].code: "Land" is not a lowercase code {SLUG_RULE}',
        ),
        ("category = []", "category: at least one [[category]] is needed"),
        (
            '[[category]]\ncode = "land"\nname_zh = "土地"',
            "category[1].name_en: required key is missing",
        ),
        (
            RULE + 'category = "roads"\n',
            'clocks.rule[1].category: "roads" is not a category code (land, permits, utilities, '
            "financing, talent, policy, environment, logistics, other)",
        ),
        (
            RULE + 'task_force = "steel"\n',
            'clocks.rule[1].task_force: "steel" is not a task force code (alu, chem, textile, '
            "food, equip, energy, ict, health, agri, tourism)",
        ),
        (
            RULE + 'urgency = "asap"\n',
            'clocks.rule[1].urgency: "asap" is not an urgency (normal, urgent)',
        ),
        (RULE, "clocks.rule[1]: a rule needs at least one of category, urgency and task_force"),
        (
            RULE.replace('sign = "1h"\n', "") + 'urgency = "urgent"\n',
            "clocks.rule[1].sign: required key is missing",
        ),
        (
            '[city]\ntimezone = "Asia/Beijing"',
            '[city] timezone: "Asia/Beijing" is not a known timezone such as "Asia/Shanghai"',
        ),
        ('[city]\nlanguage = "fr"', '[city] language: "fr" is not one of "zh", "en"'),
        ('[city]\nname = ""', "[city] name: must not be empty"),
        (
            '[database]\nurl = "zhibao.db"',
            '[database] url: "zhibao.db" is not a database URL such as "sqlite:///zhibao.db"',
        ),
        (
            '[working_hours]\nperiods = ["09:00-08:00"]',
            "[working_hours] periods: working period 09:00-08:00 must end after it starts",
        ),
        (
            '[calendar]\ndays_off = ["2027-01-01"]',
            '[calendar] days_off: write dates without quotes: 2027-01-01, not "2027-01-01"',
        ),
        (
            "[calendar]\ndays_off = 2027-01-01",
            "[calendar] days_off: must be a list of dates such as [2027-01-01], not 2027-01-01",
        ),
        (
            "[calendar]\nworkdays = [2027-01-01T09:00:00]",
            "[calendar] workdays: must be a list of dates, but has 2027-01-01T09:00:00",
        ),
        (
            "[calendar]\ndays_off = [2027-01-01]\nworkdays = [2027-01-01]",
            "[calendar] workdays: 2027-01-01 is also listed in days_off",
        ),
        (
            '[calendar]\ncovered_years = ["2027"]',
            '[calendar] covered_years: must be a list of years, but has "2027"',
        ),
        (
            '[notifications]\nquiet_hours = "22:00"',
            '[notifications] quiet_hours: "22:00" is not a time range such as "22:00-07:30"',
        ),
        (
            '[notifications]\nquiet_hours = "25:00-07:00"',
            '[notifications] quiet_hours: "25:00-07:00" is not a time range such as "22:00-07:30"',
        ),
        (
            '[notifications]\nenterprise_quiet_hours = "08:00-08:00"',
            '[notifications] enterprise_quiet_hours: "08:00-08:00" starts and ends at the same '
            "time",
        ),
        (
            "[notifications]\ncoalesce_minutes = 2.5",
            "[notifications] coalesce_minutes: 2.5 is not a whole number",
        ),
        ("[invites]\nttl_days = 0", "[invites] ttl_days: must be at least 1, not 0"),
        ("[invites]\nttl_days = true", "[invites] ttl_days: true is not a whole number"),
        (
            '[telegram]\nbot_username = "@zhibao_bot"',
            '[telegram] bot_username: "@zhibao_bot" is not a Telegram bot username such as '
            '"zhibao_bot" (no "@")',
        ),
        (
            "[coordination]\nmin_investment_cny = 0",
            "[coordination] min_investment_cny: must be more than 0, not 0",
        ),
        (
            '[coordination]\nmin_foreign_investment_usd = "1亿"',
            '[coordination] min_foreign_investment_usd: "1亿" is not a number',
        ),
    ],
)
def test_bad_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text + "\n")
    error = error_of(path)
    assert str(error) == f"{path}: {message}"
    assert error.source == str(path)


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[city]\nname = "滨州市"\ntimezone = \n')
    assert str(error_of(path)) == f"{path}: line 3, column 12: invalid TOML (Invalid value)"


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "zhibao.toml"
    path.write_bytes('[city]\nname = "滨州市"\n'.encode("gbk"))
    assert str(error_of(path)) == f"{path}: is not UTF-8 text (byte 15)"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "zhibao.toml"
    path.write_bytes('[city]\nname = "东营市"\n'.encode("utf-8-sig"))
    assert load_settings(path, {}).city_name == "东营市"


def test_missing_files_given_explicitly(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    assert str(error_of(missing)) == f"{missing}: no such file"
    by_variable = error_of(None, {"ZHIBAO_CONFIG": str(missing)})
    assert str(by_variable) == f"{missing}: no such file (named by ZHIBAO_CONFIG)"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("ZHIBAO_INVITES_TTL_DAYS", "seven", '[invites] ttl_days: "seven" is not a whole number'),
        ("ZHIBAO_INVITES_TTL_DAYS", "0", "[invites] ttl_days: must be at least 1, not 0"),
        (
            "ZHIBAO_ESCALATION_REMINDER_AT",
            "nan",
            '[escalation] reminder_at: "nan" is not a number',
        ),
        (
            "ZHIBAO_CLOCKS_NORMAL_SIGN",
            "1x",
            '[clocks.normal] sign: "1x" is not a duration such as "3d" or "2h"',
        ),
        (
            "ZHIBAO_CALENDAR_DAYS_OFF",
            "2027-01-01,2027-13-01",
            '[calendar] days_off: "2027-13-01" is not a date such as 2027-01-01',
        ),
        (
            "ZHIBAO_CALENDAR_COVERED_YEARS",
            "2027,next",
            '[calendar] covered_years: "next" is not a whole number',
        ),
        (
            "ZHIBAO_CITY_TIMEZONE",
            "Mars/Olympus",
            '[city] timezone: "Mars/Olympus" is not a known timezone such as "Asia/Shanghai"',
        ),
    ],
)
def test_bad_environment_values_name_the_variable(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    path = write(tmp_path, '[city]\nname = "东营市"\n')
    error = error_of(path, {variable: value})
    assert str(error) == f"{variable} (over {path}): {message}"


def test_bad_environment_value_over_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    error = error_of(None, {"ZHIBAO_INVITES_TTL_DAYS": "0"})
    message = "[invites] ttl_days: must be at least 1, not 0"
    where = "ZHIBAO_INVITES_TTL_DAYS (over zhibao.toml (built-in defaults))"
    assert str(error) == f"{where}: {message}"


def test_a_resolution_time_beyond_the_extension_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zhibao.toml"
    path.write_text('[clocks.normal]\nresolve = "40d"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(path, environ={})
    message = str(refused.value)
    assert "zhibao.toml" in message and "[escalation] extension_cap" in message
    assert '"40d"' in message

"""Tests of loading zhibao.toml: defaults, a city's file over them, environment overrides."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest

from bot.config import (
    ConfigError,
    TaskForceConfig,
    default_config_text,
    default_settings,
    describe_overrides,
    load_settings,
)
from bot.config.environment import _convert
from bot.domain.calendar import DEFAULT_WORKING_HOURS, Duration, WorkingHours
from bot.domain.coordination import CoordinationThresholds
from bot.domain.policy import DEFAULT_POLICY, ClockDurations, PolicySnapshot

TASK_FORCES = ("alu", "chem", "textile", "food", "equip", "energy", "ict", "health", "agri")
CATEGORIES = ("land", "permits", "utilities", "financing", "talent", "policy", "environment")
DEFAULTS = default_settings()


def write(folder: Path, text: str) -> Path:
    """A city's zhibao.toml with the given text."""
    path = folder / "zhibao.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_have_the_ten_task_forces_and_nine_categories() -> None:
    assert tuple(tf.code for tf in DEFAULTS.task_forces) == (*TASK_FORCES, "tourism")
    assert tuple(c.code for c in DEFAULTS.categories) == (*CATEGORIES, "logistics", "other")
    alu = DEFAULTS.task_force("alu")
    assert alu is not None and (alu.name_zh, alu.name_en) == ("高端铝业", "High-end aluminium")
    assert (alu.kind, alu.industries, alu.assignment, alu.language) == (
        "industry",
        ("alu",),
        "claim",
        "zh",
    )
    assert alu.group_chat is None and "电解铝" in alu.keywords
    assert DEFAULTS.task_force("steel") is None
    category = DEFAULTS.category("policy")
    assert category is not None and category.name_zh == "政策兑现"
    assert DEFAULTS.category("nope") is None


def test_default_policy_and_scalars() -> None:
    assert DEFAULTS.policy == DEFAULT_POLICY
    assert DEFAULTS.thresholds == CoordinationThresholds()
    assert DEFAULTS.working_hours == DEFAULT_WORKING_HOURS
    assert (DEFAULTS.source, DEFAULTS.city_name, DEFAULTS.timezone) == (
        None,
        "滨州市",
        "Asia/Shanghai",
    )
    assert (DEFAULTS.language, DEFAULTS.database_url) == ("zh", "sqlite:///zhibao.db")
    assert DEFAULTS.extra_days_off == DEFAULTS.extra_workdays == DEFAULTS.extra_covered_years == ()
    assert DEFAULTS.warnings == ()
    assert DEFAULTS.quiet_hours == (time(22), time(7, 30))
    assert DEFAULTS.enterprise_quiet_hours == (time(21), time(8))
    assert (DEFAULTS.coalesce_minutes, DEFAULTS.invite_ttl_days) == (10, 7)
    scheduler = (DEFAULTS.sweep_seconds, DEFAULTS.dispatch_seconds, DEFAULTS.lease_seconds)
    assert (*scheduler, DEFAULTS.max_attempts) == (30, 2, 30, 5)
    assert DEFAULTS.telegram_bot_username == "zhibao_bot"


def test_default_text_round_trips(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, default_config_text()), environ={})
    assert loaded.source == tmp_path / "zhibao.toml"
    assert replace(loaded, source=None) == DEFAULTS


def test_without_a_file_the_defaults_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}) == DEFAULTS


def test_local_file_and_zhibao_config_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, '[city]\nname = "东营市"\n')
    local = load_settings(environ={})
    assert (local.source, local.city_name) == (Path("zhibao.toml"), "东营市")
    other = tmp_path / "other.toml"
    other.write_text('[city]\nname = "淄博市"\n', encoding="utf-8")
    named = load_settings(environ={"ZHIBAO_CONFIG": str(other)})
    assert (named.source, named.city_name) == (other, "淄博市")


def test_partial_file_overrides_only_its_keys(tmp_path: Path) -> None:
    text = '[city]\nname = "东营市"\n[clocks.normal]\nresolve = "10d"\n[invites]\nttl_days = 3\n'
    loaded = load_settings(write(tmp_path, text), environ={})
    clocks = ClockDurations(Duration(1, "days"), Duration(3, "days"), Duration(10, "days"))
    policy = replace(DEFAULT_POLICY, base=replace(DEFAULT_POLICY.base, clocks=clocks))
    expected = replace(DEFAULTS, city_name="东营市", policy=policy, invite_ttl_days=3)
    assert replace(loaded, source=None) == expected


def test_task_forces_in_a_file_replace_the_defaults(tmp_path: Path) -> None:
    text = (
        '[[task_force]]\ncode = "port"\nname_zh = "港口物流"\nname_en = "Port"\n'
        'industries = ["port", "shipping"]\nkeywords = ["港口", "码头"]\n'
        'assignment = "round_robin"\nlanguage = "en"\ngroup_chat = "-100123"\n'
        '[[task_force]]\ncode = "north-zone"\nname_zh = "北海园区"\nname_en = "North zone"\n'
        'kind = "zone"\n'
    )
    loaded = load_settings(write(tmp_path, text), environ={})
    assert loaded.task_forces == (
        TaskForceConfig(
            "port", "港口物流", "Port", "industry", ("port", "shipping"), ("港口", "码头"),
            "round_robin", "en", "-100123",
        ),
        TaskForceConfig("north-zone", "北海园区", "North zone", kind="zone"),
    )  # fmt: skip
    assert loaded.categories == DEFAULTS.categories


def test_clock_rules_give_the_most_specific_snapshot(tmp_path: Path) -> None:
    text = (
        '[[clocks.rule]]\ncategory = "utilities"\nsign = "4h"\nreply = "2d"\nresolve = "10d"\n'
        '[[clocks.rule]]\ncategory = "utilities"\nurgency = "urgent"\ntask_force = "alu"\n'
        'sign = "1h"\nreply = "4h"\nresolve = "3d"\n'
    )
    policy = load_settings(write(tmp_path, text), environ={}).policy
    assert len(policy.rules) == 2
    fastest = ClockDurations(Duration(1, "hours"), Duration(4, "hours"), Duration(3, "days"))
    assert policy.snapshot("utilities", "urgent", "alu") == PolicySnapshot(clocks=fastest)
    utilities = policy.snapshot("utilities", "urgent", "chem").clocks
    assert utilities == ClockDurations(
        Duration(4, "hours"), Duration(2, "days"), Duration(10, "days")
    )
    assert policy.snapshot("land", "urgent", "alu") == DEFAULT_POLICY.snapshot(
        "land", "urgent", "alu"
    )


def test_calendar_overrides_are_dates_and_years(tmp_path: Path) -> None:
    text = "[calendar]\ndays_off = [2027-02-08, 2027-01-01]\nworkdays = [2027-02-14]\n"
    loaded = load_settings(write(tmp_path, text + "covered_years = [2027]\n"), environ={})
    assert loaded.extra_days_off == (date(2027, 1, 1), date(2027, 2, 8))
    assert (loaded.extra_workdays, loaded.extra_covered_years) == ((date(2027, 2, 14),), (2027,))


def test_environment_overrides_each_type(tmp_path: Path) -> None:
    environ = {
        "ZHIBAO_DATABASE_URL": "postgresql://zhibao@db/zhibao",
        "ZHIBAO_CITY_TIMEZONE": "Asia/Urumqi",
        "ZHIBAO_CLOCKS_NORMAL_SIGN": "4h",
        "ZHIBAO_ESCALATION_REMINDER_AT": "0.5",
        "ZHIBAO_NOTIFICATIONS_COALESCE_MINUTES": "15",
        "ZHIBAO_COORDINATION_MIN_INVESTMENT_CNY": "1_000_000_000",
        "ZHIBAO_WORKING_HOURS_PERIODS": "08:30-12:00, 14:00-18:00",
        "ZHIBAO_CALENDAR_COVERED_YEARS": "2027,2028",
        "ZHIBAO_CALENDAR_DAYS_OFF": "2027-10-01,2027-01-01",
        "ZHIBAO_TELEGRAM_BOT_USERNAME": "",
    }
    loaded = load_settings(write(tmp_path, '[city]\ntimezone = "Asia/Harbin"\n'), environ=environ)
    assert (loaded.database_url, loaded.timezone) == (
        environ["ZHIBAO_DATABASE_URL"],
        "Asia/Urumqi",
    )
    assert loaded.policy.base.clocks.sign == Duration(4, "hours")
    assert (loaded.policy.base.reminder_fraction, loaded.coalesce_minutes) == (0.5, 15)
    assert loaded.thresholds.min_investment_cny == Decimal(1_000_000_000)
    assert loaded.working_hours == WorkingHours.parse(["08:30-12:00", "14:00-18:00"])
    assert loaded.extra_covered_years == (2027, 2028)
    assert loaded.extra_days_off == (date(2027, 1, 1), date(2027, 10, 1))
    assert loaded.telegram_bot_username == ""


def test_empty_list_variable_clears_the_list(tmp_path: Path) -> None:
    environ = {"ZHIBAO_CALENDAR_COVERED_YEARS": ""}
    path = write(tmp_path, "[calendar]\ncovered_years = [2027]\n")
    assert load_settings(path, environ).extra_covered_years == ()


def test_booleans_convert_from_true_false_one_zero() -> None:
    # No key is a boolean yet; the converter is ready for the first one.
    assert [_convert(("x",), False, text) for text in ("true", "FALSE", "1", "0")] == [
        True,
        False,
        True,
        False,
    ]


def test_unrelated_zhibao_variables_are_ignored(tmp_path: Path) -> None:
    environ = {
        "ZHIBAO_TEST_POSTGRES_URL": "postgresql://x",
        "ZHIBAO_TELEGRAM_BASE_URL": "http://localhost:8081",
        "ZHIBAO_PLAYGROUND_PORT": "not a port",
        "ZHIBAO_CITY_NMAE": "typo",
    }
    assert load_settings(write(tmp_path, ""), environ=environ) == replace(
        DEFAULTS, source=tmp_path / "zhibao.toml"
    )


def test_describe_overrides_lists_every_scalar_key() -> None:
    names = describe_overrides()
    assert names[:2] == ["ZHIBAO_CITY_NAME", "ZHIBAO_CITY_TIMEZONE"]
    for name in ("ZHIBAO_DATABASE_URL", "ZHIBAO_CLOCKS_URGENT_RESOLVE", "ZHIBAO_INVITES_TTL_DAYS"):
        assert name in names
    assert "ZHIBAO_WORKING_HOURS_PERIODS" in names and "ZHIBAO_CALENDAR_DAYS_OFF" in names
    # 33, [telegram] enabled, and [wecom]'s ten (its three secrets from the environment only).
    assert len(names) == len(set(names)) == 44
    assert {"ZHIBAO_TELEGRAM_ENABLED", "ZHIBAO_WECOM_SECRET", "ZHIBAO_WECOM_BASE_URL"} <= set(
        names
    )
    assert "ZHIBAO_DISPATCH_DESK" not in names
    assert not [name for name in names if "TASK_FORCE" in name or "CATEGORY" in name]


RETIRED_FILE = (
    '[direct_report]\nrecipients = ["party-office", "government-office"]\n'
    '[dispatch]\ndesk = ["government-office"]\n'
)


def test_retired_desk_and_recipients_in_a_file_load_with_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, RETIRED_FILE)
    loaded = load_settings(path, environ={})
    assert replace(loaded, source=None, warnings=()) == DEFAULTS
    assert loaded.warnings == (
        f"{path}: [dispatch] desk is no longer used: the dispatch desk is everyone who joined "
        "with the office role; create invites with `zhibao invite create --role office`",
        f"{path}: [direct_report] recipients is no longer used: direct reports go to everyone "
        "who joined with the office role, the supervising leader and the principal leaders; "
        "create invites with `zhibao invite create --role office`",
    )


def test_retired_keys_load_whatever_their_value(tmp_path: Path) -> None:
    path = write(tmp_path, '[dispatch]\ndesk = "Government Office"\n')
    assert len(load_settings(path, environ={}).warnings) == 1


def test_retired_variables_are_ignored_with_a_warning(tmp_path: Path) -> None:
    environ = {"ZHIBAO_DISPATCH_DESK": "", "ZHIBAO_DIRECT_REPORT_RECIPIENTS": "a,b"}
    loaded = load_settings(write(tmp_path, ""), environ=environ)
    assert [w.split(":")[0] for w in loaded.warnings] == [
        "ZHIBAO_DISPATCH_DESK",
        "ZHIBAO_DIRECT_REPORT_RECIPIENTS",
    ]
    assert "[dispatch] desk is no longer used" in loaded.warnings[0]


def test_a_retired_table_keeps_refusing_unknown_keys_beside_the_retired_one(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, '[dispatch]\ndesk = ["x"]\nmode = "fast"\n')
    with pytest.raises(ConfigError, match=r"unknown key \[dispatch\]"):
        load_settings(path, environ={})


def commented_example(text: str, first: str, last: str) -> dict[str, Any]:
    """The TOML written in comments from the line starting `first` to the one starting `last`."""
    lines = [line.removeprefix("#").removeprefix("   ") for line in text.splitlines()]
    start = next(n for n, line in enumerate(lines) if line.startswith(first))
    end = next(n for n, line in enumerate(lines) if n > start and line.startswith(last))
    return tomllib.loads("\n".join(lines[start : end + 1]))


def package_2026() -> tuple[list[date], list[date]]:
    """The 2026 days off and make-up working days the installed chinesecalendar holds."""
    days_off = sorted(d for d in chinese_calendar.holidays if d.year == 2026)
    return days_off, sorted(d for d in chinese_calendar.workdays if d.year == 2026)


def test_the_defaults_example_is_the_real_2026_notice() -> None:
    example = commented_example(default_config_text(), "days_off = [", "covered_years")
    assert (sorted(example["days_off"]), sorted(example["workdays"])) == package_2026()
    assert example["covered_years"] == [2026]


def test_the_calendar_guide_example_is_the_real_2026_notice() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "calendar.md").read_text(encoding="utf-8")
    block = guide.split("```toml\n", 1)[1].split("```", 1)[0]
    example = tomllib.loads(block)["calendar"]
    assert (sorted(example["days_off"]), sorted(example["workdays"])) == package_2026()
    assert example["covered_years"] == [2026]

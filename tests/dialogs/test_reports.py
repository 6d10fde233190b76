"""The morning digest and the weekly summary as leaders read them (§9, measure 15, issue 12):
no line for nothing, task forces by name, satisfaction as a rate beside the average."""

from __future__ import annotations

from typing import Any

import pytest

from bot.calendar_source import build_calendar
from bot.dialogs.notices import render
from bot.domain.notice import Notice, Priority
from bot.i18n.catalog import default_catalog
from bot.services.recipients import Delivery
from tests.services.city import MONDAY_10

CALENDAR = build_calendar()
A, B = "ZB-2026-000001", "ZB-2026-000002"
ALU = {"team": "alu", "name_zh": "高端铝业", "name_en": "High-end aluminium"}


def shown(template: str, language: str, params: dict[str, Any]) -> str:
    """The report as its reader gets it."""
    notice = Notice("k", Priority.DIGEST, f"notice.{template}", MONDAY_10, params)
    delivery = Delivery(notice, "42", language, None, "a")
    return render(default_catalog(), delivery, CALENDAR, MONDAY_10).text


def digest(overdue: list[str], direct: list[str], supervised: list[str]) -> dict[str, Any]:
    """A digest's parameters as queue_morning_digests makes them."""
    return {
        "overdue": len(overdue),
        "overdue_list": ", ".join(overdue),
        "direct": len(direct),
        "direct_list": ", ".join(direct),
        "supervised": len(supervised),
        "supervised_list": ", ".join(supervised),
    }


def row(**figures: Any) -> dict[str, Any]:
    """A weekly row of alu, with its names."""
    base = {"open": 3, "overdue": 1, "filed": 2, "closed": 1, "on_time": None}
    return {**ALU, **base, "satisfaction": None, "rating": None, **figures}


def weekly(*rows: dict[str, Any], criticised: tuple[str, ...] = ()) -> dict[str, Any]:
    """A weekly summary's parameters as queue_weekly_summaries makes them."""
    return {
        "since": "2026-11-16",
        "until": "2026-11-23",
        "rows": list(rows),
        "criticised": ", ".join(criticised),
        "criticised_count": len(criticised),
    }


def test_a_digest_leaves_out_the_lines_with_nothing_in_them() -> None:
    assert shown("digest", "zh", digest([A, B], [], [A])).splitlines() == [
        "【每日汇总】",
        f"超期未办 2 件：{A}, {B}",
        f"您督办的 1 件：{A}",
    ]
    assert shown("digest", "en", digest([], [B], [])).splitlines() == [
        "[Daily summary]",
        f"New direct reports (1): {B}",
    ]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_digest_line_says_zero_or_stands_a_dash_for_a_list(language: str) -> None:
    for lists in ([[A], [], []], [[], [A], []], [[], [], [A]]):
        lines = shown("digest", language, digest(*lists)).splitlines()
        assert len(lines) == 2 and lines[1].endswith(A), lines
        assert not any(line.endswith(("-", "：", ": ")) for line in lines)


def test_the_weekly_row_names_the_task_force_and_gives_satisfaction_as_a_rate() -> None:
    figures = row(on_time=75, satisfaction=80, rating=4.2)
    zh = shown("weekly", "zh", weekly(figures))
    assert zh.splitlines() == [
        "【周报】2026-11-16 至 2026-11-23",
        "高端铝业：在办 3，超期 1，本周新增 2，本周办结 1，按时办结率 75%，"
        "满意率 80%（平均 4.2 分）",
    ]
    en = shown("weekly", "en", weekly(figures))
    assert en.splitlines()[1] == (
        "High-end aluminium: open 3, overdue 1, new 2, closed 1, on time 75%,"
        " satisfied 80% (average rating 4.2)"
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_nothing_rated_and_no_resolution_read_as_a_dash(language: str) -> None:
    line = shown("weekly", language, weekly(row())).splitlines()[1]
    assert line.endswith("—") and line.count("—") == 2


def test_the_criticism_line_comes_only_with_issues_to_criticise() -> None:
    listed = shown("weekly", "zh", weekly(row(), criticised=(A, B)))
    assert listed.splitlines()[-1] == f"超期通报：{A}, {B}"
    assert "超期通报" not in shown("weekly", "zh", weekly(row()))
    assert "criticism" not in shown("weekly", "en", weekly(row()))


def test_a_row_queued_before_rows_had_names_and_rates_still_renders() -> None:
    old = {"team": "alu", "open": 1, "overdue": 0, "filed": 1, "closed": 0}
    text = shown("weekly", "en", weekly({**old, "on_time": 100, "rating": 4.0}))
    assert text.splitlines()[1] == (
        "alu: open 1, overdue 0, new 1, closed 0, on time 100%, satisfied —"
    )

"""Dates as people type them in chat (the extension dialog's date step)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.i18n.typed_dates import parse_day

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-30", date(2026, 12, 30)),
        ("2026/12/30", date(2026, 12, 30)),
        ("2026.12.30", date(2026, 12, 30)),
        ("2026年12月30日", date(2026, 12, 30)),
        (" 2027-1-4 ", date(2027, 1, 4)),
        ("12月30日", date(2026, 12, 30)),
        ("12-30", date(2026, 12, 30)),
        # A month and day already past this year are next year's.
        ("1月4日", date(2027, 1, 4)),
        ("12/3", date(2026, 12, 3)),
    ],
)
def test_typed_dates_are_read(typed: str, day: date) -> None:
    assert parse_day(typed, TODAY) == day


@pytest.mark.parametrize("typed", ["下周", "2026-02-30", "13-01", "", "2026-12", "明天", "30"])
def test_what_is_no_date_is_none(typed: str) -> None:
    assert parse_day(typed, TODAY) is None

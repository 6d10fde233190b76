"""Dates, times, deadlines and amounts read the same way in Chinese and English."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from bot.i18n.catalog import default_catalog
from bot.i18n.formatting import (
    format_amount,
    format_date,
    format_moment,
    format_time,
    format_working_days_left,
    working_days_left,
)
from tests.domain.builders import CAL, SHANGHAI, at

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = at(2026, 10, 8, 17, 30)
"""Thursday 2026-10-08 17:30, close of business on the first working day after National Day."""

CATALOG = default_catalog()


@pytest.mark.parametrize(
    ("language", "expected"), [("zh", "2026年10月8日"), ("en", "Oct 8, 2026")]
)
def test_format_date(language: str, expected: str) -> None:
    assert format_date(DEADLINE, language, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("zh", "2026年10月7日"), ("en", "Oct 7, 2026")]
)
def test_format_date_reads_the_day_in_the_given_timezone(language: str, expected: str) -> None:
    early = at(2026, 10, 8, 1, 0)  # still 7 October in UTC
    assert format_date(early, language, UTC) == expected


@pytest.mark.parametrize("language", ["zh", "en"])
def test_format_time_is_24_hour(language: str) -> None:
    assert format_time(DEADLINE, language, SHANGHAI) == "17:30"
    assert format_time(at(2026, 10, 8, 9, 5), language, SHANGHAI) == "09:05"
    assert format_time(at(2026, 10, 8, 0, 0), language, SHANGHAI) == "00:00"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_format_time_converts_to_the_given_timezone(language: str) -> None:
    assert format_time(DEADLINE, language, UTC) == "09:30"
    assert format_time(DEADLINE, language, timezone(timedelta(hours=-5))) == "04:30"


@pytest.mark.parametrize(
    ("language", "same_year", "other_year", "no_now"),
    [
        ("zh", "10月8日 17:30", "2026年10月8日 17:30", "2026年10月8日 17:30"),
        ("en", "Oct 8, 17:30", "Oct 8, 2026, 17:30", "Oct 8, 2026, 17:30"),
    ],
)
def test_format_moment(language: str, same_year: str, other_year: str, no_now: str) -> None:
    assert format_moment(DEADLINE, language, SHANGHAI, now=at(2026, 9, 30, 10)) == same_year
    assert format_moment(DEADLINE, language, SHANGHAI, now=at(2025, 12, 31, 10)) == other_year
    assert format_moment(DEADLINE, language, SHANGHAI) == no_now


def test_format_moment_compares_years_in_the_given_timezone() -> None:
    new_year = at(2027, 1, 1, 0, 30)  # 2026-12-31 16:30 in UTC
    now = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    assert format_moment(new_year, "en", UTC, now=now) == "Dec 31, 16:30"
    assert format_moment(new_year, "en", SHANGHAI, now=now) == "Jan 1, 2027, 00:30"
    assert format_moment(new_year, "zh", SHANGHAI, now=now) == "2027年1月1日 00:30"


@pytest.mark.parametrize(
    ("days", "zh", "en"),
    [
        (3, "剩余3个工作日", "3 working days left"),
        (1, "剩余1个工作日", "1 working day left"),
        (0, "今天到期", "due today"),
        (-1, "已超期1个工作日", "1 working day overdue"),
        (-2, "已超期2个工作日", "2 working days overdue"),
        (1200, "剩余1,200个工作日", "1,200 working days left"),
    ],
)
def test_format_working_days_left(days: int, zh: str, en: str) -> None:
    assert format_working_days_left(CATALOG, days, "zh") == zh
    assert format_working_days_left(CATALOG, days, "en") == en


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("2500000000", "25亿元", "CNY 2.5 billion"),
        ("3000000000", "30亿元", "CNY 3 billion"),
        ("123456789", "1.23亿元", "CNY 123.46 million"),
        ("100000000", "1亿元", "CNY 100 million"),
        ("5000000", "500万元", "CNY 5 million"),
        ("123456", "12.35万元", "CNY 123,456"),
        ("10000", "1万元", "CNY 10,000"),
        ("8000", "8,000元", "CNY 8,000"),
        ("8000.50", "8,000.5元", "CNY 8,000.5"),
        ("0", "0元", "CNY 0"),
        ("-0", "0元", "CNY 0"),
        ("250000000000", "2,500亿元", "CNY 250 billion"),
        ("2000000000000", "20,000亿元", "CNY 2,000 billion"),
    ],
)
def test_format_amount_in_yuan(amount: str, zh: str, en: str) -> None:
    assert format_amount(CATALOG, Decimal(amount), "CNY", "zh") == zh
    assert format_amount(CATALOG, Decimal(amount), "CNY", "en") == en


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("99999999", "1亿元", "CNY 100 million"),  # 9,999.9999万 rounds up to 1亿
        ("999999999", "10亿元", "CNY 1 billion"),  # 999.999999 million rounds up to 1 billion
        ("9999.999", "1万元", "CNY 10,000"),
        ("9999", "9,999元", "CNY 9,999"),
        ("12345", "1.23万元", "CNY 12,345"),
        ("12350", "1.24万元", "CNY 12,350"),  # half-up, where Babel alone would round to even
        ("1005000", "100.5万元", "CNY 1.01 million"),
    ],
)
def test_format_amount_rounds_half_up_across_scales(amount: str, zh: str, en: str) -> None:
    assert format_amount(CATALOG, Decimal(amount), "CNY", "zh") == zh
    assert format_amount(CATALOG, Decimal(amount), "CNY", "en") == en


@pytest.mark.parametrize(
    ("currency", "amount", "zh", "en"),
    [
        ("USD", "5000000", "500万美元", "USD 5 million"),
        ("USD", "250000000", "2.5亿美元", "USD 250 million"),
        ("EUR", "3000000000", "30亿欧元", "EUR 3 billion"),
        ("EUR", "8000", "8,000欧元", "EUR 8,000"),
        ("JPY", "5000000", "500万日元", "JPY 5 million"),
        ("HKD", "120000000", "1.2亿港元", "HKD 120 million"),
    ],
)
def test_format_amount_in_other_currencies(currency: str, amount: str, zh: str, en: str) -> None:
    assert format_amount(CATALOG, Decimal(amount), currency, "zh") == zh
    assert format_amount(CATALOG, Decimal(amount), currency, "en") == en


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("amount", ["-1", "-0.01", "-2500000000", "NaN", "Infinity"])
def test_format_amount_refuses_negative_and_non_finite_amounts(amount: str, language: str) -> None:
    with pytest.raises(ValueError, match="amount"):
        format_amount(CATALOG, Decimal(amount), "CNY", language)


@pytest.mark.parametrize("currency", ["cny", "RMB", "", "ABC"])
def test_format_amount_refuses_unknown_currency_codes(currency: str) -> None:
    with pytest.raises(ValueError, match="currency"):
        format_amount(CATALOG, Decimal(100), currency, "en")


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        format_date(DEADLINE, "fr", SHANGHAI)
    with pytest.raises(ValueError, match="language"):
        format_working_days_left(CATALOG, 1, "zh-CN")
    with pytest.raises(ValueError, match="language"):
        format_amount(CATALOG, Decimal(1), "CNY", "de")


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 10, 8, 17, 30)
    with pytest.raises(ValueError, match="naive"):
        format_date(naive, "zh", SHANGHAI)
    with pytest.raises(ValueError, match="naive"):
        format_moment(DEADLINE, "en", SHANGHAI, now=naive)
    with pytest.raises(ValueError, match="naive"):
        working_days_left(CAL, naive, DEADLINE)


@pytest.mark.parametrize(
    ("now", "due", "expected"),
    [
        # Due today, before or after the moment itself: the same working day.
        (at(2026, 10, 8, 9), DEADLINE, 0),
        (at(2026, 10, 8, 18), DEADLINE, 0),
        # National Day: Wednesday 30 September to the first working day after it.
        (at(2026, 9, 30, 10), DEADLINE, 1),
        (at(2026, 9, 30, 10), at(2026, 10, 9, 17, 30), 2),
        # Saturday 10 October is a make-up working day; Sunday 11 October is not.
        (at(2026, 9, 30, 10), at(2026, 10, 10, 17, 30), 3),
        (at(2026, 9, 30, 10), at(2026, 10, 12, 17, 30), 4),
        (at(2026, 10, 9, 17, 0), at(2026, 10, 12, 17, 30), 2),
        # Asked during the holiday: Thursday 8 October is the first working day left.
        (at(2026, 10, 3, 12), DEADLINE, 1),
        # An ordinary weekend: Friday to Monday is one working day.
        (at(2026, 11, 20, 16), at(2026, 11, 23, 17, 30), 1),
        (at(2026, 11, 21, 11), at(2026, 11, 23, 17, 30), 1),
    ],
)
def test_working_days_left(now: datetime, due: datetime, expected: int) -> None:
    assert working_days_left(CAL, now, due) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Due Wednesday 30 September at close of business, missed across National Day.
        (at(2026, 10, 1, 9), -1),
        (at(2026, 10, 7, 23, 59), -1),
        (at(2026, 10, 8, 10), -1),
        (at(2026, 10, 9, 10), -2),
        (at(2026, 10, 10, 10), -3),
        (at(2026, 10, 11, 10), -3),
        (at(2026, 10, 12, 10), -4),
    ],
)
def test_working_days_overdue_across_the_holiday(now: datetime, expected: int) -> None:
    due = at(2026, 9, 30, 17, 30)
    assert working_days_left(CAL, now, due) == expected


def test_working_days_left_counts_days_on_the_calendar_wall_clock() -> None:
    # 2026-10-07 17:00 UTC is already Thursday 8 October 01:00 in Shanghai.
    now = datetime(2026, 10, 7, 17, 0, tzinfo=UTC)
    assert working_days_left(CAL, now, DEADLINE) == 0
    assert (
        format_working_days_left(CATALOG, working_days_left(CAL, now, DEADLINE), "en")
        == "due today"
    )


def test_babel_locale_data_loads_offline() -> None:
    """A fresh interpreter with every network call refused still formats both languages."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network access attempted")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from datetime import datetime
        from decimal import Decimal
        from zoneinfo import ZoneInfo

        from bot.i18n import formatting as f
        from bot.i18n.catalog import default_catalog

        CATALOG = default_catalog()
        tz = ZoneInfo("Asia/Shanghai")
        moment = datetime(2026, 10, 8, 17, 30, tzinfo=tz)
        amount = f.format_amount(CATALOG, Decimal(5000000), "USD", "zh")
        print(f.format_moment(moment, "zh", tz), amount)
        print(f.format_moment(moment, "en", tz), f.format_working_days_left(CATALOG, 1, "en"))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026年10月8日 17:30 500万美元",
        "Oct 8, 2026, 17:30 1 working day left",
    ]

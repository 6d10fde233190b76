"""Dates, times, deadlines and investment amounts as a person reads them, in Chinese and English.

Dates and times follow Babel's CLDR patterns for zh_Hans_CN and en (no hand-written date
patterns except the 24-hour clock); amounts are scaled to 万/亿 in Chinese and million/billion
in English and rounded half-up to two decimals, trailing zeros dropped.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_skeleton
from babel.dates import format_time as babel_format_time
from babel.numbers import UnknownCurrencyError, format_decimal, validate_currency

from bot.domain.calendar import WorkCalendar
from bot.i18n.catalog import Catalog

_LOCALES = {"zh": Locale.parse("zh_Hans_CN"), "en": Locale.parse("en")}

# CLDR skeletons: zh "2026年10月8日" / "10月8日", en "Oct 8, 2026" / "Oct 8".
_DATE_WITH_YEAR = "yMMMd"
_DATE_WITHOUT_YEAR = "MMMd"
# An explicit pattern rather than a skeleton: 24-hour "17:30" in every language.
_CLOCK = "HH:mm"
# Amount numbers: grouping, at most two decimals, trailing zeros dropped.
_AMOUNT_PATTERN = "#,##0.##"
_CENT = Decimal("0.01")

# Scales from largest to smallest, named as the catalogs' `amount` text chooses its words:
# 亿 and 万 in Chinese, billion and million in English; the last one is the plain amount.
_ZH_SCALES = ((Decimal(10) ** 8, "large"), (Decimal(10) ** 4, "medium"), (Decimal(1), "plain"))
_EN_SCALES = ((Decimal(10) ** 9, "large"), (Decimal(10) ** 6, "medium"), (Decimal(1), "plain"))

_ONE_DAY = timedelta(days=1)


def _locale(language: str) -> Locale:
    """The Babel locale of a supported language."""
    try:
        return _LOCALES[language]
    except KeyError:
        raise ValueError(f"unsupported language {language!r}; expected 'zh' or 'en'") from None


def _local(moment: datetime, tz: tzinfo) -> datetime:
    """`moment` on the wall clock of `tz`; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got naive {moment!r}")
    return moment.astimezone(tz)


def format_date(moment: datetime, language: str, tz: tzinfo) -> str:
    """The day of `moment` in `tz`: zh "2026年10月8日", en "Oct 8, 2026"."""
    locale = _locale(language)
    return format_skeleton(_DATE_WITH_YEAR, _local(moment, tz), locale=locale)


def format_time(moment: datetime, language: str, tz: tzinfo) -> str:
    """The 24-hour clock time of `moment` in `tz`, "17:30" in both languages."""
    locale = _locale(language)
    return babel_format_time(_local(moment, tz), _CLOCK, locale=locale)


def format_moment(moment: datetime, language: str, tz: tzinfo, now: datetime | None = None) -> str:
    """Date and time, zh "10月8日 17:30", en "Oct 8, 17:30"; the year only if not `now`'s."""
    locale = _locale(language)
    local = _local(moment, tz)
    same_year = now is not None and _local(now, tz).year == local.year
    if same_year:
        day = format_skeleton(_DATE_WITHOUT_YEAR, local, locale=locale)
    else:
        day = format_date(moment, language, tz)
    clock = format_time(moment, language, tz)
    # CLDR's way of joining a date and a time: zh "{1} {0}", en "{1}, {0}".
    joiner = str(locale.datetime_formats["medium"]).replace("'", "")
    return joiner.replace("{1}", day).replace("{0}", clock)


def format_working_days_left(catalog: Catalog, days: int, language: str) -> str:
    """Days until a deadline: zh "剩余3个工作日" / "今天到期" / "已超期2个工作日", en alike."""
    _locale(language)  # refuses a language without a locale, as every formatter here does
    state = "today" if days == 0 else "left" if days > 0 else "overdue"
    return catalog.text(language, "deadline-days", state=state, days=abs(days))


def format_amount(catalog: Catalog, amount: Decimal, currency: str, language: str) -> str:
    """An investment amount: zh "25亿元" / "500万美元", en "CNY 2.5 billion" / "USD 5 million"."""
    locale = _locale(language)
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValueError(f"amount must be a finite Decimal, got {amount!r}")
    if amount < 0:
        raise ValueError(f"amount must not be negative, got {amount}")
    try:
        validate_currency(currency)
    except UnknownCurrencyError:
        raise ValueError(f"unknown ISO 4217 currency code {currency!r}") from None
    scales = _ZH_SCALES if language == "zh" else _EN_SCALES
    number, scale = _scaled(abs(amount), scales)  # abs() turns -0 into 0
    text = format_decimal(number, format=_AMOUNT_PATTERN, locale=locale)
    key = f"currency-{currency.lower()}"
    if key in catalog.ids(language):
        name = catalog.text(language, key)
    else:
        # A currency without a catalog name: Babel's name in Chinese, the code in English.
        name = str(locale.currencies[currency]) if language == "zh" else currency
    return catalog.text(language, "amount", number=text, currency=name, scale=scale)


def _scaled(amount: Decimal, scales: tuple[tuple[Decimal, str], ...]) -> tuple[Decimal, str]:
    """`amount` in the largest scale it reaches, rounded half-up to two decimals."""
    for index, (size, suffix) in enumerate(scales):
        if amount >= size or index == len(scales) - 1:
            number = (amount / size).quantize(_CENT, rounding=ROUND_HALF_UP)
            # Rounding may reach the next scale up: 99,999,999 is 1亿, not 10,000万.
            if index > 0 and number * size >= scales[index - 1][0]:
                bigger, bigger_suffix = scales[index - 1]
                return (amount / bigger).quantize(_CENT, rounding=ROUND_HALF_UP), bigger_suffix
            return number, suffix
    raise AssertionError("unreachable: the last scale always applies")


def working_days_left(calendar: WorkCalendar, now: datetime, due: datetime) -> int:
    """Working days from today until the due day; 0 on the due day, negative once past it."""
    today = _local(now, calendar.tz).date()
    due_day = _local(due, calendar.tz).date()
    if due_day >= today:
        return _workdays_after(calendar, today, due_day)
    # Past the due day, at least one working day overdue even on a weekend or holiday.
    return -max(1, _workdays_after(calendar, due_day, today))


def _workdays_after(calendar: WorkCalendar, start: date, end: date) -> int:
    """Working days in (start, end]."""
    count = 0
    day = start + _ONE_DAY
    while day <= end:
        if calendar.is_workday(day):
            count += 1
        day += _ONE_DAY
    return count

"""Dates as people type them in chat, in either language's way of writing them."""

from __future__ import annotations

import re
from datetime import date

_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_SHORT = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_day(text: str, today: date) -> date | None:
    """A date: 2026-12-30, 2026/12/30, 2026年12月30日, 12-30 or 12月30日 (the next such day
    from `today`); None if the text is no date."""
    text = text.strip()
    full = _FULL.fullmatch(text)
    try:
        if full:
            return date(int(full[1]), int(full[2]), int(full[3]))
        short = _SHORT.fullmatch(text)
        if short:
            day = date(today.year, int(short[1]), int(short[2]))
            # A month and day already past this year mean next year's.
            return day if day >= today else date(today.year + 1, day.month, day.day)
    except ValueError:
        return None
    return None

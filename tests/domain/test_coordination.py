"""Tests of measure 3: city-coordinated projects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.coordination import CoordinationThresholds, Investment, is_city_coordinated

DEFAULTS = CoordinationThresholds()


def cny(amount: int) -> Investment:
    """An investment in yuan."""
    return Investment(Decimal(amount), "CNY")


def usd(amount: int) -> Investment:
    """An investment in US dollars."""
    return Investment(Decimal(amount), "USD")


def test_default_thresholds() -> None:
    assert DEFAULTS.min_investment_cny == Decimal("2000000000")
    assert DEFAULTS.min_foreign_investment_usd == Decimal("100000000")


@pytest.mark.parametrize(
    ("investment", "expected"),
    [
        (cny(2_000_000_000), True),
        (cny(1_999_999_999), False),
        (cny(5_000_000_000), True),
        (cny(0), False),
        (usd(100_000_000), True),
        (usd(99_999_999), False),
        (usd(300_000_000), True),
        (Investment(Decimal("1999999999.99"), "CNY"), False),
    ],
)
def test_investment_thresholds(investment: Investment, expected: bool) -> None:
    assert is_city_coordinated(investment, False, DEFAULTS) is expected


def test_cny_amount_does_not_count_as_foreign() -> None:
    assert not is_city_coordinated(cny(150_000_000), False, DEFAULTS)


def test_flagged_project_is_coordinated_whatever_its_investment() -> None:
    assert is_city_coordinated(cny(1), True, DEFAULTS)
    assert is_city_coordinated(None, True, DEFAULTS)


def test_unknown_investment_not_flagged_is_not_coordinated() -> None:
    assert not is_city_coordinated(None, False, DEFAULTS)


def test_custom_thresholds() -> None:
    lower = CoordinationThresholds(
        min_investment_cny=Decimal(1_000_000_000), min_foreign_investment_usd=Decimal(50_000_000)
    )
    assert is_city_coordinated(cny(1_000_000_000), False, lower)
    assert is_city_coordinated(usd(50_000_000), False, lower)
    assert not is_city_coordinated(usd(49_999_999), False, lower)


def test_is_foreign() -> None:
    assert usd(1).is_foreign
    assert not cny(1).is_foreign


@pytest.mark.parametrize("currency", ["EUR", "cny", "", "RMB"])
def test_invalid_currency(currency: str) -> None:
    with pytest.raises(ValueError, match="currency"):
        Investment(Decimal(1), currency)


@pytest.mark.parametrize("amount", [Decimal(-1), Decimal("NaN"), Decimal("Infinity")])
def test_invalid_amount(amount: Decimal) -> None:
    with pytest.raises(ValueError, match="amount"):
        Investment(amount, "CNY")

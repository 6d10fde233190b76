"""Measure 3: which projects the city coordinates itself (市级统筹项目)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

CURRENCIES: Final = frozenset({"CNY", "USD"})
# Only foreign investors declare in USD, so a USD amount is foreign investment by definition.
FOREIGN_CURRENCY: Final = "USD"


@dataclass(frozen=True)
class CoordinationThresholds:
    """Investment amounts from which a project is coordinated by the city."""

    min_investment_cny: Decimal = Decimal(2_000_000_000)
    min_foreign_investment_usd: Decimal = Decimal(100_000_000)


@dataclass(frozen=True)
class Investment:
    """The total investment of a project in the currency it was declared in."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        """Reject unknown currencies and amounts that are negative or not numbers."""
        if self.currency not in CURRENCIES:
            raise ValueError(
                f"currency must be one of {', '.join(sorted(CURRENCIES))}, not {self.currency!r}"
            )
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise ValueError(f"amount must be a finite Decimal, not {self.amount!r}")
        if self.amount < 0:
            raise ValueError(f"amount must not be negative, got {self.amount}")

    @property
    def is_foreign(self) -> bool:
        """Whether the investment counts as foreign investment."""
        return self.currency == FOREIGN_CURRENCY


def is_city_coordinated(
    investment: Investment | None, flagged: bool, thresholds: CoordinationThresholds
) -> bool:
    """Whether the project is a city-coordinated project under measure 3."""
    # The admin flag covers the qualitative criteria (technology, standing, talent),
    # which no amount can express.
    if flagged:
        return True
    if investment is None:
        return False
    # No exchange rate is needed: 100 million USD is far below 2 billion CNY, so a USD
    # amount that passes the CNY threshold always passes the USD one as well.
    if investment.is_foreign:
        return investment.amount >= thresholds.min_foreign_investment_usd
    return investment.amount >= thresholds.min_investment_cny

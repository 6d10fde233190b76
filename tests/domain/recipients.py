"""Recipients and moments shared by the 无事不扰 tests (§9)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain.disturbance import Recipient, Verdict, decide
from bot.domain.notice import Priority
from tests.domain.builders import CAL, SHANGHAI, at

BERLIN = ZoneInfo("Europe/Berlin")
OFFICIAL_QUIET = (time(22, 0), time(7, 30))
ENTERPRISE_QUIET = (time(21, 0), time(8, 0))
OFFICIAL = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET)
ENTERPRISE = Recipient(SHANGHAI, quiet=ENTERPRISE_QUIET, enterprise=True)
GROUP = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, group=True)
FRIDAY_NIGHT = at(2026, 11, 20, 23, 0)
NEXT_MONDAY = at(2026, 11, 23, 9, 0)
P = Priority


def verdict(
    priority: Priority, now: datetime, who: Recipient = OFFICIAL, template: str = "notice.x"
) -> Verdict:
    """The verdict for one notice under the real 2026 holiday calendar."""
    return decide(priority, template, who, CAL, now)

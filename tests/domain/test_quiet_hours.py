"""Quiet hours on the recipient's own clock, and the coalescing window (无事不扰, §9)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.disturbance import (
    DEFAULT_COALESCE_WINDOW,
    Recipient,
    Verdict,
    coalesce_until,
    in_quiet_hours,
    quiet_hours_end,
)
from tests.domain.builders import MONDAY, SHANGHAI, at
from tests.domain.recipients import (
    BERLIN,
    OFFICIAL,
    P,
    verdict,
)


def test_quiet_hours_spanning_midnight() -> None:
    assert not in_quiet_hours(OFFICIAL, at(2026, 11, 23, 21, 59))
    assert in_quiet_hours(OFFICIAL, at(2026, 11, 23, 22, 0))
    assert in_quiet_hours(OFFICIAL, at(2026, 11, 24, 0, 0))
    assert in_quiet_hours(OFFICIAL, at(2026, 11, 24, 7, 29))
    assert not in_quiet_hours(OFFICIAL, at(2026, 11, 24, 7, 30))
    assert quiet_hours_end(OFFICIAL, at(2026, 11, 23, 22, 0)) == at(2026, 11, 24, 7, 30)
    assert quiet_hours_end(OFFICIAL, at(2026, 11, 24, 6, 0)) == at(2026, 11, 24, 7, 30)


def test_quiet_hours_not_spanning_midnight() -> None:
    siesta = Recipient(SHANGHAI, quiet=(time(12, 0), time(14, 0)))
    assert not in_quiet_hours(siesta, at(2026, 11, 23, 11, 59))
    assert in_quiet_hours(siesta, at(2026, 11, 23, 12, 0))
    assert in_quiet_hours(siesta, at(2026, 11, 23, 13, 59))
    assert not in_quiet_hours(siesta, at(2026, 11, 23, 14, 0))
    assert not in_quiet_hours(siesta, at(2026, 11, 23, 23, 0))
    assert quiet_hours_end(siesta, at(2026, 11, 23, 12, 30)) == at(2026, 11, 23, 14, 0)
    assert verdict(P.HIGH, at(2026, 11, 23, 12, 30), siesta) == Verdict(
        at(2026, 11, 23, 14, 0), "quiet_hours"
    )


def test_equal_start_and_end_or_none_mean_no_quiet_hours() -> None:
    night = at(2026, 11, 23, 23, 0)
    for quiet in ((time(22, 0), time(22, 0)), None):
        awake = Recipient(SHANGHAI, quiet=quiet)
        assert not in_quiet_hours(awake, at(2026, 11, 23, 22, 0))
        assert not in_quiet_hours(awake, night)
        assert quiet_hours_end(awake, night) == night
        assert verdict(P.HIGH, night, awake) == Verdict(night, "now")


def test_quiet_hours_end_outside_quiet_hours_is_the_moment_itself() -> None:
    assert quiet_hours_end(OFFICIAL, MONDAY) == MONDAY


def test_quiet_hours_are_read_on_the_recipients_own_clock() -> None:
    berlin = Recipient(BERLIN, quiet=(time(22, 0), time(7, 0)))
    # Monday 10:00 in Shanghai is 03:00 in Berlin (CET, UTC+1): quiet there until 07:00.
    assert in_quiet_hours(berlin, MONDAY)
    assert verdict(P.HIGH, MONDAY, berlin) == Verdict(at(2026, 11, 23, 14, 0), "quiet_hours")


def test_quiet_hours_end_across_the_autumn_dst_change() -> None:
    berlin = Recipient(BERLIN, quiet=(time(22, 0), time(7, 0)))
    # Sat 2026-10-24 23:00 CEST; the clocks go back at 03:00 on Sunday the 25th.
    night = datetime(2026, 10, 24, 23, 0, tzinfo=BERLIN)
    end = quiet_hours_end(berlin, night)
    assert end == datetime(2026, 10, 25, 7, 0, tzinfo=BERLIN)
    assert end.utcoffset() == timedelta(hours=1)
    assert end.astimezone(UTC) - night.astimezone(UTC) == timedelta(hours=9)
    # The same night seen from Shanghai: 05:00 there, delivered at 14:00 (06:00 UTC).
    assert at(2026, 10, 25, 5, 0) == night
    assert verdict(P.HIGH, at(2026, 10, 25, 5, 0), berlin) == Verdict(
        at(2026, 10, 25, 14, 0), "quiet_hours"
    )


def test_quiet_hours_end_across_the_spring_dst_change() -> None:
    berlin = Recipient(BERLIN, quiet=(time(22, 0), time(7, 0)))
    # Sat 2026-03-28 23:00 CET; the clocks go forward at 02:00 on Sunday the 29th.
    end = quiet_hours_end(berlin, datetime(2026, 3, 28, 23, 0, tzinfo=BERLIN))
    assert end.astimezone(UTC) == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)
    assert end == at(2026, 3, 29, 13, 0)


def test_quiet_hours_ending_in_the_skipped_hour_end_when_the_clocks_jump() -> None:
    berlin = Recipient(BERLIN, quiet=(time(1, 0), time(2, 30)))
    # 02:30 never happens on 2026-03-29: at 02:00 CET the clocks read 03:00 CEST.
    end = quiet_hours_end(berlin, datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN))
    assert end.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert end == at(2026, 3, 29, 9, 0)


def test_quiet_hours_ending_in_the_repeated_hour_end_at_the_next_reading() -> None:
    berlin = Recipient(BERLIN, quiet=(time(1, 0), time(2, 30)))
    # 02:15 happens twice on 2026-10-25: first in CEST (00:15 UTC), then in CET (01:15 UTC).
    first = datetime(2026, 10, 25, 0, 15, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert quiet_hours_end(berlin, first).astimezone(UTC) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    assert quiet_hours_end(berlin, second).astimezone(UTC) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_the_verdict_is_given_on_the_clock_now_was_given_on() -> None:
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 23:00 in Shanghai
    held = verdict(P.HIGH, now)
    assert held == Verdict(at(2026, 11, 24, 7, 30), "quiet_hours")
    assert held.at is not None and held.at.tzinfo is UTC


def test_quiet_hours_covering_all_working_hours_still_give_a_later_moment() -> None:
    # A misconfiguration no rule can satisfy: the search stops, nothing is lost or looped.
    daytime = Recipient(SHANGHAI, quiet=(time(8, 0), time(18, 0)))
    held = verdict(P.NORMAL, MONDAY, daytime)
    assert held.reason == "quiet_hours"
    assert held.at is not None and held.at > MONDAY + timedelta(days=7)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        verdict(P.HIGH, datetime(2026, 11, 23, 10, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        Recipient(SHANGHAI, muted_until=datetime(2026, 11, 23, 10, 0))


def test_coalescing_lets_the_first_normal_notice_go() -> None:
    assert coalesce_until(None, DEFAULT_COALESCE_WINDOW, MONDAY) is None


def test_coalescing_holds_normal_notices_until_the_window_ends() -> None:
    assert timedelta(minutes=10) == DEFAULT_COALESCE_WINDOW
    sent = at(2026, 11, 23, 10, 0)
    ends = at(2026, 11, 23, 10, 10)
    assert coalesce_until(sent, DEFAULT_COALESCE_WINDOW, sent) == ends
    assert coalesce_until(sent, DEFAULT_COALESCE_WINDOW, at(2026, 11, 23, 10, 9)) == ends
    assert coalesce_until(sent, DEFAULT_COALESCE_WINDOW, ends) is None
    assert coalesce_until(sent, DEFAULT_COALESCE_WINDOW, at(2026, 11, 23, 11, 0)) is None
    assert coalesce_until(sent, timedelta(0), sent) is None


def test_the_coalescing_window_is_elapsed_time_across_a_dst_change() -> None:
    # 01:55 CET, five minutes before the clocks jump to 03:00 CEST.
    sent = datetime(2026, 3, 29, 1, 55, tzinfo=BERLIN)
    ends = coalesce_until(sent, DEFAULT_COALESCE_WINDOW, sent)
    assert ends is not None
    assert ends.astimezone(UTC) == datetime(2026, 3, 29, 1, 5, tzinfo=UTC)


def test_a_negative_coalescing_window_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        coalesce_until(MONDAY, timedelta(minutes=-1), MONDAY)

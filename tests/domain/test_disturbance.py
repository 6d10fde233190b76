"""When a notice may reach its recipient: quiet hours, mutes, working hours, "无事不扰" (§9)."""

from __future__ import annotations

from bot.domain.disturbance import (
    ENTERPRISE_TEMPLATES,
    Recipient,
    Verdict,
    effective_priority,
)
from bot.domain.notice import Priority
from bot.domain.notification import FILE_TEMPLATE, RULES
from tests.domain.builders import CAL, MONDAY, SHANGHAI, at
from tests.domain.recipients import (
    ENTERPRISE,
    FRIDAY_NIGHT,
    GROUP,
    NEXT_MONDAY,
    OFFICIAL,
    OFFICIAL_QUIET,
    P,
    verdict,
)


def test_critical_goes_at_once_even_in_quiet_hours_and_while_muted() -> None:
    muted = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, muted_until=at(2026, 11, 24, 12, 0))
    night = at(2026, 11, 23, 23, 0)
    assert verdict(P.CRITICAL, night) == Verdict(night, "now")
    assert verdict(P.CRITICAL, night, muted) == Verdict(night, "now")


def test_high_waits_out_the_quiet_hours() -> None:
    assert verdict(P.HIGH, at(2026, 11, 23, 23, 0)) == Verdict(
        at(2026, 11, 24, 7, 30), "quiet_hours"
    )
    # After midnight the same night's quiet hours end the same morning.
    assert verdict(P.HIGH, at(2026, 11, 24, 3, 0)) == Verdict(
        at(2026, 11, 24, 7, 30), "quiet_hours"
    )


def test_high_goes_at_once_outside_quiet_hours_even_on_a_weekend() -> None:
    saturday = at(2026, 11, 21, 11, 0)
    assert verdict(P.HIGH, saturday) == Verdict(saturday, "now")
    assert verdict(P.HIGH, at(2026, 11, 24, 7, 30)) == Verdict(at(2026, 11, 24, 7, 30), "now")


def test_high_to_a_muted_person_waits_until_the_mute_ends() -> None:
    muted = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, muted_until=at(2026, 11, 23, 15, 0))
    assert verdict(P.HIGH, MONDAY, muted) == Verdict(at(2026, 11, 23, 15, 0), "muted")
    assert verdict(P.HIGH, at(2026, 11, 23, 15, 0), muted) == Verdict(
        at(2026, 11, 23, 15, 0), "now"
    )


def test_a_mute_ending_in_quiet_hours_holds_until_they_end_too() -> None:
    muted = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, muted_until=at(2026, 11, 23, 23, 0))
    assert verdict(P.HIGH, MONDAY, muted) == Verdict(at(2026, 11, 24, 7, 30), "muted")


def test_normal_on_friday_night_waits_for_monday_morning() -> None:
    assert verdict(P.NORMAL, FRIDAY_NIGHT) == Verdict(NEXT_MONDAY, "quiet_hours")
    no_quiet = Recipient(SHANGHAI)
    assert verdict(P.NORMAL, FRIDAY_NIGHT, no_quiet) == Verdict(NEXT_MONDAY, "working_hours")


def test_normal_at_lunch_waits_for_the_afternoon_period() -> None:
    assert verdict(P.NORMAL, at(2026, 11, 23, 12, 30)) == Verdict(
        at(2026, 11, 23, 13, 30), "working_hours"
    )


def test_normal_in_working_hours_goes_at_once() -> None:
    assert verdict(P.NORMAL, MONDAY) == Verdict(MONDAY, "now")
    assert verdict(P.NORMAL, at(2026, 11, 23, 13, 30)) == Verdict(at(2026, 11, 23, 13, 30), "now")


def test_normal_during_national_day_waits_for_the_first_working_day_after() -> None:
    thursday_oct_8 = at(2026, 10, 8, 9, 0)
    assert verdict(P.NORMAL, at(2026, 10, 3, 10, 0)) == Verdict(thursday_oct_8, "working_hours")
    assert verdict(P.NORMAL, at(2026, 10, 5, 15, 0)) == Verdict(thursday_oct_8, "working_hours")
    # The evening before the holiday: quiet hours hold it first, then the whole week off.
    assert verdict(P.NORMAL, at(2026, 9, 30, 23, 0)) == Verdict(thursday_oct_8, "quiet_hours")


def test_normal_on_a_make_up_saturday_goes_at_once() -> None:
    saturday_oct_10 = at(2026, 10, 10, 10, 0)
    assert CAL.is_workday(saturday_oct_10.date())
    assert verdict(P.NORMAL, saturday_oct_10) == Verdict(saturday_oct_10, "now")


def test_normal_to_a_muted_person_waits_for_the_mute_then_for_working_hours() -> None:
    muted = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, muted_until=at(2026, 11, 28, 12, 0))
    assert verdict(P.NORMAL, at(2026, 11, 27, 10, 0), muted) == Verdict(
        at(2026, 11, 30, 9, 0), "muted"
    )


def test_nothing_is_critical_for_an_enterprise() -> None:
    assert effective_priority(P.CRITICAL, ENTERPRISE) is P.HIGH
    assert effective_priority(P.CRITICAL, OFFICIAL) is P.CRITICAL
    assert effective_priority(P.NORMAL, ENTERPRISE) is P.NORMAL
    night = at(2026, 11, 23, 21, 30)
    # A critical notice to an enterprise is high, so its 21:00–08:00 quiet hours hold it.
    assert verdict(P.CRITICAL, night, ENTERPRISE, "notice.reply") == Verdict(
        at(2026, 11, 24, 8, 0), "quiet_hours"
    )
    assert verdict(P.HIGH, at(2026, 11, 23, 20, 59), ENTERPRISE, "notice.reply") == Verdict(
        at(2026, 11, 23, 20, 59), "now"
    )


def test_normal_to_an_enterprise_waits_for_quiet_hours_then_working_hours() -> None:
    evening = at(2026, 11, 23, 21, 0)
    assert verdict(P.NORMAL, evening, ENTERPRISE, "notice.rate_request") == Verdict(
        at(2026, 11, 24, 9, 0), "quiet_hours"
    )


def test_the_enterprise_rule_drops_what_is_not_about_its_own_issue() -> None:
    for template in ("notice.new_issue", "notice.instruction", "notice.reminder"):
        for priority in Priority:
            assert verdict(priority, MONDAY, ENTERPRISE, template) == Verdict(
                None, "enterprise_rule"
            )
    for template in sorted(ENTERPRISE_TEMPLATES):
        assert verdict(P.HIGH, MONDAY, ENTERPRISE, template) == Verdict(MONDAY, "now")


def test_the_enterprise_rule_binds_enterprises_only() -> None:
    assert verdict(P.HIGH, MONDAY, OFFICIAL, "notice.new_issue") == Verdict(MONDAY, "now")


def test_enterprise_templates_are_those_the_notification_rules_send_enterprises() -> None:
    sent = {
        f"notice.{template}"
        for rules in RULES.values()
        for audience, _, template in rules
        if audience == "enterprise"
    }
    # And the files that go with them (an answer's photo, say).
    assert sent | {FILE_TEMPLATE} == ENTERPRISE_TEMPLATES


def test_a_digest_is_dropped_when_digests_are_off() -> None:
    off = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, digest=False)
    assert verdict(P.DIGEST, MONDAY, off) == Verdict(None, "digest_off")


def test_a_digest_is_dropped_while_muted_not_held() -> None:
    muted = Recipient(SHANGHAI, quiet=OFFICIAL_QUIET, muted_until=at(2026, 11, 23, 15, 0))
    assert verdict(P.DIGEST, MONDAY, muted) == Verdict(None, "muted")
    assert verdict(P.DIGEST, at(2026, 11, 23, 15, 0), muted) == Verdict(
        at(2026, 11, 23, 15, 0), "now"
    )


def test_a_digest_is_held_through_quiet_hours_but_not_working_hours() -> None:
    assert verdict(P.DIGEST, FRIDAY_NIGHT) == Verdict(at(2026, 11, 21, 7, 30), "quiet_hours")
    saturday = at(2026, 11, 21, 18, 0)
    assert verdict(P.DIGEST, saturday) == Verdict(saturday, "now")


def test_a_group_chat_is_never_muted_and_has_no_digest_flag() -> None:
    group = Recipient(
        SHANGHAI,
        quiet=OFFICIAL_QUIET,
        muted_until=at(2026, 11, 24, 12, 0),
        digest=False,
        group=True,
    )
    assert verdict(P.HIGH, MONDAY, group) == Verdict(MONDAY, "now")
    assert verdict(P.DIGEST, MONDAY, group) == Verdict(MONDAY, "now")
    # The officials' default quiet hours still hold it.
    assert verdict(P.HIGH, at(2026, 11, 23, 23, 0), GROUP) == Verdict(
        at(2026, 11, 24, 7, 30), "quiet_hours"
    )

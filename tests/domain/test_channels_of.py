"""channels_of: the channels a person can be reached on, preferred first."""

from __future__ import annotations

import pytest

from bot.domain.people import ChannelIdentity, Person, channels_of

TG = ChannelIdentity("telegram", "1001", "1001")
WECOM = ChannelIdentity("wecom", "zhaomin")
BOTH = ("telegram", "wecom")


def person(*identities: ChannelIdentity, preferred: str | None = None) -> Person:
    """Someone with these accounts and preference."""
    return Person("赵敏", identities=identities, preferred_channel=preferred)


@pytest.mark.parametrize(
    ("who", "enabled", "expected"),
    [
        (person(TG, WECOM), BOTH, ["telegram", "wecom"]),
        (person(WECOM, TG), BOTH, ["wecom", "telegram"]),
        (person(TG, WECOM, preferred="wecom"), BOTH, ["wecom", "telegram"]),
        (person(TG, WECOM, preferred="wecom"), ("telegram",), ["telegram"]),
        (person(TG, preferred="wecom"), BOTH, ["telegram"]),
        (person(TG, ChannelIdentity("telegram", "1002", "1002"), WECOM), BOTH, BOTH),
        (person(TG, WECOM), ("wecom",), ["wecom"]),
        (person(TG, WECOM), (), []),
        (person(), BOTH, []),
    ],
)
def test_reachable_channels_preferred_first_then_by_identity(
    who: Person, enabled: tuple[str, ...], expected: list[str]
) -> None:
    assert channels_of(who, enabled) == list(expected)

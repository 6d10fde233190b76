"""People, their roles and channel identities, and the acting view of a person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from typing import Final


class Role(StrEnum):
    """Roles of §1; a person may hold several."""

    MEMBER = "member"
    OFFICER = "officer"
    LEAD = "lead"
    LEADER = "leader"
    PRINCIPAL = "principal"
    OFFICE = "office"
    ADMIN = "admin"


OFFICIAL_ROLES = frozenset(Role) - {Role.MEMBER}
TELEGRAM: Final = "telegram"
WECOM: Final = "wecom"
# The chat channels the product speaks, in the order they are offered, and their names.
CHANNELS: Final = (TELEGRAM, WECOM)
CHANNEL_NAMES: Final = {TELEGRAM: "Telegram", WECOM: "WeCom"}


@dataclass(frozen=True)
class ChannelIdentity:
    """Who a person is on one chat channel."""

    channel: str
    external_id: str
    chat_id: str | None = None


@dataclass
class Person:
    """Anyone who uses the bot: enterprise staff or an official."""

    name: str
    roles: frozenset[Role] = frozenset()
    key: str | None = None
    # The language the person chose (/lang), and the one their own words were last in.
    language: str | None = None
    detected_language: str | None = None
    timezone: str = "Asia/Shanghai"
    quiet_start: time | None = None
    quiet_end: time | None = None
    muted_until: datetime | None = None
    digest: bool = True
    on_leave: bool = False
    phone: str | None = None
    enterprise_id: int | None = None
    enterprise_admin: bool = False
    identities: tuple[ChannelIdentity, ...] = ()
    # The channel notices go to first; None: any channel the person is on ("auto").
    preferred_channel: str | None = None
    id: int | None = None

    def identity_on(self, channel: str) -> ChannelIdentity | None:
        """The person's first identity on the channel, if they have one there."""
        return next((i for i in self.identities if i.channel == channel), None)


def channels_of(person: Person, enabled: Sequence[str]) -> list[str]:
    """The person's reachable channels among `enabled`: preferred first, then by identity."""
    reachable = [i.channel for i in person.identities if i.channel in enabled]
    preferred = person.preferred_channel
    first = [preferred] if preferred is not None and preferred in reachable else []
    return list(dict.fromkeys([*first, *reachable]))


@dataclass(frozen=True)
class Actor:
    """A person as the rules see them when they act: roles and what they belong to."""

    person_id: int | None
    roles: frozenset[Role]
    enterprise_id: int | None = None
    enterprise_admin: bool = False
    member_of: frozenset[int] = field(default_factory=frozenset)
    leads: frozenset[int] = field(default_factory=frozenset)
    supervises: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_system(self) -> bool:
        """True for the scheduler acting on its own."""
        return self.person_id is None and not self.roles

    def has(self, *roles: Role) -> bool:
        """True if the actor holds any of the roles."""
        return any(role in self.roles for role in roles)


SYSTEM = Actor(person_id=None, roles=frozenset())
# The operator at the command line: an admin with no chat identity.
OPERATOR = Actor(person_id=None, roles=frozenset({Role.ADMIN}))

"""People, their roles and channel identities, and the acting view of a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum


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
    id: int | None = None


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

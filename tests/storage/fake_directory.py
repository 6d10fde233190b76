"""In-memory repositories of people, task forces, enterprises, projects and invites."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from bot.domain.access import Invite
from bot.domain.errors import InvalidInput
from bot.domain.model import Enterprise, Project, TaskForce
from bot.domain.people import Actor, ChannelIdentity, Person, Role
from tests.storage.fake_repositories import FakeRepository, copied, stored


class Record(Protocol):
    """Anything stored by id."""

    id: int | None


R = TypeVar("R", bound=Record)


class FakeRecords(FakeRepository, Generic[R]):
    """A repository of records in one collection of the store, keyed by id."""

    collection = ""
    # (attribute, error key): a second record with the same non-empty value is refused.
    unique: tuple[str, str] | None = None

    def table(self) -> dict[int, R]:
        """The staged collection."""
        table: dict[int, R] = getattr(self.work, self.collection)
        return table

    async def add(self, record: R) -> R:
        """Store a new record; it gets an id."""
        if self.unique is not None:
            attribute, key = self.unique
            value = getattr(record, attribute)
            if value is not None and any(
                getattr(r, attribute) == value for r in self.table().values()
            ):
                raise InvalidInput(key, f"{attribute} {value!r} is taken", value=value)
        record.id = self.new_id()
        self.table()[record.id] = stored(record)
        return record

    async def get(self, record_id: int) -> R | None:
        """The record with this id."""
        return copied(self.table().get(record_id))

    async def save(self, record: R) -> None:
        """Write the record back."""
        if record.id not in self.table():
            raise ValueError("record was never added")
        self.table()[record.id] = stored(record)

    def matching(self, predicate: Callable[[R], bool]) -> list[R]:
        """Copies of the records that satisfy the predicate, by id."""
        found = [r for _, r in sorted(self.table().items()) if predicate(r)]
        return copied(found)


class FakeEnterprises(FakeRecords[Enterprise]):
    """EnterpriseRepository in memory."""

    collection = "enterprises"
    unique = ("credit_code", "enterprise.exists")

    async def by_credit_code(self, credit_code: str) -> Enterprise | None:
        """The enterprise with this credit code."""
        found = self.matching(lambda e: e.credit_code == credit_code)
        return found[0] if found else None

    async def all(self) -> list[Enterprise]:
        """Every enterprise."""
        return self.matching(lambda e: True)


class FakeProjects(FakeRecords[Project]):
    """ProjectRepository in memory."""

    collection = "projects"

    async def find(self, enterprise_id: int | None = None) -> list[Project]:
        """Projects of the enterprise (all for None)."""
        return self.matching(lambda p: enterprise_id is None or p.enterprise_id == enterprise_id)


class FakeInvites(FakeRecords[Invite]):
    """InviteRepository in memory."""

    collection = "invites"

    async def by_hash(self, code_hash: str) -> Invite | None:
        """The invite with this code hash."""
        found = self.matching(lambda i: i.code_hash == code_hash)
        return found[0] if found else None

    async def use(self, invite_id: int, person_id: int, at: datetime) -> bool:
        """Mark the invite used unless it already is."""
        invite = self.table().get(invite_id)
        if invite is None or invite.used_at is not None:
            return False
        self.table()[invite_id] = replace(invite, used_at=at, used_by=person_id)
        return True


class FakeTaskForces(FakeRecords[TaskForce]):
    """TaskForceRepository in memory."""

    collection = "task_forces"
    unique = ("code", "task_force.exists")

    async def by_code(self, code: str) -> TaskForce | None:
        """The task force with this code."""
        found = self.matching(lambda t: t.code == code)
        return found[0] if found else None

    async def all(self) -> list[TaskForce]:
        """Every task force."""
        return self.matching(lambda t: True)

    async def save(self, record: TaskForce) -> None:
        """Write the task force back; members are added, never removed."""
        before = self.table().get(record.id or 0)
        await super().save(record)
        if before is not None and record.id is not None:
            members = before.member_ids | record.member_ids
            self.table()[record.id] = replace(stored(record), member_ids=members)

    async def add_member(self, task_force_id: int, person_id: int) -> None:
        """Make the person a member."""
        task_force = self.table()[task_force_id]
        members = task_force.member_ids | {person_id}
        self.table()[task_force_id] = replace(task_force, member_ids=members)


class FakePeople(FakeRecords[Person]):
    """PersonRepository in memory."""

    collection = "people"
    unique = ("key", "person.key_taken")

    async def add(self, record: Person) -> Person:
        """Store a new person; their identities must be free."""
        for identity in record.identities:
            self._check_free(None, identity)
        return await super().add(record)

    async def note_language(self, person_id: int, language: str) -> None:
        """Remember the language of the person's own words."""
        person = self.table()[person_id]
        self.table()[person_id] = replace(person, detected_language=language)

    async def save(self, record: Person) -> None:
        """Write the person back; identities are added (if free), never removed."""
        before = self.table().get(record.id or 0)
        for identity in record.identities:
            self._check_free(record.id, identity)
        await super().save(record)
        if before is not None and record.id is not None:
            self.table()[record.id] = replace(stored(record), identities=before.identities)
            for identity in record.identities:
                await self.add_identity(record.id, identity)

    async def by_key(self, key: str) -> Person | None:
        """The person with this key."""
        found = self.matching(lambda p: p.key == key)
        return found[0] if found else None

    async def names(self, person_ids: Sequence[int]) -> dict[int, str]:
        """The names of these people."""
        table = self.table()
        return {i: table[i].name for i in person_ids if i in table}

    async def by_identity(self, channel: str, external_id: str) -> Person | None:
        """The person with this channel identity."""
        found = self.matching(lambda p: _holds(p, channel, external_id))
        return found[0] if found else None

    async def add_identity(self, person_id: int, identity: ChannelIdentity) -> None:
        """Link a channel account; refuses one that belongs to someone else."""
        self._check_free(person_id, identity)
        person = self.table()[person_id]
        same = (identity.channel, identity.external_id)
        identities = [i for i in person.identities if (i.channel, i.external_id) != same]
        position = next(
            (n for n, i in enumerate(person.identities) if (i.channel, i.external_id) == same),
            len(identities),
        )
        identities.insert(position, identity)
        self.table()[person_id] = replace(person, identities=tuple(identities))

    async def with_role(self, role: Role | None = None) -> list[Person]:
        """People with the role (all for None)."""
        return self.matching(lambda p: role is None or role in p.roles)

    async def of_enterprise(self, enterprise_id: int) -> list[Person]:
        """Members of the enterprise."""
        return self.matching(lambda p: p.enterprise_id == enterprise_id)

    async def actor(self, person_id: int) -> Actor | None:
        """The Actor view of the person."""
        person = self.table().get(person_id)
        if person is None:
            return None
        forces = self.work.task_forces.values()
        return Actor(
            person_id=person_id,
            roles=person.roles,
            enterprise_id=person.enterprise_id,
            enterprise_admin=person.enterprise_admin,
            member_of=frozenset(t.id for t in forces if t.id and person_id in t.member_ids),
            leads=frozenset(t.id for t in forces if t.id and t.lead_id == person_id),
            supervises=frozenset(
                t.id for t in forces if t.id and t.supervising_leader_id == person_id
            ),
        )

    def _check_free(self, person_id: int | None, identity: ChannelIdentity) -> None:
        for other in self.table().values():
            if other.id != person_id and _holds(other, identity.channel, identity.external_id):
                raise InvalidInput("identity.taken", "identity belongs to another person")


def _holds(person: Person, channel: str, external_id: str) -> bool:
    return any(i.channel == channel and i.external_id == external_id for i in person.identities)

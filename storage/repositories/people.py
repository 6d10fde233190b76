"""People with their roles and channel identities, the Actor view of them, and invites."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    literal,
    null,
    select,
    union_all,
)

from bot.domain.access import Invite
from bot.domain.errors import InvalidInput
from bot.domain.people import Actor, ChannelIdentity, Person, Role
from storage.mapping.records import (
    identity_from_row,
    invite_from_row,
    invite_values,
    person_from_row,
    person_values,
)
from storage.repositories.base import SqlRepository
from storage.tables import channel_identities, invites, people, person_roles, task_force_members
from storage.tables import task_forces as task_forces_table


def _actor_facts() -> CompoundSelect[tuple[str, int | None, str | None]]:
    # One round trip for everything the rules need to know about an actor.
    person: BindParameter[int] = bindparam("_person", type_=Integer)
    tf = task_forces_table.c
    no_number, no_text = cast(null(), Integer), cast(null(), String)
    return union_all(
        select(
            literal("person"), people.c.enterprise_id, cast(people.c.enterprise_admin, String)
        ).where(people.c.id == person),
        select(literal("role"), no_number, person_roles.c.role).where(
            person_roles.c.person_id == person
        ),
        select(literal("member"), task_force_members.c.task_force_id, no_text).where(
            task_force_members.c.person_id == person
        ),
        select(literal("lead"), tf.id, no_text).where(tf.lead_id == person),
        select(literal("leader"), tf.id, no_text).where(tf.supervising_leader_id == person),
    )


ACTOR_FACTS = _actor_facts()
# One person's rows, built once: /start, every message and every use case read a person.
PERSON_BY_ID = select(people).where(people.c.id == bindparam("_id"))
NOTE_LANGUAGE = people.update().where(people.c.id == bindparam("_id"))
PERSON_BY_KEY = select(people).where(people.c.key == bindparam("_key"))
PERSON_BY_IDENTITY = (
    select(people)
    .join(channel_identities, channel_identities.c.person_id == people.c.id)
    .where(
        channel_identities.c.channel == bindparam("_channel"),
        channel_identities.c.external_id == bindparam("_external_id"),
    )
)
ROLES_OF = select(person_roles.c.role).where(person_roles.c.person_id == bindparam("_id"))
IDENTITIES_OF = (
    select(channel_identities)
    .where(channel_identities.c.person_id == bindparam("_id"))
    .order_by(channel_identities.c.id)
)


class SqlPersonRepository(SqlRepository):
    """PersonRepository over people, person_roles and channel_identities."""

    async def add(self, person: Person) -> Person:
        """Store a new person with their roles and identities; they get an id."""
        taken = InvalidInput(
            "person.key_taken", f"the key {person.key!r} is taken", value=person.key
        )
        person.id = await self.insert_unique(people, person_values(person), ["key"], taken)
        await self._write_roles(person.id, person.roles)
        for identity in person.identities:
            await self.add_identity(person.id, identity)
        return person

    async def save(self, person: Person) -> None:
        """Write the person and their roles back, and link any identity not linked yet.

        Identities are only ever added here, never removed: a person read before another
        unit of work linked a new account must not unlink it by being saved.
        """
        if person.id is None:
            raise ValueError(f"person {person.name} was never added")
        await self.execute(
            people.update().where(people.c.id == person.id).values(**person_values(person))
        )
        await self.execute(person_roles.delete().where(person_roles.c.person_id == person.id))
        await self._write_roles(person.id, person.roles)
        for identity in person.identities:
            await self.add_identity(person.id, identity)

    async def note_language(self, person_id: int, language: str) -> None:
        """Remember the language the person's own words were in."""
        await self.execute(NOTE_LANGUAGE, {"_id": person_id, "detected_language": language})

    async def get(self, person_id: int) -> Person | None:
        """The person with this id."""
        return await self._load_one(PERSON_BY_ID, {"_id": person_id})

    async def by_key(self, key: str) -> Person | None:
        """The person with this configuration key (e.g. from zhibao.toml)."""
        return await self._load_one(PERSON_BY_KEY, {"_key": key})

    async def by_identity(self, channel: str, external_id: str) -> Person | None:
        """The person who is `external_id` on `channel`."""
        key = {"_channel": channel, "_external_id": external_id}
        return await self._load_one(PERSON_BY_IDENTITY, key)

    async def add_identity(self, person_id: int, identity: ChannelIdentity) -> None:
        """Link a channel account to the person; refuses one that belongs to someone else."""
        values = {
            "person_id": person_id,
            "channel": identity.channel,
            "external_id": identity.external_id,
            "chat_id": identity.chat_id,
        }
        statement = self.upsert(
            "channel_identities.link",
            channel_identities,
            ["channel", "external_id"],
            update=["chat_id"],
            # Only the account's own person may update it; anyone else gets no row back.
            where=lambda offered: channel_identities.c.person_id == offered.person_id,
            returning=channel_identities.c.id,
        )
        if (await self.execute(statement, values)).scalar_one_or_none() is None:
            raise InvalidInput(
                "identity.taken",
                f"{identity.channel} account {identity.external_id} belongs to another person",
                channel=identity.channel,
            )

    async def with_role(self, role: Role | None = None) -> list[Person]:
        """People holding the role (everybody for None), by id."""
        statement = select(people).order_by(people.c.id)
        if role is not None:
            holders = select(person_roles.c.person_id).where(person_roles.c.role == role.value)
            statement = statement.where(people.c.id.in_(holders))
        return await self._load(statement)

    async def of_enterprise(self, enterprise_id: int) -> list[Person]:
        """The enterprise's members, by id."""
        statement = select(people).where(people.c.enterprise_id == enterprise_id)
        return await self._load(statement.order_by(people.c.id))

    async def names(self, person_ids: Sequence[int]) -> dict[int, str]:
        """The names of these people (unknown ids are left out)."""
        if not person_ids:
            return {}
        statement = select(people.c.id, people.c.name).where(people.c.id.in_(list(person_ids)))
        return {int(row[0]): str(row[1]) for row in await self.execute(statement)}

    async def actor(self, person_id: int) -> Actor | None:
        """The person as the rules see them: roles, enterprise and task forces.

        One round trip: every use case starts here, so it must be cheap.
        """
        found: defaultdict[str, list[tuple[int | None, str | None]]] = defaultdict(list)
        for kind, number, label in await self.execute(ACTOR_FACTS, {"_person": person_id}):
            found[kind].append((number, label))
        if not found["person"]:
            return None
        enterprise_id, admin = found["person"][0]
        return Actor(
            person_id=person_id,
            roles=frozenset(Role(label) for _, label in found["role"] if label),
            enterprise_id=enterprise_id,
            enterprise_admin=admin in ("1", "true"),
            member_of=frozenset(n for n, _ in found["member"] if n is not None),
            leads=frozenset(n for n, _ in found["lead"] if n is not None),
            supervises=frozenset(n for n, _ in found["leader"] if n is not None),
        )

    async def _write_roles(self, person_id: int, roles: frozenset[Role]) -> None:
        if roles:
            rows = [{"person_id": person_id, "role": role.value} for role in sorted(roles)]
            await self.execute(person_roles.insert(), rows)

    async def _load_one(
        self, statement: Select[tuple[object, ...]], parameters: Mapping[str, object]
    ) -> Person | None:
        row = await self.row(statement, parameters)
        if row is None:
            return None
        person_id = {"_id": row["id"]}
        roles = [role for (role,) in await self.execute(ROLES_OF, person_id)]
        identities = [identity_from_row(r) for r in await self.rows(IDENTITIES_OF, person_id)]
        return person_from_row(row, roles, identities)

    async def _load(self, statement: Select[tuple[object, ...]]) -> list[Person]:
        rows = await self.rows(statement)
        ids = [row["id"] for row in rows]
        if not ids:
            return []
        roles: defaultdict[int, list[str]] = defaultdict(list)
        role_rows = select(person_roles).where(person_roles.c.person_id.in_(ids))
        for row in await self.rows(role_rows):
            roles[row["person_id"]].append(row["role"])
        identities: defaultdict[int, list[ChannelIdentity]] = defaultdict(list)
        identity_rows = (
            select(channel_identities)
            .where(channel_identities.c.person_id.in_(ids))
            .order_by(channel_identities.c.id)
        )
        for row in await self.rows(identity_rows):
            identities[row["person_id"]].append(identity_from_row(row))
        return [person_from_row(row, roles[row["id"]], identities[row["id"]]) for row in rows]


class SqlInviteRepository(SqlRepository):
    """InviteRepository over the invites table."""

    async def add(self, invite: Invite) -> Invite:
        """Store a new invite; it gets an id."""
        invite.id = await self.insert_id(invites, invite_values(invite))
        return invite

    async def by_hash(self, code_hash: str) -> Invite | None:
        """The invite whose code hashes to this."""
        row = await self.row(select(invites).where(invites.c.code_hash == code_hash))
        return invite_from_row(row) if row else None

    async def use(self, invite_id: int, person_id: int, at: datetime) -> bool:
        """Mark the invite used by the person; False if someone used it first."""
        statement = (
            invites.update()
            .where(invites.c.id == invite_id, invites.c.used_at.is_(None))
            .values(used_at=at, used_by=person_id)
        )
        return bool((await self.execute(statement)).rowcount)

"""Invites for one named official: redeeming links their chat, and nothing else changes (§14)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import DomainError, InvalidInput, NotAllowed
from bot.domain.people import OPERATOR, ChannelIdentity, Person, Role
from bot.services.invites import accept_invite, hash_code, invite_person
from bot.services.recording import ActorRef
from tests.services.city import City
from tests.services.probes import team_id


def tg(user: str) -> ChannelIdentity:
    """A Telegram identity of a private chat."""
    return ChannelIdentity("telegram", user, user)


async def invite_for(city: City, person_id: int, who: ActorRef = OPERATOR) -> str:
    """Issue an invite for the person and return its code."""
    return (await invite_person(city.new_uow(), city.ctx, who, person_id, city.now)).code


async def person(city: City, person_id: int) -> Person:
    """The person as stored."""
    async with city.new_uow() as uow:
        found = await uow.people.get(person_id)
    assert found is not None
    return found


async def everyone(city: City) -> list[Person]:
    """Everybody stored, by id."""
    async with city.new_uow() as uow:
        return await uow.people.with_role(None)


async def test_redeeming_links_the_chat_to_the_lead_and_changes_nothing_else(
    city: City,
) -> None:
    before, people = await person(city, city.lead), len(await everyone(city))
    code = await invite_for(city, city.lead)
    joined = await accept_invite(city.new_uow(), code, tg("9300"), "Telegram 名", city.now, "en")
    assert joined.person.id == city.lead and joined.role is Role.LEAD
    assert joined.task_force is not None and joined.task_force.code == "alu"
    after = await person(city, city.lead)
    assert after.identities == (tg("9300"),)
    assert (after.name, after.roles, after.detected_language) == (before.name, before.roles, "en")
    assert len(await everyone(city)) == people, "no new person"
    alu = await team_id(city, "alu")
    async with city.new_uow() as uow:
        team = await uow.task_forces.get(alu)
        invite = await uow.invites.by_hash(hash_code(code))
    assert team is not None and team.lead_id == city.lead
    assert invite is not None and (invite.used_by, invite.person_id) == (city.lead, city.lead)


async def refused(city: City, code: str, user: str, key: str) -> None:
    """Redeeming fails with InvalidInput(key) and changes nobody and no invite."""
    async with city.new_uow() as uow:
        before = (await uow.invites.by_hash(hash_code(code)), await uow.people.with_role(None))
    with pytest.raises(InvalidInput) as caught:
        await accept_invite(city.new_uow(), code, tg(user), "某人", city.now)
    assert caught.value.key == key
    async with city.new_uow() as uow:
        after = (await uow.invites.by_hash(hash_code(code)), await uow.people.with_role(None))
    assert after == before


async def test_a_chat_that_is_someone_elses_is_refused(city: City) -> None:
    code = await invite_for(city, city.lead)
    # 5001 is the enterprise member 王经理's account.
    await refused(city, code, "5001", "invite.person_chat_taken")


async def test_a_person_with_a_chat_on_the_channel_cannot_join_again(city: City) -> None:
    first, second = await invite_for(city, city.leader), await invite_for(city, city.leader)
    await accept_invite(city.new_uow(), first, tg("9301"), "李", city.now)
    await refused(city, second, "9302", "invite.person_joined")
    await refused(city, second, "9301", "invite.person_joined")


async def test_an_invite_for_someone_used_or_expired_is_refused(city: City) -> None:
    code = await invite_for(city, city.government_office)
    await accept_invite(city.new_uow(), code, tg("9303"), "办", city.now)
    await refused(city, code, "9304", "invite.used")
    late = await invite_for(city, city.party_office)
    city.later(days=city.ctx.invite_ttl.days + 1)
    await refused(city, late, "9305", "invite.expired")


@pytest.mark.parametrize(
    ("who", "whom", "error", "key"),
    [
        ("lead", "officer", NotAllowed, "invite.not_allowed"),
        ("admin", "member", InvalidInput, "invite.person_not_official"),
        ("admin", "nobody", InvalidInput, "invite.person_unknown"),
    ],
)
async def test_who_may_invite_whom_by_name(
    city: City, who: str, whom: str, error: type[DomainError], key: str
) -> None:
    target = 10_000 if whom == "nobody" else getattr(city, whom)
    with pytest.raises(error) as caught:
        await invite_for(city, target, getattr(city, who))
    assert caught.value.key == key


async def test_no_invite_for_someone_who_has_joined(city: City) -> None:
    await accept_invite(
        city.new_uow(), await invite_for(city, city.officer), tg("9306"), "赵", city.now
    )
    with pytest.raises(InvalidInput) as caught:
        await invite_for(city, city.officer)
    assert caught.value.key == "invite.person_joined"


async def test_the_invite_expires_after_the_configured_time(city: City) -> None:
    issued = await invite_person(city.new_uow(), city.ctx, city.admin, city.principal, city.now)
    assert issued.invite.expires_at == city.now + city.ctx.invite_ttl
    assert issued.invite.role is Role.PRINCIPAL
    assert issued.invite.usable(city.now + city.ctx.invite_ttl - timedelta(seconds=1))

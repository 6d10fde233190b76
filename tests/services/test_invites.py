"""One-time invites: who may issue them, what redeeming grants, and every way they fail (§14)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import timedelta

import pytest

from bot.domain.access import Invite
from bot.domain.errors import DomainError, InvalidInput, NotAllowed
from bot.domain.people import OPERATOR, ChannelIdentity, Person, Role
from bot.services.filing import FilingRequest, file_issue
from bot.services.invites import accept_invite, create_invite, hash_code
from bot.services.recording import ActorRef
from tests.services.city import City
from tests.services.probes import team_id


def tg(user: str) -> ChannelIdentity:
    """A Telegram identity of a private chat."""
    return ChannelIdentity("telegram", user, user)


async def invite(
    city: City, who: ActorRef, role: Role, team: str | None = None, firm: int | None = None
) -> str:
    """Issue an invite and return its code."""
    issued = await create_invite(city.new_uow(), city.ctx, who, role, city.now, team, firm)
    return issued.code


async def accept(city: City, code: str, user: str, name: str = "新同事") -> Person:
    """Redeem the code as a Telegram user."""
    return (await accept_invite(city.new_uow(), code, tg(user), name, city.now)).person


async def stored(city: City, code: str) -> Invite | None:
    """The stored invite of a code."""
    async with city.new_uow() as uow:
        return await uow.invites.by_hash(hash_code(code))


async def who_is(city: City, user: str) -> Person | None:
    """The person behind a Telegram user, if any."""
    async with city.new_uow() as uow:
        return await uow.people.by_identity("telegram", user)


async def refused_to(city: City, code: str, user: str, key: str) -> None:
    """Redeeming fails with InvalidInput(key); the invite and the user's person do not change."""
    before = (await stored(city, code), await who_is(city, user))
    with pytest.raises(InvalidInput) as caught:
        await accept(city, code, user)
    assert caught.value.key == key
    assert (await stored(city, code), await who_is(city, user)) == before


async def test_the_operator_invites_an_officer_who_redeems_it_once(city: City) -> None:
    alu = await team_id(city, "alu")
    issued = await create_invite(city.new_uow(), city.ctx, OPERATOR, Role.OFFICER, city.now, "alu")
    code = issued.code
    saved = await stored(city, code)
    assert saved is not None and saved.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert code not in str(asdict(saved)).replace(saved.code_hash, "")
    assert (saved.role, saved.task_force_id, saved.created_by, saved.used_at) == (
        Role.OFFICER,
        alu,
        None,
        None,
    )
    assert saved.expires_at == city.now + timedelta(days=7)

    newcomer = await accept(city, code, "7001", "郑专员")
    assert newcomer.id is not None and newcomer.roles == frozenset({Role.OFFICER})
    async with city.new_uow() as uow:
        actor = await uow.people.actor(newcomer.id)
    assert actor is not None and actor.member_of == frozenset({alu})
    used = await stored(city, code)
    assert used is not None and (used.used_at, used.used_by) == (city.now, newcomer.id)
    await refused_to(city, code, "7002", "invite.used")


async def test_expired_and_unknown_codes_are_refused(city: City) -> None:
    code = await invite(city, OPERATOR, Role.OFFICER, "alu")
    city.later(days=7, minutes=1)
    await refused_to(city, code, "7001", "invite.expired")
    await refused_to(city, "not-a-code", "7001", "invite.unknown")


@pytest.mark.parametrize(
    ("inviter", "role", "team", "error", "key"),
    [
        ("lead", Role.OFFICER, "energy", NotAllowed, "invite.not_allowed"),
        ("lead", Role.LEAD, "alu", NotAllowed, "invite.not_allowed"),
        ("officer", Role.OFFICER, "alu", NotAllowed, "invite.not_allowed"),
        ("member", Role.OFFICER, "alu", NotAllowed, "invite.not_allowed"),
        ("admin", Role.OFFICE, "alu", InvalidInput, "invite.task_force_role"),
        ("admin", Role.OFFICER, None, InvalidInput, "invite.needs_task_force"),
    ],
)
async def test_who_may_invite_whom(
    city: City, inviter: str, role: Role, team: str | None, error: type[DomainError], key: str
) -> None:
    who: int = getattr(city, inviter)
    with pytest.raises(error) as caught:
        await invite(city, who, role, team)
    assert caught.value.key == key


async def test_a_lead_invites_officers_to_their_own_task_force(city: City) -> None:
    alu = await team_id(city, "alu")
    newcomer = await accept(city, await invite(city, city.lead, Role.OFFICER, "alu"), "7001")
    assert newcomer.id is not None and newcomer.roles == frozenset({Role.OFFICER})
    async with city.new_uow() as uow:
        actor = await uow.people.actor(newcomer.id)
        team = await uow.task_forces.get(alu)
    assert actor is not None and actor.member_of == frozenset({alu})
    assert team is not None and team.lead_id == city.lead


async def test_an_enterprise_admin_invites_a_colleague_who_can_file(city: City) -> None:
    code = await invite(city, city.member, Role.MEMBER, firm=city.enterprise)
    with pytest.raises(NotAllowed):
        await invite(city, city.other_member, Role.MEMBER, firm=city.enterprise)
    colleague = await accept(city, code, "7001", "刘会计")
    assert colleague.id is not None
    assert (colleague.roles, colleague.enterprise_id, colleague.enterprise_admin) == (
        frozenset({Role.MEMBER}),
        city.enterprise,
        False,
    )
    request = FilingRequest(text="增值税留抵退税迟迟未到账", project_id=city.small_project)
    filed = await file_issue(city.new_uow(), city.ctx, colleague.id, request, city.now)
    assert (filed.issue.enterprise_id, filed.issue.filed_by) == (city.enterprise, colleague.id)
    async with city.new_uow() as uow:
        stranger = await uow.people.get(city.other_member)
    assert stranger is not None
    other = await invite(city, city.other_member, Role.MEMBER, firm=stranger.enterprise_id)
    await refused_to(city, other, "7001", "invite.other_enterprise")


async def test_an_enterprise_member_cannot_redeem_an_official_invite(city: City) -> None:
    code = await invite(city, OPERATOR, Role.OFFICER, "alu")
    await refused_to(city, code, "5001", "invite.member_official")


async def test_an_official_cannot_redeem_a_member_invite(city: City) -> None:
    await accept(city, await invite(city, OPERATOR, Role.OFFICER, "alu"), "7001")
    code = await invite(city, city.member, Role.MEMBER, firm=city.enterprise)
    await refused_to(city, code, "7001", "invite.official_member")


async def test_a_lead_invite_makes_the_person_the_task_forces_lead(city: City) -> None:
    energy = await team_id(city, "energy")
    lead = await accept(city, await invite(city, OPERATOR, Role.LEAD, "energy"), "7001", "冯组长")
    assert lead.id is not None and lead.roles == frozenset({Role.LEAD})
    async with city.new_uow() as uow:
        team = await uow.task_forces.get(energy)
        actor = await uow.people.actor(lead.id)
    assert team is not None and team.lead_id == lead.id and lead.id in team.member_ids
    assert actor is not None and actor.leads == frozenset({energy})

"""Registering enterprises and projects (measure 3), and adding officials by hand."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from functools import partial

import pytest

from bot.domain.errors import DomainError, InvalidInput, NotAllowed
from bot.domain.model import Enterprise, Project, Stage
from bot.domain.people import ChannelIdentity, Person, Role
from bot.services.directory import NewOfficial, add_official
from bot.services.recording import ActorRef
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)
from tests.services.city import City

State = tuple[list[Enterprise], list[Person], list[Project]]


async def directory(city: City) -> State:
    """Every enterprise, person and project, as stored."""
    async with city.new_uow() as uow:
        return (
            await uow.enterprises.all(),
            await uow.people.with_role(),
            await uow.projects.find(),
        )


async def refused(
    city: City, action: Callable[[], Awaitable[object]], error: type[DomainError], key: str
) -> None:
    """The action fails with `error` and `key`, and no enterprise, person or project changed."""
    before = await directory(city)
    with pytest.raises(error) as caught:
        await action()
    assert caught.value.key == key, caught.value
    assert await directory(city) == before


async def enterprise(city: City, code: str, user: str | None = None) -> None:
    """Register an enterprise with this credit code, from a Telegram user if given."""
    identity = ChannelIdentity("telegram", user, user) if user else None
    reg = EnterpriseRegistration("新公司", code, "林经理", identity=identity)
    await register_enterprise(city.new_uow(), reg, city.now)


async def project(city: City, who: ActorRef, amount: str | None, **kw: object) -> Project:
    """Register a project of the city's enterprise."""
    reg = ProjectRegistration(city.enterprise, "新项目", "alu", investment_amount=amount, **kw)  # type: ignore[arg-type]
    return await register_project(city.new_uow(), city.ctx, who, reg)


@pytest.mark.parametrize(
    ("code", "user", "key"),
    [
        ("91350100M000100Y44", None, "credit_code.check"),
        ("91350100M000100Y4", None, "credit_code.length"),
        ("91350100M000100Y431", None, "credit_code.length"),
        ("91350100M000100Y43", None, "enterprise.exists"),
        ("9135 0100-m000 100y43", None, "enterprise.exists"),
        ("91110108MA01KPGK0L", "5001", "enterprise.already_member"),
    ],
)
async def test_bad_enterprise_registrations_change_nothing(
    city: City, code: str, user: str | None, key: str
) -> None:
    await refused(city, lambda: enterprise(city, code, user), InvalidInput, key)


async def test_a_new_enterprise_registers_its_first_member_as_admin(city: City) -> None:
    await enterprise(city, "91110108MA01KPGK0L", "7001")
    async with city.new_uow() as uow:
        found = await uow.enterprises.by_credit_code("91110108MA01KPGK0L")
        admin = await uow.people.by_identity("telegram", "7001")
    assert found is not None and admin is not None
    assert (admin.enterprise_id, admin.enterprise_admin, admin.roles) == (
        found.id,
        True,
        frozenset({Role.MEMBER}),
    )


async def test_measure_3_thresholds_decide_city_coordination(city: City) -> None:
    cases = [
        ("2000000000", "CNY", True),
        ("1999999999", "CNY", False),
        ("2,000,000,000", "CNY", True),
        ("100000000", "USD", True),
        ("99999999.99", "USD", False),
        (None, "CNY", False),
    ]
    for amount, currency, coordinated in cases:
        made = await project(city, city.member, amount, investment_currency=currency)
        assert made.city_coordinated is coordinated, (amount, currency)
        async with city.new_uow() as uow:
            assert made.id is not None and await uow.projects.get(made.id) == made
    flagged = await project(city, city.admin, "1000", flagged=True, stage="signed")
    assert (flagged.flagged, flagged.city_coordinated, flagged.stage) == (True, True, Stage.SIGNED)


async def test_bad_projects_are_refused_and_change_nothing(city: City) -> None:
    cases: list[tuple[int, dict[str, object], type[DomainError], str]] = [
        (city.member, {"flagged": True}, NotAllowed, "project.flag_admin_only"),
        (city.member, {"stage": "dreaming"}, InvalidInput, "project.bad_stage"),
        (city.member, {"amount": "abc"}, InvalidInput, "project.bad_investment"),
        (city.member, {"amount": "-5"}, InvalidInput, "project.bad_investment"),
        (city.member, {"investment_currency": "EUR"}, InvalidInput, "project.bad_investment"),
        (city.other_member, {}, NotAllowed, "project.not_allowed"),
        (city.officer, {}, NotAllowed, "project.not_allowed"),
    ]
    for who, changes, error, key in cases:
        amount = str(changes.pop("amount", "100"))
        await refused(city, partial(project, city, who, amount, **changes), error, key)


@pytest.mark.parametrize(
    ("actor", "new", "error", "key"),
    [
        (
            "admin",
            NewOfficial("新办", frozenset({Role.OFFICE}), key="party-office"),
            InvalidInput,
            "person.key_taken",
        ),
        (
            "admin",
            NewOfficial("新办", frozenset({Role.OFFICE}), key="Party Office!"),
            InvalidInput,
            "person.bad_key",
        ),
        (
            "officer",
            NewOfficial("新专员", frozenset({Role.OFFICER}), task_forces=("alu",)),
            NotAllowed,
            "person.admin_only",
        ),
        (
            "admin",
            NewOfficial("新办", frozenset({Role.OFFICE}), task_forces=("alu",)),
            InvalidInput,
            "person.task_force_role",
        ),
        (
            "admin",
            NewOfficial("新市长", frozenset({Role.PRINCIPAL}), task_forces=("energy",)),
            InvalidInput,
            "person.task_force_role",
        ),
        ("admin", NewOfficial("老板", frozenset({Role.MEMBER})), InvalidInput, "person.bad_roles"),
    ],
)
async def test_bad_officials_are_refused_and_change_nothing(
    city: City, actor: str, new: NewOfficial, error: type[DomainError], key: str
) -> None:
    who: int = getattr(city, actor)
    await refused(city, lambda: add_official(city.new_uow(), who, new), error, key)


async def test_an_amount_finer_than_cents_is_refused_or_rounded_before_the_threshold(
    city: City,
) -> None:
    try:
        made = await project(city, city.member, "99999999.999", investment_currency="USD")
    except InvalidInput as refusal:
        assert refusal.key == "project.bad_investment"
        return
    async with city.new_uow() as uow:
        assert made.id is not None and await uow.projects.get(made.id) == made
    assert (made.investment_amount, made.city_coordinated) == (Decimal("100000000.00"), True)

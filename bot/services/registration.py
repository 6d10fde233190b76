"""Registering enterprises, their members and their projects (§1, §4, measure 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from bot.domain.coordination import Investment, is_city_coordinated
from bot.domain.credit_code import validate_credit_code
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.model import Enterprise, Project, Stage
from bot.domain.people import ChannelIdentity, Person, Role
from bot.domain.transitions import clean_text
from bot.services.context import Context
from bot.services.ports import UnitOfWork
from bot.services.recording import ActorRef, load_actor

MAX_NAME = 200
CENT = Decimal("0.01")


@dataclass(frozen=True)
class EnterpriseRegistration:
    """What a new enterprise tells the bot at /start."""

    name: str
    credit_code: str
    contact_name: str
    phone: str | None = None
    zone: str | None = None
    # The language the person was served in: kept as what is known of them, not as a choice.
    language: str | None = None
    identity: ChannelIdentity | None = None


@dataclass(frozen=True)
class ProjectRegistration:
    """A project as an enterprise member or an admin describes it."""

    enterprise_id: int
    name: str
    industry: str
    stage: str = "lead"
    investment_amount: str | Decimal | None = None
    investment_currency: str = "CNY"
    zone: str | None = None
    flagged: bool = False


def clean_name(value: str, field: str) -> str:
    """A required, bounded single-line name."""
    text = clean_text(value, field)
    assert text is not None
    if len(text) > MAX_NAME or "\n" in text:
        raise InvalidInput(
            "input.bad_name",
            f"{field} must be one line of at most {MAX_NAME} characters",
            field=field,
        )
    return text


async def register_enterprise(
    uow: UnitOfWork, reg: EnterpriseRegistration, now: datetime
) -> tuple[Enterprise, Person]:
    """Create the enterprise and its first member, who becomes its admin."""
    code = validate_credit_code(reg.credit_code)
    name = clean_name(reg.name, "enterprise name")
    contact = clean_name(reg.contact_name, "contact name")
    async with uow:
        if await uow.enterprises.by_credit_code(code) is not None:
            raise InvalidInput(
                "enterprise.exists",
                f"an enterprise with credit code {code} is registered already; "
                "ask its admin for an invite",
                code=code,
            )
        if reg.identity is not None:
            known = await uow.people.by_identity(reg.identity.channel, reg.identity.external_id)
            if known is not None and known.enterprise_id is not None:
                raise InvalidInput("enterprise.already_member", "you belong to an enterprise")
        enterprise = await uow.enterprises.add(
            Enterprise(name=name, credit_code=code, zone=reg.zone, registered_at=now)
        )
        person = await uow.people.add(
            Person(
                name=contact,
                roles=frozenset({Role.MEMBER}),
                detected_language=reg.language,
                phone=reg.phone,
                enterprise_id=enterprise.id,
                enterprise_admin=True,
                identities=(reg.identity,) if reg.identity else (),
            )
        )
        await uow.commit()
    return enterprise, person


async def add_enterprise(
    uow: UnitOfWork,
    actor_id: ActorRef,
    name: str,
    credit_code: str,
    now: datetime,
    zone: str | None = None,
) -> Enterprise:
    """An admin adds an enterprise with no members yet; its people join by invite."""
    code = validate_credit_code(credit_code)
    cleaned = clean_name(name, "enterprise name")
    area = clean_name(zone, "zone") if zone is not None and zone.strip() else None
    async with uow:
        if not (await load_actor(uow, actor_id)).has(Role.ADMIN):
            raise NotAllowed("enterprise.admin_only", "only an admin may add enterprises")
        existing = await uow.enterprises.by_credit_code(code)
        if existing is not None:
            raise InvalidInput(
                "enterprise.exists",
                f"an enterprise with credit code {code} is registered already: {existing.name}",
                code=code,
            )
        enterprise = await uow.enterprises.add(
            Enterprise(name=cleaned, credit_code=code, zone=area, registered_at=now)
        )
        await uow.commit()
    return enterprise


async def register_project(
    uow: UnitOfWork, ctx: Context, actor_id: ActorRef, reg: ProjectRegistration
) -> Project:
    """Add a project; whether it is city-coordinated follows measure 3 (or an admin's flag)."""
    name = clean_name(reg.name, "project name")
    industry = clean_name(reg.industry, "industry").lower()
    try:
        stage = Stage(reg.stage)
    except ValueError:
        choices = ", ".join(s.value for s in Stage)
        raise InvalidInput("project.bad_stage", f"stage must be one of {choices}") from None
    investment = _investment(reg.investment_amount, reg.investment_currency)
    async with uow:
        actor = await load_actor(uow, actor_id)
        own = actor.has(Role.MEMBER) and actor.enterprise_id == reg.enterprise_id
        if not (own or actor.has(Role.ADMIN)):
            raise NotAllowed("project.not_allowed", "you may not add projects to this enterprise")
        if reg.flagged and not actor.has(Role.ADMIN):
            raise NotAllowed("project.flag_admin_only", "only an admin may flag a project")
        if await uow.enterprises.get(reg.enterprise_id) is None:
            raise NotFound("enterprise.not_found", f"no enterprise {reg.enterprise_id}")
        known = sorted({i for t in await uow.task_forces.all() if t.active for i in t.industries})
        if industry not in known:
            raise InvalidInput(
                "project.unknown_industry",
                f"unknown industry {industry!r}; known: {', '.join(known)}",
                value=industry,
            )
        project = Project(
            enterprise_id=reg.enterprise_id,
            name=name,
            industry=industry,
            stage=stage,
            investment_amount=investment.amount if investment else None,
            investment_currency=investment.currency if investment else None,
            zone=reg.zone,
            flagged=reg.flagged,
            city_coordinated=is_city_coordinated(investment, reg.flagged, ctx.thresholds),
        )
        project = await uow.projects.add(project)
        await uow.commit()
    return project


def _investment(amount: str | Decimal | None, currency: str) -> Investment | None:
    if amount is None or amount == "":
        return None
    try:
        value = Decimal(str(amount).replace(",", "").strip())
        if value.is_finite() and value != value.quantize(CENT):
            raise ValueError("more than two decimals")
        return Investment(value, currency.strip().upper())
    except (InvalidOperation, ValueError):
        raise InvalidInput(
            "project.bad_investment",
            f"{amount!r} with currency {currency!r} is not an investment: give a non-negative "
            "amount in CNY or USD",
            value=str(amount),
        ) from None

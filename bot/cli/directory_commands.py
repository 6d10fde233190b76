"""People, invites, enterprises and projects at the command line."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, tzinfo
from typing import Any

from bot.cli.output import CommandError, opened, print_table
from bot.cli.person_channels import accounts, preferred, register_person_channels
from bot.cli.person_invites import invite_person_command, print_invite
from bot.domain.credit_code import validate_credit_code
from bot.domain.model import Enterprise, Stage, TaskForce
from bot.domain.people import OPERATOR, Role
from bot.services.directory import NewOfficial, add_official
from bot.services.invites import create_invite, invite_person
from bot.services.ports import UnitOfWork
from bot.services.registration import ProjectRegistration, add_enterprise, register_project

ROLES = [r.value for r in Role]


def register(commands: Any) -> None:
    """Add the directory commands to the parser."""
    person = commands.add_parser("person", help="officials").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    add = person.add_parser("add", help="add an official")
    add.add_argument("--name", required=True)
    add.add_argument("--role", action="append", required=True, choices=ROLES[1:])
    add.add_argument("--key", help="an optional stable key for scripts, e.g. government-office")
    add.add_argument(
        "--task-force",
        action="append",
        default=[],
        metavar="CODE",
        help="needed for officer and lead; repeat for several",
    )
    add.add_argument("--phone")
    add.add_argument("--language", choices=["zh", "en"])
    add.set_defaults(handler=add_person)
    people = person.add_parser("list", help="list people")
    people.add_argument("--role", choices=ROLES)
    people.set_defaults(handler=list_people)
    register_person_channels(person)

    invite = commands.add_parser("invite", help="one-time invites").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    create = invite.add_parser("create", help="create an invite and print its code and link")
    create.add_argument("--role", choices=ROLES, help="the role it grants to whoever opens it")
    create.add_argument(
        "--person",
        metavar="NAME_OR_ID",
        help="instead of --role: an official who has no chat yet; opening it links their chat",
    )
    create.add_argument("--task-force", metavar="CODE")
    create.add_argument("--enterprise", metavar="CREDIT_CODE", help="for a member invite")
    create.set_defaults(handler=create_invite_command)

    enterprise = commands.add_parser("enterprise", help="enterprises").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    enterprise.add_parser("list", help="list enterprises").set_defaults(handler=list_enterprises)
    eadd = enterprise.add_parser(
        "add", help="add an enterprise; its people join with `invite create --role member`"
    )
    eadd.add_argument("--name", required=True)
    eadd.add_argument("--credit-code", required=True, help="unified social credit code (18)")
    eadd.add_argument("--zone", help="county or development zone")
    eadd.set_defaults(handler=add_enterprise_command)

    project = commands.add_parser("project", help="projects").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    padd = project.add_parser("add", help="add a project to an enterprise")
    padd.add_argument("--enterprise", required=True, metavar="CREDIT_CODE")
    padd.add_argument("--name", required=True)
    padd.add_argument("--industry", required=True, help="a task force industry, e.g. alu")
    padd.add_argument("--stage", default="lead", choices=[s.value for s in Stage])
    padd.add_argument("--investment", help="amount in the currency's units, e.g. 2500000000")
    padd.add_argument("--currency", default="CNY", choices=["CNY", "USD"])
    padd.add_argument("--zone")
    padd.add_argument("--flagged", action="store_true", help="city-coordinated by decision")
    padd.set_defaults(handler=add_project)
    plist = project.add_parser("list", help="list projects")
    plist.add_argument("--enterprise", metavar="CREDIT_CODE")
    plist.set_defaults(handler=list_projects)


async def add_person(args: argparse.Namespace) -> int:
    """Add an official; say what they are in each task force, and whom they replace there."""
    new = NewOfficial(
        name=args.name,
        roles=frozenset(Role(r) for r in args.role),
        key=args.key,
        task_forces=tuple(args.task_force),
        phone=args.phone,
        language=args.language,
    )
    async with opened(args) as app:
        async with app.uow().reading() as uow:
            before = {t.code: t for t in await uow.task_forces.all()}
            names = await uow.people.names(
                sorted(p for t in before.values() for p in _heads(t) if p is not None)
            )
        person = await add_official(app.uow(), OPERATOR, new)
        assert person.id is not None
        issued = await invite_person(app.uow(), app.ctx, OPERATOR, person.id, datetime.now(UTC))
    print(f"added person {person.id}: {person.name} ({', '.join(sorted(person.roles))})")
    for code in dict.fromkeys(c.strip().lower() for c in args.task_force):
        team = before[code]
        print(f"{code} ({team.name_zh}): {_place(new.roles, team, names)}")
    # Without a chat account no notice reaches them: the invite is how they get one.
    print(f"{person.name} joins their chat by this one-time invite:")
    print_invite(app, issued, ("person", f"{person.name} (id {person.id})"))
    return 0


def _heads(team: TaskForce) -> tuple[int | None, int | None]:
    return team.lead_id, team.supervising_leader_id


def _place(roles: frozenset[Role], team: TaskForce, names: dict[int, str]) -> str:
    """What the new official is in the task force, naming whom a lead or leader replaces."""
    places = ["officer"] if Role.OFFICER in roles and Role.LEAD not in roles else []
    for role, what, held in (
        (Role.LEAD, "lead", team.lead_id),
        (Role.LEADER, "supervising leader", team.supervising_leader_id),
    ):
        if role in roles:
            replaced = f" (replacing {names.get(held, held)})" if held is not None else ""
            places.append(what + replaced)
    return " and ".join(places)


async def list_people(args: argparse.Namespace) -> int:
    """Print people, optionally of one role, with their enterprise or task forces by name."""
    async with opened(args) as app, app.uow() as uow:
        people = await uow.people.with_role(Role(args.role) if args.role else None)
        teams = await uow.task_forces.all()
        enterprises = {e.id: e.name for e in await uow.enterprises.all()}
    rows = [
        (
            p.id,
            p.name,
            p.key,
            ",".join(sorted(p.roles)),
            ",".join(t.code for t in teams if p.id is not None and p.id in _people_of(t)) or None,
            enterprises.get(p.enterprise_id) if p.enterprise_id is not None else None,
            accounts(p),
            preferred(p),
        )
        for p in people
    ]
    headers = ("id", "name", "key", "roles", "task forces", "enterprise", "channels", "preferred")
    print_table(headers, rows)
    return 0


def _people_of(team: TaskForce) -> set[int | None]:
    return {*team.member_ids, *_heads(team)}


async def create_invite_command(args: argparse.Namespace) -> int:
    """Create an invite and print the code, the Telegram deep link and the expiry."""
    if args.person is not None:
        return await invite_person_command(args)
    if args.role is None:
        raise CommandError("give --role ROLE, or --person NAME_OR_ID for an official's own invite")
    role = Role(args.role)
    if args.enterprise and role is not Role.MEMBER:
        raise CommandError(f"--enterprise goes with --role member only, not with {role}")
    async with opened(args) as app:
        enterprise = await _enterprise(app.uow(), args.enterprise) if args.enterprise else None
        issued = await create_invite(
            app.uow(),
            app.ctx,
            OPERATOR,
            role,
            datetime.now(UTC),
            args.task_force,
            enterprise.id if enterprise is not None else None,
        )
        async with app.uow().reading() as uow:
            team_id = issued.invite.task_force_id
            team = await uow.task_forces.get(team_id) if team_id is not None else None
    of = f" of {team.code} ({team.name_zh})" if team is not None else ""
    of += f" of {enterprise.name}" if enterprise is not None else ""
    print_invite(app, issued, ("role", f"{role}{of}"))
    return 0


async def list_enterprises(args: argparse.Namespace) -> int:
    """Print every enterprise."""
    async with opened(args) as app, app.uow() as uow:
        found = await uow.enterprises.all()
    tz = app.ctx.calendar.tz  # the city's clock, as everywhere else on the command line
    print_table(
        ("id", "name", "credit code", "zone", "registered"),
        [(e.id, e.name, e.credit_code, e.zone, _local(e.registered_at, tz)) for e in found],
    )
    return 0


async def add_enterprise_command(args: argparse.Namespace) -> int:
    """Add an enterprise, checked as registration in chat checks it."""
    async with opened(args) as app:
        enterprise = await add_enterprise(
            app.uow(), OPERATOR, args.name, args.credit_code, datetime.now(UTC), args.zone
        )
    print(f"added enterprise {enterprise.id}: {enterprise.name} ({enterprise.credit_code})")
    return 0


async def add_project(args: argparse.Namespace) -> int:
    """Add a project to an enterprise."""
    async with opened(args) as app:
        enterprise = await _enterprise(app.uow(), args.enterprise)
        assert enterprise.id is not None
        project = await register_project(
            app.uow(),
            app.ctx,
            OPERATOR,
            ProjectRegistration(
                enterprise_id=enterprise.id,
                name=args.name,
                industry=args.industry,
                stage=args.stage,
                investment_amount=args.investment,
                investment_currency=args.currency,
                zone=args.zone,
                flagged=args.flagged,
            ),
        )
    coordinated = "city-coordinated" if project.city_coordinated else "not city-coordinated"
    print(f"added project {project.id}: {project.name} ({coordinated})")
    return 0


async def list_projects(args: argparse.Namespace) -> int:
    """Print projects, optionally of one enterprise."""
    async with opened(args) as app:
        enterprise_id = None
        if args.enterprise:
            enterprise_id = (await _enterprise(app.uow(), args.enterprise)).id
        async with app.uow() as uow:
            found = await uow.projects.find(enterprise_id)
            names = {e.id: e.name for e in await uow.enterprises.all()}
    rows = [
        (
            p.id,
            names.get(p.enterprise_id, f"enterprise {p.enterprise_id}"),
            p.name,
            p.industry,
            p.stage,
            p.investment_amount,
            p.investment_currency,
            "yes" if p.city_coordinated else "no",
        )
        for p in found
    ]
    print_table(
        ("id", "enterprise", "name", "industry", "stage", "investment", "cur", "coordinated"),
        rows,
    )
    return 0


async def _enterprise(uow: UnitOfWork, credit_code: str) -> Enterprise:
    code = validate_credit_code(credit_code)
    async with uow:
        found = await uow.enterprises.by_credit_code(code)
    if found is None:
        raise CommandError(f"no enterprise with credit code {code}")
    return found


def _local(moment: datetime | None, tz: tzinfo) -> str:
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}" if moment is not None else "-"

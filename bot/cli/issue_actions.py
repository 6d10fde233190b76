"""The operator's actions on an issue: dispatch, transfer, assign, reject, reopen, co-handle and
direct-report, each through its use case as OPERATOR, each saying what happened."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from bot.bootstrap import App
from bot.cli.arguments import issue_code
from bot.cli.names import names_of
from bot.cli.output import CommandError, opened
from bot.cli.refusals import explain
from bot.domain.errors import DomainError
from bot.domain.people import OPERATOR
from bot.services import follow_up, teamwork
from bot.services.queries import show_issue
from bot.services.recording import Outcome

CODE_HELP = "the issue, e.g. ZB-2026-000123"
TEAM_HELP = "a task force code, e.g. alu (see `zhibao taskforce list`)"


def register(issues: Any) -> None:
    """Add the action commands under `zhibao issues`."""
    dispatch = _command(issues, "dispatch", "give an unrouted or returned issue to a task force")
    dispatch.add_argument("team", metavar="TASKFORCE", help=TEAM_HELP)
    dispatch.add_argument("--note", help="a note for the task force")
    dispatch.set_defaults(handler=run_dispatch)
    transfer = _command(issues, "transfer", "move an issue to another task force (转派)")
    transfer.add_argument("team", metavar="TASKFORCE", help=TEAM_HELP)
    transfer.add_argument("--reason", required=True)
    transfer.set_defaults(handler=run_transfer)
    assign = _command(issues, "assign", "name the officer who should sign for an issue")
    assign.add_argument(
        "person", metavar="PERSON", help="an officer of its task force: id or name"
    )
    assign.set_defaults(handler=run_assign)
    reject = _command(issues, "reject", "decline an out-of-scope issue (不予受理)")
    reject.add_argument("--reason", required=True, help="told to the enterprise")
    reject.set_defaults(handler=run_reject)
    reopen = _command(issues, "reopen", "bring a closed issue back to work")
    reopen.add_argument("--reason", required=True)
    reopen.set_defaults(handler=run_reopen)
    helper = _command(issues, "co-handle", "ask another task force to help (协办)")
    helper.add_argument("team", metavar="TASKFORCE", help=TEAM_HELP)
    helper.set_defaults(handler=run_co_handle)
    direct = _command(
        issues,
        "direct-report",
        "send an issue to the direct-report recipients (直报) though the rule did not",
    )
    direct.set_defaults(handler=run_direct_report)


def _command(issues: Any, name: str, text: str) -> Any:
    parser = issues.add_parser(name, help=text, description=f"{text[0].upper()}{text[1:]}.")
    parser.add_argument("code", type=issue_code, metavar="CODE", help=CODE_HELP)
    return parser


async def run_dispatch(args: argparse.Namespace) -> int:
    """Dispatch the issue to a task force (the office desk's 派单)."""
    return await _acted(
        args,
        lambda app: teamwork.dispatch(
            app.uow(), app.ctx, OPERATOR, args.code, args.team, _now(), args.note
        ),
    )


async def run_transfer(args: argparse.Namespace) -> int:
    """Transfer the issue to another task force."""
    return await _acted(
        args,
        lambda app: teamwork.transfer(
            app.uow(), app.ctx, OPERATOR, args.code, args.team, args.reason, _now()
        ),
    )


async def run_assign(args: argparse.Namespace) -> int:
    """Name the officer of the issue's task force who should sign for it."""

    async def assign(app: App) -> Outcome:
        person_id = await _officer(app, args.code, args.person)
        return await teamwork.assign(app.uow(), app.ctx, OPERATOR, args.code, person_id, _now())

    return await _acted(args, assign)


async def run_reject(args: argparse.Namespace) -> int:
    """Decline the issue as out of scope."""
    return await _acted(
        args,
        lambda app: teamwork.reject_issue(
            app.uow(), app.ctx, OPERATOR, args.code, args.reason, _now()
        ),
    )


async def run_reopen(args: argparse.Namespace) -> int:
    """Reopen a closed issue within the reopen window."""
    return await _acted(
        args,
        lambda app: follow_up.reopen(app.uow(), app.ctx, OPERATOR, args.code, args.reason, _now()),
    )


async def run_co_handle(args: argparse.Namespace) -> int:
    """Add a co-handling task force."""
    return await _acted(
        args,
        lambda app: teamwork.add_co_handler(
            app.uow(), app.ctx, OPERATOR, args.code, args.team, _now()
        ),
    )


async def _acted(args: argparse.Namespace, action: Callable[[App], Awaitable[Outcome]]) -> int:
    """Run one action on the issue, say why if it was refused, else what it did."""
    async with opened(args) as app:
        with _refusals(args.code):
            outcome = await action(app)
        await _tell(app, outcome)
    return 0


async def run_direct_report(args: argparse.Namespace) -> int:
    """Mark an issue for direct report; the running bot sends the cards."""
    async with opened(args) as app:
        with _refusals(args.code):
            outcome = await follow_up.mark_direct_report(
                app.uow(), app.ctx, OPERATOR, args.code, _now()
            )
    print(f"{outcome.issue.code} is a direct report now; {outcome.notices} notice(s) queued")
    return 0


def _now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _refusals(code: str) -> Iterator[None]:
    """A domain refusal as one sentence that names the issue."""
    try:
        yield
    except DomainError as error:
        text = explain(error, code)
        raise CommandError(text if code in text else f"{code}: {text}") from None


async def _officer(app: App, code: str, who: str) -> int:
    """The id of the officer of the issue's task force named by id or by exact name."""
    issue = (await show_issue(app.uow(), OPERATOR, code)).issue
    if issue.task_force_id is None:
        raise CommandError(f"{issue.code} has no task force; dispatch it first")
    async with app.uow().reading() as uow:
        team = await uow.task_forces.get(issue.task_force_id)
        assert team is not None
        officers = team.member_ids | ({team.lead_id} if team.lead_id is not None else set())
        names = await uow.people.names(sorted(officers))
    wanted = " ".join(who.split())
    # Spaces and letter case as typed need not match the name as it was entered.
    found = [i for i in names if str(i) == wanted] or [
        i for i, n in names.items() if _same_name(n, wanted)
    ]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"{n} ({i})" for i, n in sorted(names.items())) or "none"
    if found:
        raise CommandError(
            f"{len(found)} officers of {team.code} are named {wanted}; give the id: {listed}"
        )
    raise CommandError(f"{wanted!r} is not an officer of {team.code}; its officers: {listed}")


def _same_name(name: str, typed: str) -> bool:
    return " ".join(name.split()).casefold() == typed.casefold()


async def _tell(app: App, outcome: Outcome) -> None:
    """Print what the action did, the issue's state now and how many notices it queued."""
    async with app.uow().reading() as uow:
        names = await names_of(uow, [outcome.issue], outcome.events)

    def team(data: dict[str, Any]) -> str:
        return names.team_label(data.get("task_force_id")) or "?"

    said: dict[str, Callable[[dict[str, Any]], str]] = {
        "dispatched": lambda d: f"dispatched to {team(d)}",
        "transferred": lambda d: f"transferred to {team(d)}",
        "transfer_requested": lambda d: f"transfer to {team(d)} requested from the lead",
        "member_assigned": lambda d: f"assigned to {names.person(d.get('assignee_id'))}",
        "rejected": lambda d: "rejected (不予受理)",
        "reopened": lambda d: "reopened",
        "co_handler_added": lambda d: f"gets help from {team(d)} as co-handler (协办)",
    }
    done = [said[e.kind](e.data) for e in outcome.events if e.kind in said]
    issue = outcome.issue
    state = str(issue.state).replace("_", " ")
    print(f"{issue.code} {' and '.join(done)}, now {state}; {outcome.notices} notice(s) queued")

"""Shared test builders: actors for every role, filed issues, a calendar and fixed instants."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_source import build_calendar
from bot.domain import closure, handling, intake, oversight
from bot.domain.errors import DomainError
from bot.domain.model import ClockName, Issue, IssueEvent, IssueState, Urgency
from bot.domain.people import OPERATOR, SYSTEM, Actor, Role
from bot.domain.policy import DEFAULT_POLICY, PolicySnapshot

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = build_calendar()
ENTERPRISE_ID = 1
OTHER_ENTERPRISE_ID = 2
TF = 10
OTHER_TF = 20
THIRD_TF = 30


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Shanghai wall-clock instant."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


MONDAY = at(2026, 11, 23, 10, 0)
"""Monday 2026-11-23 10:00, an ordinary working morning."""


def later(minutes: int, start: datetime = MONDAY) -> datetime:
    """`start` plus some wall-clock minutes."""
    return start + timedelta(minutes=minutes)


MEMBER = Actor(101, frozenset({Role.MEMBER}), enterprise_id=ENTERPRISE_ID)
OUTSIDER = Actor(102, frozenset({Role.MEMBER}), enterprise_id=OTHER_ENTERPRISE_ID)
OFFICER = Actor(110, frozenset({Role.OFFICER}), member_of=frozenset({TF}))
COLLEAGUE = Actor(112, frozenset({Role.OFFICER}), member_of=frozenset({TF}))
OFFICER_20 = Actor(120, frozenset({Role.OFFICER}), member_of=frozenset({OTHER_TF}))
LEAD = Actor(
    111, frozenset({Role.OFFICER, Role.LEAD}), member_of=frozenset({TF}), leads=frozenset({TF})
)
LEADER = Actor(130, frozenset({Role.LEADER}), supervises=frozenset({TF}))
PRINCIPAL = Actor(140, frozenset({Role.LEADER, Role.PRINCIPAL}))
OFFICE = Actor(150, frozenset({Role.OFFICE}))
ADMIN = Actor(160, frozenset({Role.ADMIN}))

ACTORS: dict[str, Actor] = {
    "member": MEMBER,
    "outsider": OUTSIDER,
    "officer": OFFICER,
    "colleague": COLLEAGUE,
    "officer_20": OFFICER_20,
    "lead": LEAD,
    "leader": LEADER,
    "principal": PRINCIPAL,
    "office": OFFICE,
    "admin": ADMIN,
    "system": SYSTEM,
    "operator": OPERATOR,
}


def snapshot(urgent: bool = False) -> PolicySnapshot:
    """The default policy snapshot for a normal or an urgent issue."""
    if urgent:
        return DEFAULT_POLICY.snapshot("other", "urgent", None)
    return DEFAULT_POLICY.base


def file(
    now: datetime = MONDAY, urgent: bool = False, text: str = "厂区供电不足，急需增容"
) -> tuple[Issue, IssueEvent]:
    """File an issue as the enterprise member; returns the issue and its `filed` event."""
    return intake.file_issue(
        code="ZB-2026-000001",
        actor=MEMBER,
        enterprise_id=ENTERPRISE_ID,
        category="other",
        urgency=Urgency.URGENT if urgent else Urgency.NORMAL,
        text=text,
        language="zh",
        now=now,
        policy=snapshot(urgent),
        calendar=CAL,
    )


def filed(now: datetime = MONDAY, urgent: bool = False) -> Issue:
    """A freshly filed issue."""
    return file(now, urgent)[0]


S = IssueState
_PATHS: dict[IssueState, tuple[IssueState, str, Actor]] = {
    S.ASSIGNED: (S.FILED, "route", SYSTEM),
    S.ACKNOWLEDGED: (S.ASSIGNED, "claim", OFFICER),
    S.IN_PROGRESS: (S.ACKNOWLEDGED, "reply", OFFICER),
    S.WAITING_ENTERPRISE: (S.IN_PROGRESS, "ask_info", OFFICER),
    S.ANSWERED: (S.IN_PROGRESS, "resolve", OFFICER),
    S.CLOSED: (S.ANSWERED, "confirm", MEMBER),
    S.RETURNED: (S.ASSIGNED, "return", OFFICER),
    S.WITHDRAWN: (S.FILED, "withdraw", MEMBER),
    S.REJECTED: (S.FILED, "reject", OFFICE),
}


def issue_in(state: IssueState, now: datetime = MONDAY, urgent: bool = False) -> Issue:
    """An issue brought to `state` along the usual path, every step taken at `now`."""
    if state is S.FILED:
        return filed(now, urgent)
    previous, action, actor = _PATHS[state]
    issue = issue_in(previous, now, urgent)
    perform(action, issue, actor, now)
    assert issue.state is state
    return issue


@dataclass(frozen=True)
class Args:
    """Arguments for `perform`; None picks a sensible valid default for the action."""

    text: str | None = "已与供电公司协调"
    task_force_id: int | None = None
    person_id: int = 110
    score: int = 5
    new_due: date | None = None
    approve: bool = True


def _other_tf(issue: Issue) -> int:
    return OTHER_TF if issue.task_force_id != OTHER_TF else TF


def default_new_due(issue: Issue) -> date:
    """Five working days after the present resolution deadline."""
    return CAL.add_workdays(issue.clocks[ClockName.RESOLVE].due_at.date(), 5)


def perform(
    action: str, issue: Issue, actor: Actor, now: datetime, args: Args = Args()
) -> IssueEvent:
    """Take one action of RULES (or `decide`) on the issue with the given arguments."""
    text = args.text or ""
    tf = args.task_force_id
    match action:
        case "route":
            return intake.route(issue, actor, now, tf or TF, "project")
        case "dispatch":
            return intake.dispatch(issue, actor, now, tf or TF, args.text)
        case "assign_member":
            return intake.assign_member(issue, actor, now, args.person_id)
        case "request_transfer":
            return intake.request_transfer(issue, actor, now, tf or _other_tf(issue), text)
        case "transfer":
            return intake.transfer(issue, actor, now, tf or _other_tf(issue), text, CAL)
        case "return":
            return intake.return_issue(issue, actor, now, text)
        case "reject":
            return intake.reject_issue(issue, actor, now, text)
        case "claim":
            return handling.claim(issue, actor, now)
        case "reply":
            return handling.reply(issue, actor, now, text)
        case "ask_info":
            return handling.ask_info(issue, actor, now, text, CAL)
        case "supply_info":
            return handling.supply_info(issue, actor, now, args.text, CAL)
        case "note":
            return handling.note(issue, actor, now, text)
        case "resolve":
            return handling.resolve(issue, actor, now, text, CAL)
        case "add_co_handler":
            return handling.add_co_handler(issue, actor, now, tf or _other_tf(issue))
        case "confirm":
            return closure.confirm(issue, actor, now)
        case "reject_answer":
            return closure.reject_answer(issue, actor, now, text, CAL)
        case "reopen":
            return closure.reopen(issue, actor, now, text, CAL)
        case "withdraw":
            return closure.withdraw(issue, actor, now, args.text)
        case "rate":
            return closure.rate(issue, actor, now, args.score, args.text)
        case "auto_close":
            return closure.auto_close(issue, actor, now, "silent")
        case "request_extension":
            due = args.new_due or default_new_due(issue)
            return oversight.request_extension(issue, actor, now, due, text, CAL, True)
        case "decide":
            return oversight.decide_request(issue, actor, now, args.approve, CAL, args.text)
        case "instruct":
            return oversight.instruct(issue, actor, now, text)
        case "supervise":
            return oversight.supervise(issue, actor, now)
        case "mark_direct_report":
            return oversight.mark_direct_report(issue, actor, now)
    raise ValueError(f"unknown action {action}")


def assert_refused(
    issue: Issue, error: type[DomainError], act: Callable[[], object], key: str | None = None
) -> DomainError:
    """Assert that `act` raises `error` (with `key`, if given) and leaves the issue unchanged."""
    before = copy.deepcopy(issue)
    with pytest.raises(error) as caught:
        act()
    assert issue == before
    if key is not None:
        assert caught.value.key == key
    return caught.value


def refuse(
    error: type[DomainError],
    action: str,
    issue: Issue,
    actor: Actor,
    now: datetime | None = None,
    args: Args = Args(),
    key: str | None = None,
) -> DomainError:
    """Assert that `perform` refuses the action with `error` and changes nothing."""
    when = now or issue.filed_at
    return assert_refused(issue, error, lambda: perform(action, issue, actor, when, args), key)

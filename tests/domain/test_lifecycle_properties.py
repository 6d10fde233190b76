"""Random action sequences by random actors keep the lifecycle's invariants (§5, §7, §14)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bot.domain.errors import DomainError
from bot.domain.model import FINAL_STATES, ClockName, Issue, IssueEvent, IssueState
from bot.domain.oversight import APPROVERS
from bot.domain.people import Actor
from bot.domain.permissions import Relation, relations
from bot.domain.transitions import MAX_TEXT, RULES
from tests.domain.builders import ACTORS, MONDAY, OTHER_TF, TF, THIRD_TF, Args, file, perform

S = IssueState
ACTIONS = [*sorted(RULES), "decide"]
ACTOR_LIST = list(ACTORS.values())
# Moves along the lifecycle count thrice, asides once; the shortcuts to a final state come
# only from the plain pick, so that runs reach the later states.
ASIDES = frozenset(
    {"instruct", "supervise", "mark_direct_report", "assign_member", "add_co_handler"}
)
WEIGHTED = [
    action
    for action in ACTIONS
    if action not in {"withdraw", "reject"}
    for _ in range(1 if action in ASIDES else 3)
]
WORKING = frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS})
WITH_TASK_FORCE = WORKING | {S.ASSIGNED, S.WAITING_ENTERPRISE, S.ANSWERED, S.CLOSED}
HANDLED = WITH_TASK_FORCE - {S.ASSIGNED}
MAY_HAVE_PENDING = WORKING | {S.ASSIGNED, S.WAITING_ENTERPRISE}
VALID_TEXTS = ["请协助处理", "  已补充材料 ", "ok"]
TEXTS = st.sampled_from([*VALID_TEXTS * 3, "", "  ", "长" * (MAX_TEXT + 1)])
# Mostly minutes to hours; now and then weeks, past deadlines and the reopening window.
MINUTES = st.one_of(*[st.integers(0, 600)] * 4, st.integers(0, 60 * 24 * 20))


def allowed(action: str, issue: Issue) -> frozenset[Relation]:
    """The relations that may take the action on the issue as it is now."""
    if action != "decide":
        return RULES[action].who
    if issue.pending is None:
        return frozenset(Relation)
    who = APPROVERS[issue.pending.approver]
    return who | {Relation.OFFICE} if issue.pending.kind == "transfer" else who


def expected_target(action: str, before: Issue, approve: bool) -> IssueState:
    """Where RULES say an accepted action leaves the issue."""
    if action == "decide":
        assert before.pending is not None
        moves = approve and before.pending.kind == "transfer"
        return S.ASSIGNED if moves else before.state
    target = RULES[action].target
    if target is not None:
        return target
    if (action, before.state) in {("supply_info", S.WAITING_ENTERPRISE), ("note", S.ACKNOWLEDGED)}:
        return S.IN_PROGRESS
    return before.state


class Lifecycle(RuleBasedStateMachine):
    """One issue, acted on by everybody."""

    def __init__(self) -> None:
        super().__init__()
        self.issue, first = file()
        self.events: list[IssueEvent] = [first]
        self.now: datetime = MONDAY

    @initialize(urgent=st.booleans(), minutes=st.integers(0, 60 * 24 * 7))
    def file_issue(self, urgent: bool, minutes: int) -> None:
        """Start from an issue filed some time in the week of MONDAY."""
        self.now = MONDAY + timedelta(minutes=minutes)
        self.issue, first = file(self.now, urgent)
        self.events = [first]

    def pick_action(self, pick: int) -> str:
        """Any action, or (mostly) one whose sources include the present state."""
        if pick < len(ACTIONS):
            return ACTIONS[pick]
        fit = [a for a in WEIGHTED if self.plausible(a)] or ACTIONS
        return fit[pick % len(fit)]

    def plausible(self, action: str) -> bool:
        """True if the action may start from the issue's present state."""
        if action == "decide":
            return self.issue.pending is not None
        return self.issue.state in RULES[action].sources

    def pick_actor(self, action: str, pick: int) -> Actor:
        """Anyone, or (mostly) someone with a relation that may take the action."""
        if pick < len(ACTOR_LIST):
            return ACTOR_LIST[pick]
        who = allowed(action, self.issue)
        fit = [a for a in ACTOR_LIST if relations(a, self.issue) & who] or ACTOR_LIST
        return fit[pick % len(fit)]

    @rule(
        action_pick=st.integers(0, 4 * len(ACTIONS) - 1),
        pick=st.integers(0, 3 * len(ACTOR_LIST) - 1),
        text=TEXTS,
        tf=st.sampled_from([None, None, TF, OTHER_TF, THIRD_TF]),
        person=st.sampled_from([110, 111, 112, 120]),
        score=st.integers(0, 6),
        approve=st.booleans(),
        due_shift=st.integers(-3, 30),
        minutes=MINUTES,
    )
    def act(
        self,
        action_pick: int,
        pick: int,
        text: str,
        tf: int | None,
        person: int,
        score: int,
        approve: bool,
        due_shift: int,
        minutes: int,
    ) -> None:
        """Take one action; a refusal changes nothing, an acceptance follows RULES."""
        issue = self.issue
        self.now += timedelta(minutes=minutes)
        action = self.pick_action(action_pick)
        actor = self.pick_actor(action, pick)
        new_due = issue.clocks[ClockName.RESOLVE].due_at.date() + timedelta(days=due_shift)
        args = Args(text, tf, person, score, new_due, approve)
        before = copy.deepcopy(issue)
        found = relations(actor, issue)
        try:
            event = perform(action, issue, actor, self.now, args)
        except DomainError as error:
            assert issue == before, error
            return
        assert found & allowed(action, before)
        if action != "decide":
            assert before.state in RULES[action].sources
            assert event.kind == RULES[action].event
        assert event.from_state is before.state
        assert event.to_state is issue.state is expected_target(action, before, approve)
        assert (event.at, event.actor_id) == (self.now, actor.person_id)
        self.events.append(event)

    @invariant()
    def events_form_a_chain(self) -> None:
        """Each event starts where the one before it ended."""
        assert self.events[0].from_state is None
        for previous, event in zip(self.events, self.events[1:], strict=False):
            assert event.from_state is previous.to_state
        assert self.events[-1].to_state is self.issue.state

    @invariant()
    def fields_agree_with_the_state(self) -> None:
        """Clocks, assignee, task force, rating, request and version fit the state."""
        issue = self.issue
        if issue.state in FINAL_STATES:
            assert all(clock.met_at is not None for clock in issue.clocks.values())
            assert issue.closed_at is not None
        else:
            assert issue.closed_at is None
            assert (issue.waiting_since is not None) == (issue.state is S.WAITING_ENTERPRISE)
            if issue.state in {S.FILED, S.RETURNED}:
                assert issue.assignee_id is None
            if issue.state in HANDLED:
                assert issue.assignee_id is not None
        if issue.state in WITH_TASK_FORCE:
            assert issue.task_force_id is not None
        if issue.state in {S.FILED, S.RETURNED}:
            assert issue.task_force_id is None
        if issue.task_force_id is not None:
            assert issue.accountable_task_force_id is not None
        assert issue.rating is None or issue.state is S.CLOSED
        assert issue.pending is None or issue.state in MAY_HAVE_PENDING
        assert issue.version == 0

    @invariant()
    def clocks_stop_while_the_enterprise_has_the_ball(self) -> None:
        """No clock runs while waiting; the resolution clock stops once answered."""
        if self.issue.state is S.WAITING_ENTERPRISE:
            assert self.issue.next_due() is None
        if self.issue.state is S.ANSWERED:
            assert not self.issue.clocks[ClockName.RESOLVE].running


Lifecycle.TestCase.settings = settings(max_examples=150, deadline=None, stateful_step_count=40)
TestLifecycle = Lifecycle.TestCase

"""Who hears of an event, how urgently, with which template (§8, §9)."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.model import Issue, IssueEvent, IssueState, Urgency
from bot.domain.notice import Notice, Priority
from bot.domain.notification import RULES, Audience, audiences_needed, notices_for
from tests.domain.builders import MONDAY, filed

TEAM = Audience(
    filer=101,
    assignee=110,
    task_force_id=10,
    task_force_has_group=True,
    task_force_people=(110, 111, 112),
    lead=111,
    supervising_leader=130,
    principals=(140,),
    direct_report=(150, 151),
    desk=(152,),
)


def event(kind: str, actor: int | None = 110, event_id: int = 7) -> IssueEvent:
    """An event of this kind by this actor."""
    return IssueEvent(
        kind, MONDAY, actor, IssueState.IN_PROGRESS, IssueState.IN_PROGRESS, id=event_id
    )


def issue(**changes: object) -> Issue:
    """A filed issue with an id, changed as asked."""
    made = filed()
    made.id = 1
    for name, value in changes.items():
        setattr(made, name, value)
    return made


def targets(notices: list[Notice]) -> set[tuple[str, int, str, Priority]]:
    """(kind, id, template, priority) of each notice."""
    return {
        ("group", n.task_force_id, n.template, n.priority)
        if n.task_force_id
        else ("person", n.person_id or 0, n.template, n.priority)
        for n in notices
    }


def test_a_reply_goes_to_the_enterprise_only() -> None:
    found = notices_for(issue(), event("replied"), TEAM, MONDAY)
    assert targets(found) == {("person", 101, "notice.reply", Priority.HIGH)}
    assert found[0].dedupe_key == "event:7:person:101"
    assert found[0].params == {"code": "ZB-2026-000001", "event": "replied", "text": ""}


def test_the_actor_is_never_told_of_their_own_action() -> None:
    assert notices_for(issue(), event("info_supplied", actor=101), TEAM, MONDAY) != []
    assert notices_for(issue(), event("rated", actor=110), TEAM, MONDAY) == []


def test_new_work_is_high_when_urgent_and_normal_otherwise() -> None:
    normal = notices_for(issue(), event("routed", actor=None), TEAM, MONDAY)
    urgent = notices_for(issue(urgency=Urgency.URGENT), event("routed", actor=None), TEAM, MONDAY)
    assert targets(normal) == {("group", 10, "notice.new_issue", Priority.NORMAL)}
    assert targets(urgent) == {("group", 10, "notice.new_issue", Priority.HIGH)}


def test_without_a_group_chat_the_task_force_members_are_told_one_by_one() -> None:
    no_group = replace(TEAM, task_force_has_group=False)
    found = notices_for(issue(), event("routed", actor=None), no_group, MONDAY)
    assert {n.person_id for n in found} == {110, 111, 112}


def test_a_task_force_nobody_can_be_reached_in_falls_back_to_the_desk() -> None:
    empty = replace(TEAM, task_force_has_group=False, task_force_people=(), lead=None)
    found = notices_for(issue(), event("transfer_requested", actor=None), empty, MONDAY)
    assert {n.person_id for n in found} == {152}


def test_a_direct_report_reaches_the_offices_and_leaders_at_once() -> None:
    filing = IssueEvent("filed", MONDAY, 101, None, IssueState.FILED, id=3)
    found = notices_for(issue(direct_report=True, state=IssueState.ASSIGNED), filing, TEAM, MONDAY)
    assert targets(found) == {
        ("person", p, "notice.direct_report", Priority.CRITICAL) for p in (150, 151, 130, 140)
    }


def test_an_unrouted_filing_goes_to_the_dispatch_desk() -> None:
    filing = IssueEvent("filed", MONDAY, 101, None, IssueState.FILED, id=3)
    assert targets(notices_for(issue(), filing, TEAM, MONDAY)) == {
        ("person", 152, "notice.needs_dispatch", Priority.NORMAL)
    }


def test_someone_in_two_audiences_gets_one_notice_at_the_higher_priority() -> None:
    both = replace(TEAM, assignee=111)
    found = notices_for(issue(), event("supervised", actor=130), both, MONDAY)
    assert targets(found) == {("person", 111, "notice.supervised", Priority.HIGH)}
    instruction = notices_for(issue(), event("instructed", actor=130), TEAM, MONDAY)
    assert targets(instruction) == {
        ("person", 110, "notice.instruction", Priority.CRITICAL),
        ("group", 10, "notice.instruction", Priority.CRITICAL),
    }


def test_enterprises_never_get_critical_notices() -> None:
    for kind, rules in RULES.items():
        for who, level, _ in rules:
            assert not (who == "enterprise" and level == "critical"), kind


def test_only_the_needed_audiences_are_asked_for() -> None:
    assert audiences_needed(issue(), [event("claimed")]) == frozenset()
    assert audiences_needed(issue(), [event("replied")]) == {"enterprise"}

"""The enterprise hears when the city reopens its closed issue, not when it reopens it itself."""

from __future__ import annotations

import pytest

from bot.domain.model import IssueState
from bot.domain.notice import Priority
from bot.domain.notification import Audience, notices_for
from bot.domain.people import OPERATOR, Actor, Role
from tests.domain.builders import (
    ADMIN,
    ENTERPRISE_ID,
    MEMBER,
    MONDAY,
    OFFICE,
    Args,
    issue_in,
    later,
    perform,
)

AUDIENCE = Audience(filer=101, assignee=110, task_force_id=10, task_force_has_group=True)
COLLEAGUE_OF_FILER = Actor(103, frozenset({Role.MEMBER}), enterprise_id=ENTERPRISE_ID)


def reopened_by(actor: Actor) -> dict[int | None, tuple[str, Priority]]:
    """Who is told of the reopening (person id, or None for the group), with what."""
    issue = issue_in(IssueState.CLOSED)
    issue.id = 1
    event = perform("reopen", issue, actor, later(60), Args(text="又停电了"))
    found = notices_for(issue, event, AUDIENCE, later(60, MONDAY))
    return {n.person_id: (n.template, n.priority) for n in found}


@pytest.mark.parametrize("city", [OFFICE, ADMIN, OPERATOR])
def test_the_enterprise_is_told_when_the_city_reopens_its_issue(city: Actor) -> None:
    told = reopened_by(city)
    assert told[101] == ("notice.reopened_by_office", Priority.HIGH)
    assert told[110] == ("notice.reopened", Priority.HIGH), "the officer works it again"


@pytest.mark.parametrize("enterprise", [MEMBER, COLLEAGUE_OF_FILER])
def test_the_enterprise_is_not_told_what_its_own_people_did(enterprise: Actor) -> None:
    told = reopened_by(enterprise)
    assert 101 not in told
    assert told[110] == ("notice.reopened", Priority.HIGH)


def test_the_reason_travels_with_the_notice() -> None:
    issue = issue_in(IssueState.CLOSED)
    issue.id = 1
    event = perform("reopen", issue, OFFICE, later(60), Args(text="又停电了"))
    [notice] = [n for n in notices_for(issue, event, AUDIENCE, later(60)) if n.person_id == 101]
    assert notice.params["text"] == "又停电了" and notice.params["code"] == issue.code

"""How an issue ends and comes back: withdraw, reopen, rate and close by silence (§5)."""

from __future__ import annotations

from functools import partial

from bot.domain.errors import InvalidInput, InvalidTransition
from bot.domain.model import ClockName, IssueState
from bot.domain.notice import Priority
from bot.services import follow_up
from bot.services.sweep import sweep
from tests.services.city import City
from tests.services.probes import answered, claimed, closed, news, person, refused, snapshot


async def rate(city: City, code: str, score: int) -> None:
    """The member rates the handling."""
    await follow_up.rate(city.new_uow(), city.ctx, city.member, code, score, "满意", city.later())


async def reopen(city: City, code: str) -> None:
    """The member reopens the closed issue."""
    await follow_up.reopen(city.new_uow(), city.ctx, city.member, code, "又停电了", city.now)


async def test_a_withdrawn_issue_stops_its_clocks_and_the_assignee_is_told(city: City) -> None:
    code = await claimed(city)
    before = await snapshot(city, code)
    await follow_up.withdraw(
        city.new_uow(), city.ctx, city.member, code, "已自行解决", city.later(hours=1)
    )
    after = await snapshot(city, code)
    issue = after.issue
    assert (issue.state, issue.closed_at) == (IssueState.WITHDRAWN, city.now)
    resolve = issue.clocks[ClockName.RESOLVE]
    assert (resolve.met_at, resolve.on_time, resolve.running) == (city.now, None, False)
    assert not any(c.running for c in issue.clocks.values())
    assert after.events[-1].text == "已自行解决"
    assert await news(city, before) == (["withdrawn"], {person(city.officer, "withdrawn")})

    async def again() -> None:
        await follow_up.withdraw(city.new_uow(), city.ctx, city.member, code, None, city.later())

    await refused(city, code, again, InvalidTransition, "issue.wrong_state")


async def test_a_closed_issue_reopens_within_thirty_days_with_a_fresh_clock(city: City) -> None:
    code = await closed(city)
    await rate(city, code, 2)
    before = await snapshot(city, code)
    old = before.issue.clocks[ClockName.RESOLVE]
    assert before.issue.rating == 2 and old.met_at is not None
    city.later(days=29)
    await reopen(city, code)
    after = await snapshot(city, code)
    issue = after.issue
    assert (issue.state, issue.rating, issue.feedback, issue.closed_at) == (
        IssueState.IN_PROGRESS,
        None,
        None,
        None,
    )
    clock = issue.clocks[ClockName.RESOLVE]
    assert clock.running and clock.cycle == old.cycle + 1
    assert clock.due_at == city.ctx.calendar.deadline(city.now, issue.policy.clocks.resolve)
    assert clock.due_at > old.due_at
    assert (after.events[-1].from_state, after.events[-1].text) == (IssueState.CLOSED, "又停电了")
    assert await news(city, before) == (
        ["reopened"],
        {person(city.officer, "reopened", Priority.HIGH)},
    )
    # The earlier rating stays on the timeline.
    assert [e.data.get("score") for e in after.events if e.kind == "rated"] == [2]


async def test_ratings_are_bounded_and_given_once_and_reopening_expires(city: City) -> None:
    code = await closed(city)
    for score in (0, 6):
        await refused(city, code, partial(rate, city, code, score), InvalidInput, "rating.range")
    before = await snapshot(city, code)
    await rate(city, code, 5)
    after = await snapshot(city, code)
    assert (after.issue.rating, after.issue.feedback) == (5, "满意")
    assert after.events[-1].data == {"score": 5}
    assert await news(city, before) == (["rated"], {person(city.officer, "rated")})
    await refused(
        city, code, partial(rate, city, code, 4), InvalidTransition, "issue.already_rated"
    )
    city.later(days=31)
    await refused(
        city, code, partial(reopen, city, code), InvalidTransition, "issue.reopen_expired"
    )


async def test_a_silent_enterprise_is_closed_for_and_asked_for_a_rating(city: City) -> None:
    code = await answered(city)
    before = await snapshot(city, code)
    await sweep(city.new_uow, city.ctx, city.later(days=8))
    after = await snapshot(city, code)
    issue = after.issue
    assert (issue.state, issue.closed_at) == (IssueState.CLOSED, city.now)
    assert issue.clocks[ClockName.RESOLVE].on_time is True
    closing = after.events[-1]
    assert (closing.actor_id, closing.data) == (None, {"why": "answered"})
    assert await news(city, before) == (
        ["auto_closed"],
        {person(city.officer, "auto_closed"), person(city.member, "rate_request")},
    )

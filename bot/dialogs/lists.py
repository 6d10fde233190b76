"""/inbox, /team and /overdue: short lists of issues, each a button to its card (§10).

Lists are answered in the person's private chat even when asked for in a group, so that
nobody in the group reads what is not theirs. /inbox leads with the requests waiting for the
reader's decision (a lead's, a leader's, the office's standing in), then, for the office, with
what waits at the dispatch desk.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.dialogs.events import Button
from bot.dialogs.payloads import IssueCode, OnIssue, Page, Picker, Verb
from bot.dialogs.private_chat import require_official, tell
from bot.dialogs.turn import Turn
from bot.domain.model import OPEN_STATES, Issue, IssueState
from bot.domain.people import Role
from bot.i18n.formatting import format_moment, format_working_days_left, working_days_left
from bot.services import sessions
from bot.services.ports import IssueQuery
from bot.services.queries import WAITING_FOR_DISPATCH, list_issues, to_decide

MAX_LISTED = 10


async def show_inbox(turn: Turn, page: int = 0) -> None:
    """My open issues, next deadline first; before them the requests I must decide and, for
    the office, what waits at the dispatch desk."""
    me = require_official(turn)
    if me is None:
        return
    person = turn.person
    deciding = await to_decide(turn.uow(), me)
    found: list[Issue] = list(deciding)
    if person is not None and Role.OFFICE in person.roles:
        desk = IssueQuery(states=WAITING_FOR_DISPATCH, limit=MAX_LISTED + 1)
        found += await list_issues(turn.uow(), me, desk)
    mine = IssueQuery(states=OPEN_STATES, assignee_id=me, limit=MAX_LISTED + 1)
    found += await list_issues(turn.uow(), me, mine)
    # Each issue once, where it first comes: a request to decide before the same issue as mine.
    unique: dict[str, Issue] = {}
    for issue in found:
        unique.setdefault(issue.code, issue)
    decide = frozenset(issue.code for issue in deciding)
    shown = list(unique.values())
    await _show(turn, shown, Picker.INBOX, page, ("list-inbox", "list-inbox-none"), decide)


async def show_team(turn: Turn, page: int = 0) -> None:
    """The open issues my task forces hold or help with."""
    me = require_official(turn)
    if me is None:
        return
    actor = await sessions.actor_of(turn.uow(), me)
    teams = (actor.member_of | actor.leads | actor.supervises) if actor else frozenset()
    if not teams:
        tell(turn, "list-no-team")
        return
    query = IssueQuery(
        states=OPEN_STATES, task_force_ids=teams, held_only=True, limit=MAX_LISTED + 1
    )
    found = await list_issues(turn.uow(), me, query)
    await _show(turn, found, Picker.TEAM, page, ("list-team", "list-team-none"))


async def show_overdue(turn: Turn, page: int = 0) -> None:
    """The overdue open issues I may see."""
    me = require_official(turn)
    if me is not None:
        query = IssueQuery(states=OPEN_STATES, overdue_at=turn.now, limit=MAX_LISTED + 1)
        found = await list_issues(turn.uow(), me, query)
        await _show(turn, found, Picker.OVERDUE, page, ("list-overdue", "list-overdue-none"))


async def press_page(turn: Turn, pressed: Page) -> None:
    """Another page of /inbox, /team or /overdue."""
    await PAGED[pressed.picker](turn, pressed.page)


async def _show(
    turn: Turn,
    found: list[Issue],
    picker: Picker,
    page: int,
    keys: tuple[str, str],
    decide: frozenset[str] = frozenset(),
) -> None:
    """The list headed `keys[0]` (`keys[1]` when empty), from page `page` where its buttons
    do not all fit."""
    title, empty = keys
    if not found:
        tell(turn, empty, edit=turn.paging)
        return
    rows = tuple(
        (
            Button(
                _line(turn, issue, issue.code in decide),
                OnIssue(Verb.CARD, IssueCode(issue.code)).encode(),
            ),
        )
        for issue in found[:MAX_LISTED]
    )
    shown = turn.page(rows, lambda n: Page(picker, n), page)
    tell(turn, title, buttons=shown, edit=turn.paging, count=len(rows))
    if len(found) > MAX_LISTED and not turn.paging:
        tell(turn, "list-more", shown=MAX_LISTED)


PAGED: dict[Picker, Callable[[Turn, int], Awaitable[None]]] = {
    Picker.INBOX: show_inbox,
    Picker.TEAM: show_team,
    Picker.OVERDUE: show_overdue,
}


def _line(turn: Turn, issue: Issue, decide: bool = False) -> str:
    if decide and issue.pending is not None:
        # The card it opens names what is asked and why, with Approve and Deny.
        kind = turn.t(f"card-pending-{issue.pending.kind}")
        return turn.t("list-item-decide", code=issue.code, kind=kind)
    state = turn.t(f"state-{issue.state.value.replace('_', '-')}")
    if issue.state in (IssueState.FILED, IssueState.RETURNED):
        state = turn.t("list-waits-for-dispatch", state=state)
    due = issue.next_due()
    if due is None:
        return turn.t("list-item-no-due", code=issue.code, state=state)
    calendar = turn.ctx.calendar
    shown = format_moment(due, turn.language, calendar.tz, turn.now)
    if due < turn.now:
        return turn.t("list-item-late", code=issue.code, state=state, due=shown)
    left = format_working_days_left(
        turn.deps.catalog, working_days_left(calendar, turn.now, due), turn.language
    )
    return turn.t("list-item", code=issue.code, state=state, due=shown, left=left)

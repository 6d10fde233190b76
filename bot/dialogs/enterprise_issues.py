"""/my: the enterprise's issues, each with its progress and what the member can do next.

Recently closed issues stay in the list while they may still be rated or reopened; the
timeline shows what the enterprise is told, never the officials' internal notes (§9, §14).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.dialogs import drafts, filing_offer, text_actions
from bot.dialogs.card_buttons import enterprise_buttons, rating_buttons, verdict_round
from bot.dialogs.card_parts import event_what
from bot.dialogs.events import Button
from bot.dialogs.payloads import IssueCode, OnIssue, Page, Picker, Verb
from bot.dialogs.private_chat import texts
from bot.dialogs.turn import Turn
from bot.domain.intake import attachments_of
from bot.domain.model import OPEN_STATES, Issue, IssueState
from bot.domain.people import Role
from bot.services import follow_up
from bot.services.ports import IssueQuery
from bot.services.queries import IssueView, list_issues, open_card

MAX_LISTED = 10
TIMELINE_SHOWN = 8
# What of the timeline the enterprise reads: its own steps and what it is told.
SHOWN_EVENTS = frozenset(
    {
        "filed",
        "routed",
        "dispatched",
        "transferred",
        "claimed",
        "replied",
        "info_requested",
        "info_supplied",
        "extension_approved",
        "resolved",
        "confirmed",
        "answer_rejected",
        "auto_closed",
        "reopened",
        "withdrawn",
        "rejected",
        "rated",
    }
)
# Events whose words the officials addressed to the enterprise: /my shows them in full, since
# the message that carried them may still be held (quiet hours) or long scrolled away.
WORDS_SHOWN = frozenset({"info_requested", "replied", "resolved", "rejected", "reopened"})
Press = Callable[[Turn, OnIssue], Awaitable[None]]


async def show_list(turn: Turn, page: int = 0) -> None:
    """The member's open issues, then recently closed ones still to be rated or reopened."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        # An enterprise's issues are its own business, not the group's (§14).
        turn.say("start-in-private")
        return
    if person is None or person.id is None or Role.MEMBER not in person.roles:
        turn.say("need-registration")
        return
    found = await list_issues(turn.uow(), person.id, IssueQuery(states=OPEN_STATES, limit=20))
    closed = await list_issues(
        turn.uow(), person.id, IssueQuery(states=frozenset({IssueState.CLOSED}), limit=50)
    )
    window = timedelta(days=turn.ctx.policy.base.reopen_window_days)
    recent = [i for i in closed if i.closed_at is not None and turn.now - i.closed_at <= window]
    shown = (found + sorted(recent, key=lambda i: i.closed_at or turn.now, reverse=True))[
        :MAX_LISTED
    ]
    if not shown:
        turn.say("my-none")
        return
    rows = tuple(
        (Button(_line(turn, issue), OnIssue(Verb.MY_ISSUE, IssueCode(issue.code)).encode()),)
        for issue in shown
    )
    pages = turn.page(rows, lambda n: Page(Picker.MY_LIST, n), page)
    turn.say("my-list", buttons=pages, edit=turn.paging, count=len(shown))


async def press_page(turn: Turn, pressed: Page) -> None:
    """Another page of /my, or of the buttons of one of its issues."""
    if pressed.picker is Picker.MY_LIST:
        await show_list(turn, pressed.page)
    elif pressed.code is not None and turn.incoming.chat_kind == "private":
        await _show(turn, OnIssue(Verb.MY_ISSUE, pressed.code), pressed.page)
    else:
        turn.stale()


async def _show(turn: Turn, pressed: OnIssue, page: int = 0) -> None:
    person = turn.person
    if person is None or person.id is None:
        turn.stale()
        return
    actor, view = await open_card(turn.uow(), turn.ctx, person.id, pressed.code, turn.now)
    issue, w = view.issue, texts(turn)
    due = issue.next_due()
    buttons = enterprise_buttons(w, issue, actor, turn.now, verdict_round(view.events))
    code = IssueCode(issue.code)
    turn.say(
        "my-issue",
        buttons=turn.page(buttons, lambda n: Page(Picker.MY_ISSUE, n, 0, code), page, width=2),
        edit=turn.paging,
        code=issue.code,
        state=w.state(issue, own=True),
        text=issue.text,
        due=w.when(due, turn.now) if due else "-",
        timeline="\n".join(_timeline(turn, view)),
    )


def _timeline(turn: Turn, view: IssueView) -> list[str]:
    """The latest steps the enterprise is told of, with the officials' words to it and how
    many files came with them; saying how many earlier steps are left out."""
    w = texts(turn)
    told = [e for e in view.events if e.kind in SHOWN_EVENTS]
    events = told[-TIMELINE_SHOWN:]
    lines = []
    if len(events) < len(told):
        lines.append(turn.t("card-timeline-cut", shown=len(events), total=len(told)))
    for event in events:
        at, what = w.when(event.at, turn.now), event_what(w, view, event)
        files = len(attachments_of(event))
        if files:
            what = turn.t("my-event-files", what=what, count=files)
        if event.kind in WORDS_SHOWN and event.text:
            lines.append(turn.t("card-timeline-text", at=at, what=what, text=event.text))
        else:
            lines.append(turn.t("timeline-line", at=at, what=what))
    return lines


async def _current(turn: Turn, pressed: OnIssue) -> int | None:
    """The presser's id when the verdict button is about the issue's latest round (a Solved
    of an answer since sent back is stale, not a confirmation of the newer answer)."""
    person = turn.person
    if person is None or person.id is None:
        turn.stale()
        return None
    # Opened first: an outsider learns that there is no such issue, nothing more.
    _, view = await open_card(turn.uow(), turn.ctx, person.id, pressed.code, turn.now)
    if pressed.arg != verdict_round(view.events):
        turn.stale()
        return None
    return person.id


async def _confirm(turn: Turn, pressed: OnIssue) -> None:
    me = await _current(turn, pressed)
    if me is None:
        return
    await follow_up.confirm(turn.uow(), turn.ctx, me, pressed.code, turn.now)
    stars = rating_buttons(pressed.code, pressed.arg or 0)
    turn.say("my-confirmed-rate", buttons=stars, code=pressed.code)


async def _not_solved(turn: Turn, pressed: OnIssue) -> None:
    if await _current(turn, pressed) is not None:
        await text_actions.begin(turn, pressed)


async def _rate(turn: Turn, pressed: OnIssue) -> None:
    me = await _current(turn, pressed)
    if me is None:
        return
    if pressed.score is None or pressed.score not in range(1, 6):
        turn.stale()
        return
    await follow_up.rate(turn.uow(), turn.ctx, me, pressed.code, pressed.score, None, turn.now)
    turn.say("my-rated", edit=True, code=pressed.code)


def _line(turn: Turn, issue: Issue) -> str:
    return turn.t("my-line", code=issue.code, state=texts(turn).state(issue, own=True))


VERBS: dict[Verb, Press] = {
    Verb.MY_ISSUE: _show,
    Verb.CONFIRM: _confirm,
    Verb.NOT_SOLVED: _not_solved,
    Verb.RATE: _rate,
    Verb.ADD_INFO: drafts.begin,
    Verb.SUPPLY: filing_offer.press_supply,
}

"""Cards of an issue: the task force's group post, an official's card, a request (§10).

Every card is rendered from the issue as it is now, so re-rendering a sent card after a
change (a claim, a transfer, the end of the issue) shows what is true and offers only what
the reader may still do.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.dialogs.card_buttons import official_buttons
from bot.dialogs.card_parts import (
    Buttons,
    Card,
    Texts,
    attachments_line,
    deadline_lines,
    dispatch_note_lines,
    event_what,
    full_lines,
    instruction_lines,
    mask_phones,
    original_language,
    project_line,
    signed_by,
)
from bot.dialogs.events import Button
from bot.dialogs.pages import page_rows
from bot.dialogs.payloads import IssueCode, OnIssue, Page, Picker, Verb
from bot.domain.affordances import has_passed_on
from bot.domain.model import ClockName, IssueEvent, IssueState
from bot.domain.oversight import may_decide
from bot.domain.people import Actor
from bot.domain.permissions import can_view
from bot.services.queries import WAITING_FOR_DISPATCH, IssueView

EXCERPT = 120
TIMELINE_SHOWN = 10
EVENT_TEXT_SHOWN = 200
DECISIONS = ("extension_approved", "request_denied", "transferred")


class CardKind(StrEnum):
    """Why a card was sent: it gives the card's head, and stays with the sent message."""

    GROUP = "group"
    NEW = "new"
    ASSIGNED = "assigned"
    DIRECT = "direct"
    DESK = "desk"
    CO_HANDLE = "cohandle"
    CARD = "card"
    # The issue in full with its timeline (Details), with the reader's buttons.
    DETAILS = "details"
    REQUEST = "request"
    # A request card after its decision: it keeps showing that decision.
    DECIDED = "decided"


# Cards of a new issue sent to several people: once one signs, the others read who did.
SIGNED_AWAY = frozenset({CardKind.NEW, CardKind.ASSIGNED, CardKind.CO_HANDLE})
# A card's kind as a page of its buttons names it (payloads.Page.ref): append, never reorder.
KINDS = tuple(CardKind)


def card_rows(
    w: Texts, kind: CardKind, code: str, rows: Buttons, limit: int, page: int = 0
) -> Buttons:
    """A card's buttons within `limit` a message: page `page` of them, with a More button
    that shows the card with the next page, when they do not all fit."""
    number = KINDS.index(kind)

    def more(after: int, pages: int) -> Button:
        payload = Page(Picker.CARD, after, number, IssueCode(code))
        return w.button("page-more", payload, page=after + 1, pages=pages)

    return page_rows(rows, limit, page, more, width=2)


def render_group_post(w: Texts, view: IssueView, group_of: int | None, now: datetime) -> Card:
    """The post in a task force's group: Claim, Details and Return while it waits there."""
    issue = view.issue
    excerpt = issue.text if len(issue.text) <= EXCERPT else issue.text[:EXCERPT] + "…"
    lines = [
        w.t("group-post-head", code=issue.code, urgency=w.urgency(issue)),
        w.t("card-enterprise", name=view.enterprise_name),
        project_line(w, view.project, detailed=False),
        *deadline_lines(w, issue, now),
        w.t("card-problem", text=mask_phones(excerpt)),
        *original_language(w, issue),
        *attachments_line(w, issue, group=True),
    ]
    code = IssueCode(issue.code)
    details = w.button("act-details", OnIssue(Verb.DETAILS, code))
    if group_of is not None and issue.task_force_id != group_of:
        # Transferred, returned or dispatched elsewhere: nothing is left to do here.
        moved = w.t("group-post-moved", team=w.team(view.task_force))
        lines.append(moved if issue.task_force_id else w.t("group-post-back-to-desk"))
        return "\n".join(lines), ()
    # What the office and the leaders told the task force, for whoever claims it.
    told = [*dispatch_note_lines(w, view), *instruction_lines(w, view, now)]
    lines.extend(mask_phones(line) for line in told)
    if issue.state is IssueState.ASSIGNED and issue.assignee_id is None:
        buttons: Buttons = (
            (
                w.button("act-claim", OnIssue(Verb.CLAIM, code)),
                details,
                w.button("act-return", OnIssue(Verb.RETURN, code)),
            ),
        )
        return "\n".join(lines), buttons
    lines.extend(_status_lines(w, view))
    return "\n".join(lines), ((details,),)


def render_card(w: Texts, kind: CardKind, view: IssueView, actor: Actor, now: datetime) -> Card:
    """An official's private card: its head says why it came, its buttons what the reader
    may do now; a reader who may no longer see the issue, or whose task force passed it on,
    is told where it went."""
    issue = view.issue
    if kind is CardKind.DECIDED:
        # Its reader decided, or could have: the decision is theirs to see wherever it went.
        return _decided(w, view), ()
    if not can_view(actor, issue) or has_passed_on(issue, actor):
        if view.task_force is None:
            return w.t("card-gone-desk", code=issue.code), ()
        return w.t("card-gone", code=issue.code, team=w.team(view.task_force)), ()
    if kind is CardKind.REQUEST:
        return render_request(w, view, actor)
    lines = [_head(w, kind, view, actor), *full_lines(w, view, now), *_return_reason(w, view)]
    signer = signed_by(issue)
    if kind in SIGNED_AWAY and signer is not None:
        # The card of a new issue says who took it, whoever else it went to.
        lines.append(w.t("group-post-signed", name=view.name(signer)))
    if kind is CardKind.DETAILS:
        lines.extend(_timeline(w, view, now))
    return "\n".join(lines), official_buttons(w, view, actor, now)


def render_request(w: Texts, view: IssueView, actor: Actor) -> Card:
    """A pending extension or transfer with Approve and Deny for whoever decides it; once
    decided (or dropped), what became of it."""
    issue, code = view.issue, IssueCode(view.issue.code)
    pending = issue.pending
    if pending is None:
        return _decided(w, view), ()
    requester = view.name(pending.requested_by)
    if pending.kind == "extension" and pending.new_due is not None:
        current = issue.clocks[ClockName.RESOLVE].due_at
        text = w.t(
            "approval-extension",
            code=issue.code,
            name=requester,
            due=w.day(pending.new_due),
            current=w.when(current),
            reason=pending.reason,
        )
    else:
        team = w.team(view.transfer_target)
        text = w.t(
            "approval-transfer", code=issue.code, name=requester, team=team, reason=pending.reason
        )
    if not may_decide(issue, actor):
        return text, ()
    buttons = (
        (
            w.button("act-approve", OnIssue(Verb.APPROVE, code)),
            w.button("act-deny", OnIssue(Verb.DENY, code)),
        ),
    )
    return text, buttons


def _head(w: Texts, kind: CardKind, view: IssueView, actor: Actor) -> str:
    """The card's head: why it came, while that still holds, then the issue as it is now."""
    issue = view.issue
    head = w.t("card-head", code=issue.code, state=w.state(issue), urgency=w.urgency(issue))
    return w.t(f"card-kind-{kind.value}", head=head) if _still_why(kind, view, actor) else head


def _still_why(kind: CardKind, view: IssueView, actor: Actor) -> bool:
    """Whether the reason the card came holds now: a new issue until somebody signs, a named
    officer's until they sign, the desk's until it is dispatched; a direct report and a
    request for help stay what they are."""
    issue = view.issue
    if kind is CardKind.NEW:
        return issue.state is IssueState.ASSIGNED
    if kind is CardKind.ASSIGNED:
        return issue.state is IssueState.ASSIGNED and issue.assignee_id == actor.person_id
    if kind is CardKind.DESK:
        return issue.state in WAITING_FOR_DISPATCH
    return kind in (CardKind.DIRECT, CardKind.CO_HANDLE)


def _timeline(w: Texts, view: IssueView, now: datetime) -> list[str]:
    """The latest events of the issue, saying so when older ones are left out."""
    lines = [w.t("card-timeline")]
    shown = view.events[-TIMELINE_SHOWN:]
    if len(shown) < len(view.events):
        lines.append(w.t("card-timeline-cut", shown=len(shown), total=len(view.events)))
    lines.extend(_event(w, view, event, now) for event in shown)
    return lines


def _status_lines(w: Texts, view: IssueView) -> list[str]:
    """Who was named or signed, and the state: the group keeps seeing who handles the issue
    after it moves on (answered, closed), not only while it is freshly signed."""
    issue = view.issue
    if issue.state is IssueState.ASSIGNED and issue.assignee_id is not None:
        return [w.t("group-post-named", name=view.name(issue.assignee_id))]
    signer = signed_by(issue)
    if signer is None and issue.state is IssueState.ACKNOWLEDGED:
        signer = issue.assignee_id
    state = w.t("group-post-state", state=w.state(issue))
    if signer is None:
        return [state]
    signed = w.t("group-post-signed", name=view.name(signer))
    return [signed] if issue.state is IssueState.ACKNOWLEDGED else [signed, state]


def _return_reason(w: Texts, view: IssueView) -> list[str]:
    """Why the issue came back to the desk, for whoever dispatches it again."""
    if view.issue.state is not IssueState.RETURNED:
        return []
    returned = [e for e in view.events if e.kind == "returned"]
    if not returned:
        return []
    last = returned[-1]
    return [w.t("card-returned-by", name=view.name(last.actor_id), reason=last.text or "")]


def _decided(w: Texts, view: IssueView) -> str:
    """What became of the last request, for a request card whose request is gone."""
    code = view.issue.code
    for event in reversed(view.events):
        if event.kind in DECISIONS and event.data.get("requested_by") is not None:
            name = view.name(event.actor_id)
            if event.kind == "extension_approved":
                due = w.when(datetime.fromisoformat(str(event.data["new_due"])))
                return w.t("approval-extension-approved", code=code, name=name, due=due)
            if event.kind == "transferred":
                team = w.team(view.task_force)
                return w.t("approval-transfer-approved", code=code, name=name, team=team)
            if event.text:
                return w.t("approval-denied-why", code=code, name=name, reason=event.text)
            return w.t("approval-denied", code=code, name=name)
    return w.t("approval-none", code=code)


def _event(w: Texts, view: IssueView, event: IssueEvent, now: datetime) -> str:
    what = event_what(w, view, event)
    if event.actor_id is not None and view.name(event.actor_id):
        what = w.t("timeline-by", what=what, name=view.name(event.actor_id))
    at = w.when(event.at, now)
    if not event.text or event.kind == "filed":
        return w.t("timeline-line", at=at, what=what)
    text = event.text
    if len(text) > EVENT_TEXT_SHOWN:
        text = text[:EVENT_TEXT_SHOWN] + "…"
    return w.t("card-timeline-text", at=at, what=what, text=text)

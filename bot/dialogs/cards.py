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
    full_lines,
    mask_phones,
    original_language,
    project_line,
)
from bot.dialogs.payloads import IssueCode, OnIssue, Verb
from bot.domain.model import ClockName, IssueEvent, IssueState
from bot.domain.oversight import may_decide
from bot.domain.people import Actor
from bot.domain.permissions import can_view
from bot.services.queries import IssueView

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
    REQUEST = "request"


# Cards of a new issue sent to several people: once one signs, the others read who did.
SIGNED_AWAY = frozenset({CardKind.NEW, CardKind.ASSIGNED, CardKind.CO_HANDLE})


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
    if issue.state is IssueState.ASSIGNED and issue.assignee_id is None:
        buttons: Buttons = (
            (
                w.button("act-claim", OnIssue(Verb.CLAIM, code)),
                details,
                w.button("act-return", OnIssue(Verb.RETURN, code)),
            ),
        )
        return "\n".join(lines), buttons
    lines.append(_status_line(w, view))
    return "\n".join(lines), ((details,),)


def render_card(w: Texts, kind: CardKind, view: IssueView, actor: Actor, now: datetime) -> Card:
    """An official's private card: its head says why it came, its buttons what the reader
    may do now; a reader who may no longer see the issue is told where it went."""
    issue = view.issue
    if not can_view(actor, issue):
        return w.t("card-gone", code=issue.code, team=w.team(view.task_force)), ()
    if kind is CardKind.REQUEST:
        return render_request(w, view, actor)
    head = w.t("card-head", code=issue.code, state=w.state(issue), urgency=w.urgency(issue))
    lines = [w.t(f"card-kind-{kind.value}", head=head) if kind is not CardKind.CARD else head]
    lines.extend(full_lines(w, view, now))
    if kind is CardKind.DESK:
        lines.extend(_return_reason(w, view))
    signer = issue.assignee_id
    if kind in SIGNED_AWAY and issue.state is not IssueState.ASSIGNED and signer is not None:
        # The card of a new issue says who took it, whoever else it went to.
        lines.append(w.t("group-post-signed", name=view.name(signer)))
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


def render_details(w: Texts, view: IssueView, now: datetime) -> str:
    """The issue in full with its latest timeline, for a private message."""
    issue = view.issue
    head = w.t("card-head", code=issue.code, state=w.state(issue), urgency=w.urgency(issue))
    lines = [head, *full_lines(w, view, now), *_return_reason(w, view), w.t("card-timeline")]
    shown = view.events[-TIMELINE_SHOWN:]
    if len(shown) < len(view.events):
        lines.append(w.t("card-timeline-cut", shown=len(shown), total=len(view.events)))
    lines.extend(_event(w, view, event, now) for event in shown)
    return "\n".join(lines)


def _status_line(w: Texts, view: IssueView) -> str:
    issue = view.issue
    if issue.state is IssueState.ASSIGNED and issue.assignee_id is not None:
        return w.t("group-post-named", name=view.name(issue.assignee_id))
    if issue.state is IssueState.ACKNOWLEDGED and issue.assignee_id is not None:
        return w.t("group-post-signed", name=view.name(issue.assignee_id))
    return w.t("group-post-state", state=w.state(issue))


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
            return w.t("approval-denied", code=code, name=name)
    return w.t("approval-none", code=code)


def _event(w: Texts, view: IssueView, event: IssueEvent, now: datetime) -> str:
    what = w.t(f"event-{event.kind.replace('_', '-')}")
    if event.actor_id is not None and view.name(event.actor_id):
        what = w.t("timeline-by", what=what, name=view.name(event.actor_id))
    at = w.when(event.at, now)
    if not event.text or event.kind == "filed":
        return w.t("timeline-line", at=at, what=what)
    text = event.text
    if len(text) > EVENT_TEXT_SHOWN:
        text = text[:EVENT_TEXT_SHOWN] + "…"
    return w.t("card-timeline-text", at=at, what=what, text=text)

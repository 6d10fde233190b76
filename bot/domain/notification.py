"""Who must hear of an event, how urgently, and with which text (§8, §9)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from bot.domain.intake import attachments_of
from bot.domain.model import Attachment, Issue, IssueEvent, IssueState, Urgency
from bot.domain.notice import PRIORITY_RANK, Notice, Priority


@dataclass(frozen=True)
class Audience:
    """The people around an issue, looked up by the service for the notification rules."""

    filer: int | None = None
    assignee: int | None = None
    task_force_id: int | None = None
    task_force_has_group: bool = False
    task_force_people: tuple[int, ...] = ()
    lead: int | None = None
    supervising_leader: int | None = None
    principals: tuple[int, ...] = ()
    direct_report: tuple[int, ...] = ()
    desk: tuple[int, ...] = ()
    co_handler_groups: tuple[int, ...] = ()
    co_handler_people: tuple[int, ...] = ()
    requester: int | None = None
    approver: int | None = None
    supervisor: int | None = None
    instructors: tuple[int, ...] = ()


P = Priority
# event kind -> (audience, priority, template); "work" means high when urgent, else normal.
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {
    # The filer's receipt is the dialog's own answer to their filing, not a notice.
    "filed": (),
    "routed": (("task_force", "work", "new_issue"),),
    "dispatched": (("task_force", "work", "new_issue"),),
    "transferred": (
        ("task_force", "work", "new_issue"),
        ("requester", "high", "request_approved"),
    ),
    "member_assigned": (("assignee", "work", "assigned_to_you"),),
    "replied": (("enterprise", "high", "reply"),),
    "info_requested": (("enterprise", "high", "info_requested"),),
    "info_supplied": (("assignee_or_task_force", "work", "info_supplied"),),
    "extension_requested": (("approver", "normal", "extension_requested"),),
    "transfer_requested": (("lead", "normal", "transfer_requested"),),
    "extension_approved": (
        ("enterprise", "high", "deadline_changed"),
        ("requester", "high", "request_approved"),
    ),
    # The requester waits on the decision to plan the work: it goes at once.
    "request_denied": (("requester", "high", "request_denied"),),
    "returned": (("desk", "work", "returned"),),
    "co_handler_added": (("co_handlers", "work", "co_handling"),),
    "resolved": (("enterprise", "high", "answered"),),
    "answer_rejected": (("assignee_or_task_force", "high", "answer_rejected"),),
    "confirmed": (
        ("assignee", "normal", "confirmed"),
        ("enterprise", "normal", "rate_request"),
    ),
    "auto_closed": (
        ("assignee", "normal", "auto_closed"),
        ("enterprise", "normal", "rate_request"),
    ),
    "reopened": (
        ("assignee_or_task_force", "high", "reopened"),
        ("enterprise", "high", "reopened_by_office"),
    ),
    "withdrawn": (("assignee_or_task_force", "normal", "withdrawn"),),
    "rejected": (("enterprise", "high", "rejected"),),
    "rated": (("assignee", "normal", "rated"),),
    "instructed": (
        ("assignee", "critical", "instruction"),
        ("task_force", "critical", "instruction"),
    ),
    "supervised": (("assignee", "high", "supervised"), ("lead", "high", "supervised")),
    "marked_direct_report": (("direct_report", "critical", "direct_report"),),
}


# Cards of a new issue: whoever gets one in private gets the enterprise's files with it.
CARD_TEMPLATES = frozenset(
    {"new_issue", "assigned_to_you", "direct_report", "needs_dispatch", "returned", "co_handling"}
)
# Words for the other side that may carry files of their own (a photo with a reply).
FILE_CARRYING = frozenset({"reply", "info_requested", "answered", "info_supplied"})
# Audiences for which the desk stands in when nobody holds the role.
STANDS_IN = frozenset({"lead", "supervising_leader", "principals", "approver"})
# Events after which the cards already sent show nothing new.
UNSEEN_BY_CARDS = frozenset({"filed", "noted", "reminded", "nudged", "rated"})
FILE_TEMPLATE = "notice.file"
# Told only when someone other than the enterprise acted: its own people know what they did.
OFFICE_ONLY = frozenset({"reopened_by_office"})


def changes_cards(event: IssueEvent) -> bool:
    """Whether cards of the issue sent earlier must be shown anew after the event."""
    return event.from_state != event.to_state or event.kind not in UNSEEN_BY_CARDS


def audiences_needed(issue: Issue, events: list[IssueEvent]) -> frozenset[str]:
    """The audience names the events will need, so the caller looks up only those."""
    return frozenset(who for event in events for who, _, _ in _rules(issue, event))


# What the deadline sweep did: its audience travels on the event (it depends on the level).
SWEEP_TEMPLATES = {"reminded": "reminder", "escalated": "escalation", "nudged": "idle_nudge"}
LEVEL_PRIORITY = {1: "high", 2: "high", 3: "critical"}


def _rules(issue: Issue, event: IssueEvent) -> list[tuple[str, str, str]]:
    if event.kind in SWEEP_TEMPLATES:
        level = event.data.get("level")
        priority = LEVEL_PRIORITY[int(level)] if level is not None else "work"
        template = SWEEP_TEMPLATES[event.kind]
        return [(who, priority, template) for who in event.data.get("audience", ())]
    rules = [
        rule
        for rule in RULES.get(event.kind, ())
        if rule[2] not in OFFICE_ONLY or event.data.get("reopened_by") == "office"
    ]
    if event.kind == "filed":
        if issue.direct_report:
            rules.append(("direct_report", "critical", "direct_report"))
        if issue.state in (IssueState.FILED, IssueState.RETURNED):
            rules.append(("desk", "work", "needs_dispatch"))
    return rules


def notices_for(
    issue: Issue, event: IssueEvent, audience: Audience, now: datetime
) -> list[Notice]:
    """The notices an event causes, and after each card or answer the files it carries;
    the actor is never told of their own action."""
    chosen: dict[tuple[str, int], tuple[Priority, str, bool]] = {}
    for who, level, template in _rules(issue, event):
        priority = _priority(level, issue.urgency)
        stand_in = who in STANDS_IN and not _holders(who, audience)
        for target in _resolve(who, audience):
            if target == ("person", event.actor_id):
                continue
            held = chosen.get(target)
            if held is None or PRIORITY_RANK[priority] < PRIORITY_RANK[held[0]]:
                chosen[target] = (priority, template, stand_in)
    notices = []
    for target, (priority, template, stand_in) in sorted(chosen.items()):
        notice = _notice(issue, event, target, priority, template, now)
        if stand_in:
            notice.params["stand_in"] = "yes"
        notices.append(notice)
        if target[0] == "person":
            notices.extend(_files(issue, event, notice, _carried(issue, event, template)))
    return notices


def _carried(issue: Issue, event: IssueEvent, template: str) -> tuple[Attachment, ...]:
    if template in CARD_TEMPLATES:
        return issue.attachments
    if template in FILE_CARRYING:
        return attachments_of(event)
    return ()


def _files(
    issue: Issue, event: IssueEvent, card: Notice, files: tuple[Attachment, ...]
) -> list[Notice]:
    """One notice per file, right after the card, in the order the files were given."""
    return [
        Notice(
            dedupe_key=f"{card.dedupe_key}:file:{number}",
            priority=card.priority,
            template=FILE_TEMPLATE,
            created_at=card.created_at,
            params={
                "code": issue.code,
                # A file goes, or is dropped as overtaken, with the card it follows.
                "card": card.template.removeprefix("notice."),
                "number": number,
                "total": len(files),
                "file": asdict(attachment),
            },
            person_id=card.person_id,
            issue_id=issue.id,
        )
        for number, attachment in enumerate(files, 1)
    ]


def _holders(who: str, a: Audience) -> bool:
    """Whether anyone holds the role the audience names (else the desk stands in)."""
    held = {
        "lead": a.lead,
        "supervising_leader": a.supervising_leader,
        "principals": a.principals or None,
        "approver": a.approver,
    }
    return held.get(who) is not None


def _priority(level: str, urgency: Urgency) -> Priority:
    if level == "work":
        return P.HIGH if urgency == Urgency.URGENT else P.NORMAL
    return P(level)


def _resolve(who: str, a: Audience) -> list[tuple[str, int]]:
    people: tuple[int | None, ...]
    if who == "task_force" or (who == "assignee_or_task_force" and a.assignee is None):
        if a.task_force_id is not None and a.task_force_has_group:
            return [("group", a.task_force_id)]
        people = a.task_force_people or a.desk
    elif who in ("assignee", "assignee_or_task_force"):
        people = (a.assignee,)
    elif who == "co_handlers":
        groups = [("group", g) for g in a.co_handler_groups]
        return groups + [("person", p) for p in dict.fromkeys(a.co_handler_people)]
    elif who == "direct_report":
        people = (*a.direct_report, a.supervising_leader, *a.principals)
    else:
        single = {
            "enterprise": (a.filer,),
            "lead": (a.lead,) if a.lead is not None else a.desk,
            # An escalation must reach someone: the desk stands in for a missing leader.
            "supervising_leader": (
                (a.supervising_leader,) if a.supervising_leader is not None else a.desk
            ),
            "principals": a.principals or a.desk,
            "desk": a.desk,
            "requester": (a.requester,),
            "supervisor": (a.supervisor,),
            "instructors": a.instructors,
            # A task force without a lead (or leader) still gets its requests seen.
            "approver": (a.approver,) if a.approver is not None else a.desk,
        }
        people = single[who]
    return [("person", p) for p in dict.fromkeys(people) if p is not None]


def _notice(
    issue: Issue,
    event: IssueEvent,
    target: tuple[str, int],
    priority: Priority,
    template: str,
    now: datetime,
) -> Notice:
    kind, ident = target
    return Notice(
        dedupe_key=f"event:{event.id}:{kind}:{ident}",
        priority=priority,
        template=f"notice.{template}",
        created_at=now,
        # The event's facts (a new deadline, a task force, a score) fill the template.
        params={**event.data, "code": issue.code, "event": event.kind, "text": event.text or ""},
        person_id=ident if kind == "person" else None,
        task_force_id=ident if kind == "group" else None,
        issue_id=issue.id,
    )

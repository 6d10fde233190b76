"""Filing an issue and getting it to the right task force (§5, §6)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from bot.domain.calendar import WorkCalendar
from bot.domain.clocks import cancel_clock, restart_clock, start_clocks
from bot.domain.errors import InvalidInput, NotAllowed
from bot.domain.model import (
    Attachment,
    ClockName,
    Issue,
    IssueEvent,
    IssueState,
    PendingRequest,
    Urgency,
)
from bot.domain.people import Actor, Role
from bot.domain.permissions import relations
from bot.domain.policy import PolicySnapshot
from bot.domain.transitions import RULES, apply, check, clean_text, drop_pending

MAX_ATTACHMENTS = 20
ATTACHMENT_KINDS = frozenset({"photo", "document"})
MEGABYTE = 1024 * 1024
# Telegram lets bots download files of up to 20 MB, WeCom takes files of up to 20 MB: nothing
# larger can reach the officers. A channel may allow less (its dialogs pass its limit in).
MAX_ATTACHMENT_BYTES = 20 * MEGABYTE


def file_issue(
    *,
    code: str,
    actor: Actor,
    enterprise_id: int,
    category: str,
    urgency: Urgency,
    text: str,
    language: str,
    now: datetime,
    policy: PolicySnapshot,
    calendar: WorkCalendar,
    project_id: int | None = None,
    direct_report: bool = False,
    attachments: tuple[Attachment, ...] = (),
) -> tuple[Issue, IssueEvent]:
    """Create a new issue for the actor's enterprise, with its clocks started."""
    if (
        actor.person_id is None
        or not actor.has(Role.MEMBER)
        or actor.enterprise_id != enterprise_id
    ):
        raise NotAllowed("issue.file_not_member", "only the enterprise's members may file")
    body = clean_text(text, "description")
    assert body is not None
    check_attachments(attachments)
    issue = Issue(
        code=code,
        enterprise_id=enterprise_id,
        filed_by=actor.person_id,
        category=category,
        urgency=urgency,
        text=body,
        language=language,
        filed_at=now,
        policy=policy,
        clocks=start_clocks(policy, calendar, now),
        project_id=project_id,
        direct_report=direct_report,
        attachments=attachments,
        last_activity_at=now,
    )
    event = IssueEvent(
        kind="filed",
        at=now,
        actor_id=actor.person_id,
        from_state=None,
        to_state=IssueState.FILED,
        text=body,
        data={
            "urgency": str(urgency),
            "category": category,
            "direct_report": direct_report,
            "attachments": len(attachments),
        },
    )
    return issue, event


def check_attachments(
    attachments: tuple[Attachment, ...],
    max_bytes: int = MAX_ATTACHMENT_BYTES,
    max_photo_bytes: int | None = None,
) -> None:
    """Refuse too many attachments, unknown kinds and files too large to pass on: larger
    than `max_bytes`, or for a photo than `max_photo_bytes` when that is given."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidInput(
            "input.too_many_attachments",
            f"at most {MAX_ATTACHMENTS} attachments per message",
            limit=MAX_ATTACHMENTS,
        )
    for attachment in attachments:
        if attachment.kind not in ATTACHMENT_KINDS:
            raise InvalidInput(
                "input.attachment_kind",
                f"attachments must be photos or documents, not {attachment.kind!r}",
                value=attachment.kind,
            )
        limit = max_bytes
        if attachment.kind == "photo" and max_photo_bytes is not None:
            limit = min(max_bytes, max_photo_bytes)
        if attachment.size is not None and attachment.size > limit:
            megabytes = f"{limit / MEGABYTE:g}"
            raise InvalidInput(
                "input.attachment_too_large",
                f"{attachment.name or 'the file'} is larger than {megabytes} MB",
                limit=limit,
                megabytes=megabytes,
            )


def files_data(attachments: tuple[Attachment, ...]) -> list[dict[str, object]] | None:
    """Files as an event keeps them (None when there are none): what they are, in order."""
    return [asdict(a) for a in attachments] or None


def attachments_of(event: IssueEvent) -> tuple[Attachment, ...]:
    """The files an event carries."""
    found = event.data.get("files") or ()
    return tuple(Attachment(**data) for data in found if isinstance(data, dict))


def route(issue: Issue, actor: Actor, now: datetime, task_force_id: int, how: str) -> IssueEvent:
    """Send a newly filed issue to the task force routing chose (派单)."""
    rule = check("route", issue, actor)
    _give_to(issue, task_force_id)
    return apply(rule, issue, actor, now, task_force_id=task_force_id, how=how)


def dispatch(
    issue: Issue, actor: Actor, now: datetime, task_force_id: int, note: str | None = None
) -> IssueEvent:
    """The dispatch desk assigns an unrouted or returned issue by hand."""
    rule = check("dispatch", issue, actor)
    text = clean_text(note, "note", required=False)
    _give_to(issue, task_force_id)
    return apply(rule, issue, actor, now, text, task_force_id=task_force_id)


def assign_member(issue: Issue, actor: Actor, now: datetime, person_id: int) -> IssueEvent:
    """Name the officer who should sign for the issue (round robin, or the lead's choice)."""
    rule = check("assign_member", issue, actor)
    if issue.assignee_id == person_id:
        # Naming them again would only tell them again what they were told already.
        raise InvalidInput(
            "assign.already_named",
            f"that officer is named to claim {issue.code} already",
            code=issue.code,
        )
    issue.assignee_id = person_id
    issue.assigned_at = now
    return apply(rule, issue, actor, now, assignee_id=person_id)


def request_transfer(
    issue: Issue,
    actor: Actor,
    now: datetime,
    task_force_id: int,
    reason: str,
    lead_exists: bool = True,
) -> IssueEvent:
    """An officer asks the lead to transfer the issue to another task force; the office
    decides for a task force that has no lead."""
    rule = check("request_transfer", issue, actor)
    text = _transfer_reason(issue, task_force_id, reason)
    assert actor.person_id is not None
    issue.pending = PendingRequest(
        kind="transfer",
        requested_by=actor.person_id,
        requested_at=now,
        reason=text,
        approver="lead" if lead_exists else "office",
        target_task_force_id=task_force_id,
    )
    return apply(rule, issue, actor, now, text, task_force_id=task_force_id)


def transfer(
    issue: Issue,
    actor: Actor,
    now: datetime,
    task_force_id: int,
    reason: str,
    calendar: WorkCalendar,
) -> IssueEvent:
    """Move the issue to another task force (转派); the first one stays accountable until then."""
    rule = check("transfer", issue, actor)
    text = _transfer_reason(issue, task_force_id, reason)
    _give_to(issue, task_force_id)
    sign = issue.clocks[ClockName.SIGN]
    if sign.met_at is not None:
        # The new task force must sign in its turn, on the policy's sign clock.
        restart_clock(
            sign, calendar, now, issue.policy.clocks.sign, issue.policy.reminder_fraction
        )
    return apply(rule, issue, actor, now, text, task_force_id=task_force_id)


def return_issue(issue: Issue, actor: Actor, now: datetime, reason: str) -> IssueEvent:
    """The task force says the issue is not theirs (退单) and sends it back to the desk."""
    rule = check("return", issue, actor)
    text = clean_text(reason, "reason")
    returning = issue.task_force_id
    issue.task_force_id = None
    issue.assignee_id = None
    cancelled = drop_pending(issue)
    return apply(
        rule, issue, actor, now, text, cancelled_request=cancelled, task_force_id=returning
    )


def reject_issue(issue: Issue, actor: Actor, now: datetime, reason: str) -> IssueEvent:
    """The office declines an out-of-scope issue (不予受理)."""
    rule = check("reject", issue, actor)
    text = clean_text(reason, "reason")
    for clock in issue.clocks.values():
        cancel_clock(clock, now)
    issue.closed_at = now
    return apply(rule, issue, actor, now, text)


def _give_to(issue: Issue, task_force_id: int) -> None:
    issue.task_force_id = task_force_id
    issue.assignee_id = None
    # A task force that helped and now owns the issue is not its own helper.
    issue.co_handler_ids = issue.co_handler_ids - {task_force_id}
    if issue.accountable_task_force_id is None:
        # 首接负责: the first task force stays accountable until another one signs.
        issue.accountable_task_force_id = task_force_id


def _transfer_reason(issue: Issue, task_force_id: int, reason: str) -> str:
    if task_force_id == issue.task_force_id:
        raise InvalidInput("transfer.same_task_force", "the issue is already with that task force")
    if issue.pending is not None:
        raise InvalidInput("request.pending", "a request on this issue is waiting for approval")
    text = clean_text(reason, "reason")
    assert text is not None
    return text


def may_transfer_directly(issue: Issue, actor: Actor) -> bool:
    """True if the actor's transfer needs no approval (a lead, the office or an admin)."""
    return bool(relations(actor, issue) & RULES["transfer"].who)

"""/my: the enterprise's issues, each with its timeline and what the member can do next."""

from __future__ import annotations

from bot.dialogs.cards import rating_buttons
from bot.dialogs.events import Button
from bot.dialogs.general import stale_button
from bot.dialogs.turn import Turn
from bot.domain.model import OPEN_STATES, Issue, IssueState
from bot.domain.people import Role
from bot.i18n.formatting import format_moment
from bot.services import follow_up, teamwork
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues, show_issue

MAX_LISTED = 10
TIMELINE_SHOWN = 8


async def show_list(turn: Turn) -> None:
    """The member's open issues, next deadline first, one button each."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        # An enterprise's issues are its own business, not the group's (§14).
        turn.say("start-in-private")
        return
    if person is None or person.id is None or Role.MEMBER not in person.roles:
        turn.say("need-registration")
        return
    query = IssueQuery(states=OPEN_STATES, limit=MAX_LISTED)
    found = await list_issues(turn.uow(), person.id, query)
    if not found:
        turn.say("my-none")
        return
    rows = tuple((Button(_line(turn, issue), f"m:v:{issue.code}"),) for issue in found)
    turn.say("my-list", buttons=rows, count=len(found))


async def press(turn: Turn) -> None:
    """A button of /my: open an issue, or act on it."""
    parts = (turn.incoming.button or "").split(":")
    person = turn.person
    if len(parts) < 3 or person is None or person.id is None:
        await stale_button(turn)
        return
    if turn.incoming.chat_kind != "private":
        turn.toast, turn.alert = turn.t("start-in-private"), True
        return
    action, code = parts[1], parts[2]
    uow, ctx, now, me = turn.uow, turn.ctx, turn.now, person.id
    if action == "v":
        await _show(turn, code)
    elif action == "c":
        await follow_up.confirm(uow(), ctx, me, code, now)
        turn.say("my-confirmed-rate", buttons=rating_buttons(code), code=code)
    elif action == "s" and len(parts) == 4 and parts[3] in {"1", "2", "3", "4", "5"}:
        await follow_up.rate(uow(), ctx, me, code, int(parts[3]), None, now)
        turn.say("my-rated", edit=True, code=code)
    elif action in ("i", "r", "w"):
        turn.remember(f"my.{action}", code=code)
        turn.say(
            {"i": "my-ask-info", "r": "my-ask-reject", "w": "my-ask-withdraw"}[action], code=code
        )
    else:
        await stale_button(turn)


async def step(turn: Turn) -> None:
    """The text (or files) the member sends after choosing an action on an issue."""
    state = turn.state
    assert state is not None and turn.person is not None and turn.person.id is not None
    code, me, text = str(state.data.get("code", "")), turn.person.id, turn.incoming.text
    await turn.complete(_act(turn, state.name, code, me, text))


async def _act(turn: Turn, step_name: str, code: str, me: int, text: str | None) -> None:
    uow, ctx, now = turn.uow, turn.ctx, turn.now
    if step_name == "my.i":
        attachments = turn.incoming.attachments
        await teamwork.supply_info(uow(), ctx, me, code, text, now, attachments)
        turn.say("my-info-added", code=code)
    elif step_name == "my.r":
        await follow_up.reject_answer(uow(), ctx, me, code, text or "", now)
        turn.say("my-rejected", code=code)
    elif step_name == "my.w":
        await follow_up.withdraw(uow(), ctx, me, code, text, now)
        turn.say("my-withdrawn", code=code)


async def _show(turn: Turn, code: str) -> None:
    assert turn.person is not None and turn.person.id is not None
    view = await show_issue(turn.uow(), turn.person.id, code)
    issue = view.issue
    tz = turn.ctx.calendar.tz
    lines = [
        turn.t(
            "timeline-line",
            at=format_moment(e.at, turn.language, tz, turn.now),
            what=turn.t(f"event-{e.kind.replace('_', '-')}"),
        )
        for e in view.events[-TIMELINE_SHOWN:]
    ]
    turn.say(
        "my-issue",
        buttons=_actions(turn, issue),
        code=issue.code,
        state=turn.t(f"state-{issue.state.value.replace('_', '-')}"),
        text=issue.text,
        timeline="\n".join(lines),
    )


def _actions(turn: Turn, issue: Issue) -> tuple[tuple[Button, ...], ...]:
    code, state = issue.code, issue.state
    rows: list[tuple[Button, ...]] = []
    if state is IssueState.ANSWERED:
        rows.append(
            (turn.button("my-confirm", f"m:c:{code}"), turn.button("my-reject", f"m:r:{code}"))
        )
    if issue.is_open:
        rows.append(
            (turn.button("my-add-info", f"m:i:{code}"), turn.button("my-withdraw", f"m:w:{code}"))
        )
    if state is IssueState.CLOSED and issue.rating is None:
        rows.extend(rating_buttons(code))
    return tuple(rows)


def _line(turn: Turn, issue: Issue) -> str:
    state = turn.t(f"state-{issue.state.value.replace('_', '-')}")
    return f"{issue.code} · {state}"

"""Queued notices as chat messages in the recipient's language, handed to a messenger."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import Any, Protocol

from bot.dialogs.capabilities import TELEGRAM_LIKE, Capabilities
from bot.dialogs.card_buttons import rating_buttons, verdict_round
from bot.dialogs.card_parts import Buttons, Texts, mask_phones
from bot.dialogs.events import Reply
from bot.dialogs.kept_replies import KEPT_TEMPLATE, reply_from_params
from bot.dialogs.notice_cards import card_reply, file_reply, refresh_reply
from bot.dialogs.payloads import IssueCode, OnIssue, Verb
from bot.domain.calendar import WorkCalendar
from bot.i18n.catalog import Catalog, choose_language
from bot.i18n.formatting import format_moment
from bot.services.recipients import Delivery

EXCERPT = 200


class DeliveryError(Exception):
    """A messenger could not send: whether to try again, and not before how many seconds."""

    def __init__(
        self, reason: str, *, permanent: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.permanent = permanent
        self.retry_after = retry_after


class Messenger(Protocol):
    """Sends a reply on one channel within the channel's rate limits; returns a reference to
    the sent message, or raises DeliveryError."""

    channel: str
    capabilities: Capabilities

    async def send(self, reply: Reply) -> str: ...


def render(
    catalog: Catalog,
    delivery: Delivery,
    calendar: WorkCalendar,
    now: datetime,
    capabilities: Capabilities = TELEGRAM_LIKE,
) -> Reply:
    """The message a notice becomes, with the buttons its recipient acts through, as the
    recipient's channel (its `capabilities`) can show them: a card's buttons in pages where
    they do not all fit, none in a group that shows none.

    A card message none of whose cards can be shown any more raises ValueError: the
    dispatcher drops such a notice as unrenderable.
    """
    reply = _render(catalog, delivery, calendar, now, capabilities.buttons_per_message)
    if delivery.notice.task_force_id is not None and not capabilities.group_buttons:
        # The group reads the notice; its officers act on the cards they get in private.
        return replace(reply, buttons=())
    return reply


def _render(
    catalog: Catalog, delivery: Delivery, calendar: WorkCalendar, now: datetime, limit: int
) -> Reply:
    assert delivery.chat_id is not None
    notice = delivery.notice
    if notice.template == KEPT_TEMPLATE:
        return reply_from_params(delivery.chat_id, notice.params)
    w = Texts(catalog, choose_language(delivery.language), calendar)
    name = notice.template.removeprefix("notice.")
    if name == "file":
        return file_reply(w, delivery)
    if name == "refresh":
        shown = refresh_reply(w, delivery, now, limit)
        if shown is None:
            raise ValueError("no card of the message can be shown")
        return shown
    card = card_reply(w, delivery, name, now, limit)
    if card is not None:
        return card
    params = _params(w, delivery, now)
    key = "notice-" + name.replace("_", "-")
    if name == "request_denied" and not params["text"]:
        key = "notice-request-denied-plain"
    text = catalog.text(w.language, key, **params)
    buttons = _buttons(w, name, params["code"], _verdict(delivery))
    return Reply(delivery.chat_id, text, buttons=buttons)


def _verdict(delivery: Delivery) -> int:
    """The round of the issue's timeline when the notice was queued: an answer sent late
    still asks about itself, not about a newer one."""
    if delivery.view is None:
        return 0
    queued = delivery.notice.created_at
    return verdict_round(e for e in delivery.view.events if e.at <= queued)


def _params(w: Texts, delivery: Delivery, now: datetime) -> dict[str, Any]:
    """The notice's facts as its reader reads them."""
    notice, language, tz = delivery.notice, w.language, w.calendar.tz if w.calendar else UTC
    params: dict[str, Any] = {
        "enterprise": "-",
        "team": "-",
        "excerpt": "",
        "text": "",
        "code": "",
    }
    # Whole numbers stay numbers: catalog texts choose their wording by them (levels, counts).
    params.update(
        {
            k: v
            if isinstance(v, int) and not isinstance(v, bool)
            else _shown(v, tz, language, now)
            for k, v in notice.params.items()
            if k != "rows"
        }
    )
    params.setdefault("stand_in", "no")
    params.setdefault("request", "extension")
    # Facts a text gained later: a notice queued before an upgrade still renders, not dropped.
    params.setdefault("issue", "none")
    params.setdefault("title", "other")
    if "leader" not in params:
        params["leader"] = w.t("notice-leader-unknown")
    if "clock" in notice.params:
        params["clock"] = w.t(f"clock-{notice.params['clock']}")
    if "rows" in notice.params:
        params["table"] = _table(w.catalog, language, notice.params["rows"])
    if notice.task_force_id is not None:
        # A group is no place for anyone's phone number (§14), whoever wrote the text.
        params = {k: mask_phones(v) if isinstance(v, str) else v for k, v in params.items()}
    view = delivery.view
    if view is not None:
        params.update(
            enterprise=view.enterprise_name,
            team=w.team(view.task_force),
            # Officials' chats are no place for an enterprise's phone numbers (§14).
            excerpt=mask_phones(_excerpt(view.issue.text)),
        )
    return params


# Text notices to officials carry a button to the issue's card, where they can act.
OPENS_CARD = frozenset(
    {
        "reminder",
        "escalation",
        "idle_nudge",
        "instruction",
        "info_supplied",
        "answer_rejected",
        "reopened",
        "supervised",
        "co_handling",
        "request_approved",
        "request_denied",
    }
)


def _buttons(w: Texts, name: str, code: str, verdict: int) -> Buttons:
    """The buttons of a text notice: the enterprise's answers (about round `verdict` of the
    issue), or the official's card."""
    if not code:
        return ()
    issue = IssueCode(code)
    if name == "answered":
        return (
            (
                w.button("my-confirm", OnIssue(Verb.CONFIRM, issue, verdict)),
                w.button("my-reject", OnIssue(Verb.NOT_SOLVED, issue, verdict)),
            ),
        )
    if name == "info_requested":
        return ((w.button("my-add-info", OnIssue(Verb.ADD_INFO, issue)),),)
    if name == "rate_request":
        return rating_buttons(code, verdict)
    if name in OPENS_CARD:
        return ((w.button("act-open", OnIssue(Verb.CARD, issue)),),)
    return ()


def _shown(value: object, tz: tzinfo, language: str, now: datetime) -> str:
    """A parameter as people read it: deadlines in the city's time, in the reader's words."""
    text = str(value)
    if len(text) >= 19 and text[4] == "-" and text[10] == "T":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return format_moment(moment, language, tz, now)
    return text


def _table(catalog: Catalog, language: str, rows: list[dict[str, Any]]) -> str:
    """The weekly summary's lines, one per task force, named in the reader's language."""
    none = catalog.text(language, "overview-no-data")
    lines = []
    for row in rows:
        shown = {k: none if v is None else v for k, v in row.items()}
        # Summaries queued before rows carried names and satisfaction still render.
        shown["team"] = row.get(f"name_{language}") or row["team"]
        shown["on_time"] = none if row.get("on_time") is None else f"{row['on_time']}%"
        if row.get("satisfaction") is None or row.get("rating") is None:
            shown["satisfaction"] = none
        else:
            rate = f"{row['satisfaction']}%"
            average = f"{row['rating']:.1f}"
            shown["satisfaction"] = catalog.text(
                language, "overview-satisfaction", rate=rate, average=average
            )
        lines.append(catalog.text(language, "notice-weekly-row", **shown))
    return "\n".join(lines)


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"

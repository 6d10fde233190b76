"""Queued notices as chat messages in the recipient's language, handed to a messenger."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, Protocol

from bot.dialogs.cards import (
    Card,
    mask_phones,
    rating_buttons,
    render_group_post,
    render_leader_card,
    render_request,
)
from bot.dialogs.events import Button, Reply
from bot.dialogs.kept_replies import KEPT_TEMPLATE, reply_from_params
from bot.i18n.catalog import Catalog, choose_language
from bot.i18n.formatting import format_moment
from bot.services.delivery import Delivery

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

    async def send(self, reply: Reply) -> str: ...


def render(catalog: Catalog, delivery: Delivery, tz: tzinfo) -> Reply:
    """The message a notice becomes, with the buttons its recipient acts through."""
    assert delivery.chat_id is not None
    notice = delivery.notice
    if notice.template == KEPT_TEMPLATE:
        return reply_from_params(delivery.chat_id, notice.params)
    language = choose_language(delivery.language)
    name = notice.template.removeprefix("notice.")
    card = _card(catalog, language, name, delivery, tz)
    if card is not None:
        return Reply(delivery.chat_id, card[0], buttons=card[1])
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
            k: v if isinstance(v, int) and not isinstance(v, bool) else _shown(v, tz, language)
            for k, v in notice.params.items()
            if k != "rows"
        }
    )
    if "clock" in notice.params:
        params["clock"] = catalog.text(language, f"clock-{notice.params['clock']}")
    if "rows" in notice.params:
        params["table"] = _table(catalog, language, notice.params["rows"])
    if notice.task_force_id is not None:
        # A group is no place for anyone's phone number (§14), whoever wrote the text.
        params = {k: mask_phones(v) if isinstance(v, str) else v for k, v in params.items()}
    view = delivery.view
    if view is not None:
        params.update(
            enterprise=view.enterprise_name,
            team=view.task_force_code or "-",
            # Officials' chats are no place for an enterprise's phone numbers (§14).
            excerpt=mask_phones(_excerpt(view.issue.text)),
        )
    text = catalog.text(language, "notice-" + name.replace("_", "-"), **params)
    buttons = _buttons(catalog, language, name, params["code"])
    return Reply(delivery.chat_id, text, buttons=buttons)


def _card(
    catalog: Catalog, language: str, name: str, delivery: Delivery, tz: tzinfo
) -> Card | None:
    """The richer cards of the officials' side, where the notice has one."""
    view = delivery.view
    if view is None:
        return None
    if name in ("new_issue", "assigned_to_you"):
        return render_group_post(catalog, language, view, project=delivery.project, tz=tz)
    if name == "direct_report":
        return render_leader_card(
            catalog,
            language,
            view,
            project=delivery.project,
            task_force=delivery.task_force,
            tz=tz,
        )
    if name in ("extension_requested", "transfer_requested") and view.issue.pending:
        return render_request(catalog, language, view, target=delivery.transfer_target, tz=tz)
    return None


def _buttons(
    catalog: Catalog, language: str, name: str, code: str
) -> tuple[tuple[Button, ...], ...]:
    def button(key: str, payload: str) -> Button:
        return Button(catalog.text(language, key), payload)

    rows: dict[str, tuple[tuple[Button, ...], ...]] = {
        "new_issue": (
            (
                button("act-claim", f"t:c:{code}"),
                button("act-details", f"t:d:{code}"),
                button("act-return", f"t:r:{code}"),
            ),
        ),
        "assigned_to_you": ((button("act-claim", f"t:c:{code}"),),),
        "extension_requested": (
            (button("act-approve", f"a:y:{code}"), button("act-deny", f"a:n:{code}")),
        ),
        "transfer_requested": (
            (button("act-approve", f"a:y:{code}"), button("act-deny", f"a:n:{code}")),
        ),
        "direct_report": (
            (
                button("act-instruct", f"l:i:{code}"),
                button("act-supervise", f"l:s:{code}"),
                button("act-details", f"l:d:{code}"),
            ),
        ),
        "answered": ((button("my-confirm", f"m:c:{code}"), button("my-reject", f"m:r:{code}")),),
        "info_requested": ((button("my-add-info", f"m:i:{code}"),),),
        "rate_request": rating_buttons(code),
    }
    return rows.get(name, ())


def _shown(value: object, tz: tzinfo, language: str) -> str:
    """A parameter as people read it: deadlines in the city's time, in the reader's words."""
    text = str(value)
    if len(text) >= 19 and text[4] == "-" and text[10] == "T":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return format_moment(moment, language, tz)
    return text


def _table(catalog: Catalog, language: str, rows: list[dict[str, Any]]) -> str:
    """The weekly summary's lines, one per task force."""
    lines = []
    for row in rows:
        shown = {k: "-" if v is None else v for k, v in row.items()}
        if row.get("on_time") is not None:
            shown["on_time"] = f"{row['on_time']}%"
        lines.append(catalog.text(language, "notice-weekly-row", **shown))
    return "\n".join(lines)


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"

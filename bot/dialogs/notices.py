"""Queued notices as chat messages in the recipient's language, handed to a messenger."""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo
from typing import Protocol

from bot.dialogs.cards import (
    Card,
    mask_phones,
    rating_buttons,
    render_group_post,
    render_leader_card,
    render_request,
)
from bot.dialogs.events import Button, Reply
from bot.domain.notice import NoticeStatus
from bot.i18n.catalog import Catalog, choose_language
from bot.services.delivery import Delivery, due_deliveries, record_delivery
from bot.services.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)

EXCERPT = 200
# A notice that failed this often is given up (the scheduler's dispatcher will alert admins).
MAX_ATTEMPTS = 5


class Messenger(Protocol):
    """Sends a reply on one channel; returns a reference to the sent message."""

    channel: str

    async def send(self, reply: Reply) -> str: ...


def render(catalog: Catalog, delivery: Delivery, tz: tzinfo) -> Reply:
    """The message a notice becomes, with the buttons its recipient acts through."""
    assert delivery.chat_id is not None
    notice = delivery.notice
    language = choose_language(delivery.language, None)
    name = notice.template.removeprefix("notice.")
    card = _card(catalog, language, name, delivery, tz)
    if card is not None:
        return Reply(delivery.chat_id, card[0], buttons=card[1])
    params = {"enterprise": "-", "team": "-", "excerpt": "", "text": ""}
    params.update({k: _shown(v) for k, v in notice.params.items()})
    if notice.task_force_id is not None:
        # A group is no place for anyone's phone number (§14), whoever wrote the text.
        params = {k: mask_phones(v) for k, v in params.items()}
    view = delivery.view
    if view is not None:
        params.update(
            enterprise=view.enterprise_name,
            team=view.task_force_code or "-",
            # Officials' chats are no place for an enterprise's phone numbers (§14).
            excerpt=mask_phones(_excerpt(view.issue.text)),
        )
    text = catalog.text(language, "notice-" + name.replace("_", "-"), **params)
    return Reply(delivery.chat_id, text, buttons=_buttons(catalog, language, name, params["code"]))


async def deliver_queued(
    new_uow: UnitOfWorkFactory,
    catalog: Catalog,
    messenger: Messenger,
    tz: tzinfo,
    limit: int = 50,
) -> int:
    """Send what is queued now; notices nobody can be reached for are marked dropped."""
    sent = 0
    for delivery in await due_deliveries(new_uow, messenger.channel, limit):
        notice = delivery.notice
        if delivery.chat_id is None:
            log.warning("notice %s has no %s chat; dropped", notice.dedupe_key, messenger.channel)
            await record_delivery(new_uow(), notice, NoticeStatus.DROPPED)
            continue
        try:
            reply = render(catalog, delivery, tz)
        except Exception:  # a notice we cannot render would block every one behind it
            log.exception("notice %s cannot be rendered; dropped", notice.dedupe_key)
            await record_delivery(new_uow(), notice, NoticeStatus.DROPPED)
            continue
        try:
            ref = await messenger.send(reply)
        except Exception as error:  # one failed notice must not stop the rest
            give_up = notice.attempts + 1 >= MAX_ATTEMPTS
            outcome = "giving up" if give_up else "will retry"
            log.warning("sending notice %s failed (%s); %s", notice.dedupe_key, error, outcome)
            status = NoticeStatus.FAILED if give_up else NoticeStatus.QUEUED
            await record_delivery(new_uow(), notice, status)
            continue
        await record_delivery(new_uow(), notice, NoticeStatus.SENT, ref)
        sent += 1
    return sent


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


def _shown(value: object) -> str:
    """A parameter as people read it: deadlines without seconds and offsets."""
    text = str(value)
    if len(text) >= 19 and text[4] == "-" and text[10] == "T":
        try:
            return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return text
    return text


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"

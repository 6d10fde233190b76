"""The dialogs' front door: an Incoming event is routed to the command, button or step."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from bot.dialogs import (
    drafts,
    enterprise_issues,
    extension,
    filing,
    filing_offer,
    general,
    invitations,
    issue_press,
    leader,
    lists,
    page_press,
    preferences,
    registration,
    text_actions,
)
from bot.dialogs.events import Answer, Incoming, Reply
from bot.dialogs.languages import heard_language
from bot.dialogs.payloads import (
    Cancel,
    Category,
    ChooseLanguage,
    Filing,
    InviteRole,
    LinkGroup,
    Offer,
    OnIssue,
    Page,
    Payload,
    Setting,
    StalePayload,
    decode,
)
from bot.dialogs.throttle import Throttle
from bot.dialogs.turn import DialogDeps, Turn, stamp_of
from bot.domain.access import DialogState
from bot.domain.errors import DomainError
from bot.domain.intake import check_attachments
from bot.i18n.catalog import choose_language
from bot.services import turns
from bot.services.card_views import Screen, screens_after
from bot.services.turns import InboxReceipt, LanguageNote, TurnOutcome

log = logging.getLogger(__name__)

Step = Callable[[Turn], Awaitable[None]]
# Sends an answer's replies in order: each reply's message id, or None when it was not sent
# now (kept in the outbox for later, or refused by the platform).
Deliver = Callable[[Answer], Awaitable[Sequence[str | None]]]
DIALOG_LIFETIME = timedelta(hours=24)

COMMANDS: dict[str, Step] = {
    "start": registration.start,
    "new": filing.begin,
    "my": enterprise_issues.show_list,
    "lang": general.choose_language,
    "help": general.show_help,
    "cancel": general.cancel,
    "inbox": lists.show_inbox,
    "team": lists.show_team,
    "overdue": lists.show_overdue,
    "overview": leader.show_overview,
    "invite": invitations.begin,
    "settings": preferences.show,
}
# Each kind of payload belongs to one dialog (bot/dialogs/payloads.py encodes and decodes).
BUTTONS: dict[type[Payload], Step] = {
    OnIssue: issue_press.press,
    Filing: filing.press,
    Category: filing.press_category,
    Offer: filing_offer.press_offer,
    Cancel: general.cancel,
    ChooseLanguage: general.press_language,
    InviteRole: invitations.press,
    Setting: preferences.press,
    LinkGroup: general.press_link,
    Page: page_press.press,
}
STEPS: dict[str, Step] = {
    "reg": registration.step,
    "filing": filing.step,
    "offer": filing_offer.step_offer,
    "draft": drafts.step,
    "text": text_actions.step,
    "extend": extension.step,
}


def shown_cards(
    incoming: Incoming, answer: Answer, sent: Sequence[str | None]
) -> tuple[Screen, ...]:
    """What the answer's messages show now, so their cards are shown anew when their issues
    change (and a message edited into something else is overwritten by none)."""
    return tuple(
        screen
        for reply, message_id in zip(answer.replies, sent, strict=False)
        if message_id is not None
        for screen in screens_after(
            incoming.channel,
            reply.chat_id,
            reply.edit_message_id,
            message_id,
            tuple((v.issue_id, v.kind, v.person_id, v.task_force_id) for v in reply.views),
            incoming.at,
        )
    )


def note_discarded(turn: Turn, found: DialogState | None) -> None:
    """Say so when another dialog took the place of one holding words or files not yet sent
    (a /new or another card's button in the middle of a draft), so nothing is lost unseen."""
    if found is None or turn.incoming.chat_id not in turn.changes:
        return
    now = turn.changes[turn.incoming.chat_id]
    if now is None or stamp_of(now) == stamp_of(found):
        return
    texts, files = found.data.get("texts"), found.data.get("files")
    parts = len(texts) if isinstance(texts, list) else 0
    attached = len(files) if isinstance(files, list) else 0
    if parts or attached:
        turn.say("dialog-discarded", parts=parts, files=attached)
        # Read before the new dialog's first prompt, which it explains.
        turn.replies.insert(0, turn.replies.pop())


class Dialogs:
    """Turns what people do in chat into use cases and answers, in their language."""

    def __init__(self, deps: DialogDeps, throttle: Throttle | None = None) -> None:
        self.deps = deps
        self.throttle = throttle or Throttle()

    async def handle(self, incoming: Incoming, deliver: Deliver | None = None) -> Answer:
        """Answer one event: work it out, have `deliver` send it, then close the turn.

        Closing writes the dialog states the turn moved and marks its inbox entry (if it came
        from one) in one transaction, after the answer went out: a crash in between means
        the event is handled again from where it started, never skipped.
        """
        answer, outcome = await self._respond(incoming)
        if deliver is not None:
            sent = await deliver(answer)
            outcome = replace(outcome, views=shown_cards(incoming, answer, sent))
        if incoming.inbox_id is not None:
            receipt = InboxReceipt(incoming.channel, incoming.inbox_id, incoming.at)
            outcome = replace(outcome, handled=receipt)
        await turns.close_turn(self.deps.new_uow(), outcome)
        return answer

    async def _respond(self, incoming: Incoming) -> tuple[Answer, TurnOutcome]:
        over = self.throttle.admit(incoming.channel, incoming.user_id, incoming.at)
        if over:
            # The first refused event is told why; the rest of a flood gets no answer at all.
            brief = self._brief(incoming, "input-too-fast") if over == 1 else Answer()
            return brief, TurnOutcome()
        person, state = await turns.open_turn(
            self.deps.new_uow(), incoming.channel, incoming.chat_id, incoming.user_id
        )
        heard = heard_language(incoming, state)
        known = person.detected_language if person else None
        language = choose_language(
            person.language if person else None, heard or known, incoming.language_code
        )
        turn = Turn(incoming, person, language, state, self.deps)
        if person is not None and person.id is not None and heard and heard != known:
            turn.learned = LanguageNote(person.id, heard)
        if state is not None and incoming.at - state.updated_at > DIALOG_LIFETIME:
            # A step left open for a day is forgotten: a reply typed days later is more
            # likely chatter than the answer the step was waiting for.
            turn.forget()
        found = turn.state
        try:
            await self._route(turn)
        except DomainError as error:
            turn.refuse(error)
        note_discarded(turn, found)
        return turn.answer(), turn.outcome()

    def apology(self, incoming: Incoming) -> Answer:
        """What to say when handling failed for a reason of ours, not the person's."""
        return self._brief(incoming, "error-generic")

    def _brief(self, incoming: Incoming, key: str) -> Answer:
        # Said without the person's stored language: these answers must not touch storage.
        text = self.deps.catalog.text(choose_language(None, None, incoming.language_code), key)
        if incoming.button is not None:
            return Answer(toast=text, alert=True)
        return Answer(replies=(Reply(incoming.chat_id, text),))

    async def _route(self, turn: Turn) -> None:
        incoming = turn.incoming
        if incoming.bot_added:
            await general.welcome_group(turn)
            return
        if incoming.unsupported:
            # Voice, video, stickers, locations…: say what works instead, change nothing.
            if incoming.chat_kind == "private" and turn.state is not None:
                turn.ask("input-unsupported")
            elif incoming.chat_kind == "private":
                turn.say("input-unsupported")
            return
        if incoming.attachments and incoming.chat_kind == "private":
            # Files the channel cannot pass on are refused before any dialog keeps them.
            capabilities = turn.capabilities
            check_attachments(
                incoming.attachments, capabilities.file_bytes, capabilities.photo_bytes
            )
        if incoming.button is not None:
            try:
                turn.pressed = decode(incoming.button)
            except StalePayload:
                # Forged, from an older version, or beyond any id: refused before any use.
                turn.stale()
                return
            await BUTTONS[type(turn.pressed)](turn)
        elif incoming.command is not None:
            await COMMANDS.get(incoming.command, general.unknown_command)(turn)
        elif turn.state is not None:
            prefix = turn.state.name.split(".", 1)[0]
            await STEPS.get(prefix, general.lost_state)(turn)
        elif incoming.chat_kind == "private":
            await filing_offer.offer(turn)
        # In groups, chatter that is not addressed to the bot is none of its business.

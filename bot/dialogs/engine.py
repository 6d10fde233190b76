"""The dialogs' front door: an Incoming event is routed to the command, button or step."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from bot.dialogs import (
    approvals,
    enterprise_issues,
    filing,
    general,
    invitations,
    leader,
    lists,
    officer,
    officer_card,
    preferences,
    registration,
)
from bot.dialogs.events import Answer, Incoming, Reply
from bot.dialogs.languages import heard_language
from bot.dialogs.throttle import Throttle
from bot.dialogs.turn import DialogDeps, Turn
from bot.domain.errors import DomainError
from bot.i18n.catalog import choose_language
from bot.services import turns
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
# Button payloads start with a short prefix naming the dialog that owns them.
BUTTONS: dict[str, Step] = {
    "f": filing.press,
    "o": filing.press_offer,
    "m": enterprise_issues.press,
    "g": general.press,
    "t": officer.press,
    "k": officer_card.press,
    "a": approvals.press,
    "l": leader.press,
    "i": invitations.press,
    "s": preferences.press,
}
STEPS: dict[str, Step] = {
    "reg": registration.step,
    "filing": filing.step,
    "offer": filing.step_offer,
    "my": enterprise_issues.step,
    "team": officer.step,
    "card": officer_card.step,
    "leader": leader.step,
}


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
            await deliver(answer)
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
        try:
            await self._route(turn)
        except DomainError as error:
            turn.refuse(error)
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
            # The admin needs this group's id to name it as a task force's group_chat.
            turn.say("group-hello", chat=incoming.chat_id)
            return
        if incoming.unsupported:
            # Voice, video, stickers, locations…: say what works instead, change nothing.
            if incoming.chat_kind == "private":
                turn.say("input-unsupported")
            return
        if incoming.button is not None:
            prefix = incoming.button.split(":", 1)[0]
            await BUTTONS.get(prefix, general.stale_button)(turn)
        elif incoming.command is not None:
            await COMMANDS.get(incoming.command, general.unknown_command)(turn)
        elif turn.state is not None:
            prefix = turn.state.name.split(".", 1)[0]
            await STEPS.get(prefix, general.lost_state)(turn)
        elif incoming.chat_kind == "private":
            await filing.offer(turn)
        # In groups, chatter that is not addressed to the bot is none of its business.

"""The WeCom channel of `zhibao run`: a self-built app's encrypted callbacks in, its message
API out (§12). What WeCom posts is stored in the durable inbox before the answer, then handled
by the shared runner; the outbox's dispatcher for WeCom sends through the messenger."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from bot.dialogs.capabilities import Capabilities
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Incoming, Reply
from bot.domain.model import Attachment
from bot.i18n.catalog import Catalog
from bot.services.ports import UnitOfWorkFactory
from handlers.answering import AnswerSender
from handlers.files import FetchFile
from handlers.inbox_runner import InboxRunner, Payload
from handlers.wecom.api import WeComClient, WeComError, WeComUnreachable
from handlers.wecom.callback import CallbackReceiver
from handlers.wecom.crypto import WeComCrypto
from handlers.wecom.inbound import CHANNEL, card_click, chat_of, to_incoming
from handlers.wecom.messenger import WeComMessenger

log = logging.getLogger(__name__)
# On a stop, callbacks stored but not handled yet get this long; the rest wait for the restart.
FINISH_SECONDS = 10.0


class WeComUnusable(Exception):
    """WeCom refused the app's credentials or could not be reached at start; says which."""


@dataclass(frozen=True)
class CallbackAddress:
    """Where the callback server listens (WeCom's callback URL points here)."""

    host: str = "127.0.0.1"
    port: int = 8082
    path: str = "/wecom/callback"


class WeComChannel:
    """One WeCom self-built app as a channel: the callback server, the runner, the sender."""

    name = channel = CHANNEL
    capabilities: Capabilities = WeComMessenger.capabilities

    def __init__(
        self, client: WeComClient, crypto: WeComCrypto, agent_id: int, address: CallbackAddress
    ) -> None:
        self.client, self.crypto, self.agent_id, self.address = client, crypto, agent_id, address
        self.messenger = WeComMessenger(client, agent_id)
        self.port: int | None = None
        self.answers: AnswerSender | None = None

    async def open(self, catalog: Catalog) -> None:
        """Check the app's credentials by fetching its access token."""
        try:
            await self.client.token()
        except WeComError as error:
            raise WeComUnusable(
                f"WeCom refused the app's credentials (errcode {error.errcode}); check "
                "ZHIBAO_WECOM_CORP_ID and ZHIBAO_WECOM_SECRET"
            ) from None
        except WeComUnreachable as error:
            raise WeComUnusable(f"the WeCom API could not be reached: {error}") from None

    async def fetch_file(self, file: Attachment) -> bytes:
        """A file a member sent the app, for a messenger of another channel."""
        return await self.client.download(file.file_ref.removeprefix(f"{CHANNEL}:"))

    def relay_files(self, fetch: FetchFile) -> None:
        """Have the messenger send other channels' files, fetched with `fetch`."""
        self.messenger.fetch_file = fetch

    async def close(self) -> None:
        """Release the API client's connections."""
        await self.client.close()

    async def run(
        self,
        dialogs: Dialogs,
        new_uow: UnitOfWorkFactory,
        clock: Callable[[], datetime],
        wake: Callable[[], object],
        stop: asyncio.Event,
    ) -> None:
        """Serve WeCom's callbacks and handle what they stored until `stop` is set."""
        runner = InboxRunner(self, dialogs, new_uow, clock, after_handling=wake)
        self.answers = AnswerSender(self.messenger, new_uow, clock)

        async def store(key: str, fields: Mapping[str, str]) -> bool:
            click = card_click(fields)
            if click is not None:
                # The click's code lets its card be updated once: kept before the answer.
                self.messenger.note_click(*click)
            external = fields.get("MsgId") or key
            payload = dict(fields)
            fresh = await runner.ingest([(external, key, payload)]) > 0
            if fresh:
                # Handled at once after the chat's earlier callbacks, not after the answer.
                runner.submit(key, payload)
            return fresh

        receiver = CallbackReceiver(self.crypto, store, self.address.path)
        # What a crash left unhandled goes first, before new callbacks are taken.
        await runner.drain()
        await runner.deliver()
        self.port = await receiver.start(self.address.host, self.address.port)
        log.info("WeCom callbacks on %s:%s%s", self.address.host, self.port, self.address.path)
        cut_off = False
        waiting = asyncio.create_task(stop.wait())
        failing = asyncio.create_task(runner.failed())
        try:
            await asyncio.wait({waiting, failing}, return_when=asyncio.FIRST_COMPLETED)
            if failing.done():
                failing.result()  # a failure beyond the turn's apology ends the run
        except asyncio.CancelledError:
            cut_off = True  # as a crash would: what is under way is left for the restart
            raise
        finally:
            await receiver.stop()
            for task in (waiting, failing):
                task.cancel()
            await runner.finish(0.0 if cut_off else FINISH_SECONDS)

    def lane_of(self, payload: Payload) -> object:
        """The member a callback came from: their updates are handled in order."""
        return chat_of(_fields(payload))

    def to_incoming(self, payload: Payload, now: datetime) -> Incoming | None:
        """The neutral event of a stored callback."""
        return to_incoming(_fields(payload), now)

    async def answer(self, key: str, payload: Payload, answer: Answer) -> list[str | None]:
        """Send a turn's answer; WeCom has no toasts, so a refusal's words come as a text."""
        assert self.answers is not None, "answers are sent only while the channel runs"
        chat = chat_of(_fields(payload))
        if answer.toast and chat and (answer.alert or not answer.replies):
            answer = replace(answer, replies=(*answer.replies, Reply(chat, answer.toast)))
        return await self.answers.send(key, answer)


def _fields(payload: Payload) -> Mapping[str, str]:
    return {str(k): str(v) for k, v in payload.items() if isinstance(v, (str, int))}

"""The one outgoing messenger for WeCom: dialogs' answers and the outbox's notices alike.

A zhibao chat id is a member's userid (a private chat with the app) or "appchat:<chatid>"
(an app group chat, which takes text only). The reference `send` returns is
"<chat id>:<ref>": a card's task_id, else the message's msgid. WeCom edits nothing but cards,
and a card only with a response_code (valid 72 hours, usable once) from its send or from a
click on it; without one an edit is sent as a new message, or refused when it is edit-only.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from bot.dialogs.capabilities import Capabilities
from bot.dialogs.events import Reply
from bot.dialogs.notices import DeliveryError
from bot.domain.model import Attachment
from handlers.files import FetchFile
from handlers.wecom.api import BUSY_ERRORS, TOKEN_ERRORS, WeComClient, WeComError, WeComUnreachable
from handlers.wecom.inbound import CHANNEL
from handlers.wecom.limiter import MemberLimiter
from handlers.wecom.render import (
    APPCHAT_PREFIX,
    BUTTONS_PER_CARD,
    TEXT_BYTES,
    Outgoing,
    is_appchat,
    render,
    replace_name,
    text_messages,
)

LOGGER = logging.getLogger(__name__)

SEND = "/cgi-bin/message/send"
UPDATE = "/cgi-bin/message/update_template_card"
GROUP_SEND = "/cgi-bin/appchat/send"
MEDIA_PREFIX = "wecom:"
IMAGE_BYTES = 10 * 1024 * 1024
FILE_BYTES = 20 * 1024 * 1024
# Media WeCom refuses as an image (format, size) go again as a plain file.
NOT_AN_IMAGE = frozenset({40004, 40006, 40009})
# A response_code is valid 72 hours; one about to run out is not relied on.
CODE_SECONDS = 72 * 3600 - 600
KEPT_CODES = 100_000
# How long to wait before another try after WeCom's frequency or busy answers.
BUSY_WAIT = {45009: 60.0, 45033: 5.0, -1: 5.0}
PAPERCLIP = "📎"


# What the dialogs may rely on: 2,048-byte texts, 6 buttons a card, no buttons in groups, no
# contact button, files of 20 MB (images over 10 MB go as files); cards are updated through
# their response codes or sent anew rather than edited.
WECOM = Capabilities(
    text_limit=TEXT_BYTES,
    buttons_per_message=BUTTONS_PER_CARD,
    can_edit=False,
    contact_sharing=False,
    file_bytes=FILE_BYTES,
    group_buttons=False,
    text_bytes=True,
    photo_bytes=IMAGE_BYTES,
)


class CardCodes:
    """Usable response codes of the cards sent, by (task_id, userid), with when they came."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._codes: dict[tuple[str, str], tuple[str, float]] = {}

    def keep(self, task_id: str, user_id: str, code: str) -> None:
        """Remember the newest code for one member's copy of a card."""
        self._codes[(task_id, user_id.lower())] = (code, self.clock())
        if len(self._codes) > KEPT_CODES:
            oldest = self.clock() - CODE_SECONDS
            for key in [k for k, (_, since) in self._codes.items() if since <= oldest]:
                del self._codes[key]

    def take(self, task_id: str, user_id: str) -> str | None:
        """The code, if one is still usable; it is forgotten (WeCom takes each once)."""
        found = self._codes.pop((task_id, user_id.lower()), None)
        if found is None or found[1] <= self.clock() - CODE_SECONDS:
            return None
        return found[0]


class WeComMessenger:
    """Sends neutral replies as one app's WeCom messages within WeCom's per-member limits."""

    channel = CHANNEL
    capabilities = WECOM
    TEXT_BYTES = TEXT_BYTES
    BUTTONS_PER_CARD = BUTTONS_PER_CARD
    FILE_BYTES = FILE_BYTES
    IMAGE_BYTES = IMAGE_BYTES

    def __init__(
        self,
        client: WeComClient,
        agent_id: int,
        limiter: MemberLimiter | None = None,
        *,
        fetch_file: FetchFile | None = None,
        codes: CardCodes | None = None,
    ) -> None:
        self.client = client
        self.agent_id = agent_id
        self.limiter = limiter or MemberLimiter()
        self.fetch_file = fetch_file
        self.codes = codes or CardCodes()

    async def send(self, reply: Reply) -> str:
        """Send a notice when the limits allow; failures come as DeliveryError."""
        return await self._deliver(reply, wait=True)

    async def answer(self, reply: Reply) -> str:
        """Send a dialog's answer at once (it answers a person's own action); it still counts
        against the limits the notices keep. An answer over the member's limit is not sent
        (WeCom would drop it silently) but refused with the seconds until it fits, so it
        waits in the outbox. Failures come as DeliveryError."""
        return await self._deliver(reply, wait=False)

    def note_click(self, task_id: str, user_id: str, response_code: str) -> None:
        """A member clicked a card: its fresh response_code lets the card be updated once."""
        self.codes.keep(task_id, user_id, response_code)

    async def _deliver(self, reply: Reply, wait: bool) -> str:
        try:
            ref = await self._attempt(reply, wait)
        except WeComError as error:
            raise delivery_error(error) from error
        except WeComUnreachable as error:  # network, time-outs, 5xx: worth another try
            raise DeliveryError(str(error)) from error
        except ValueError as error:  # a reply WeCom cannot take (a key over 1,024 bytes...)
            raise DeliveryError(str(error), permanent=True) from error
        return f"{reply.chat_id}:{ref}"

    async def _attempt(self, reply: Reply, wait: bool) -> str:
        group = is_appchat(reply.chat_id)
        if reply.edit_message_id is not None and not group:
            edited = await self._edit(reply, reply.edit_message_id, wait)
            if edited is not None:
                return edited
        if reply.edit_only:
            raise DeliveryError(
                f"WeCom cannot edit {reply.edit_message_id} in {reply.chat_id} any more",
                permanent=True,
            )
        messages: list[Outgoing] = []
        if reply.file is not None:
            messages += await self._file_messages(reply, reply.file)
            reply = replace(reply, file=None)
        messages += render(reply, new_task_id())
        if not messages:
            raise DeliveryError("the reply has nothing WeCom can show", permanent=True)
        if not wait and (room := self.limiter.room([reply.chat_id], len(messages))) > 0:
            # Beyond the limit WeCom would drop it without a word: it waits in the outbox.
            raise DeliveryError("WeCom's per-member limit is reached", retry_after=room)
        refs = [await self._post(reply.chat_id, message, wait) for message in messages]
        # A reply's first card stands for it (an edit updates that card), else its last part.
        cards = [ref for ref, message in zip(refs, messages, strict=True) if message.task_id]
        return cards[0] if cards else refs[-1]

    async def _edit(self, reply: Reply, task_id: str, wait: bool) -> str | None:
        """Update a card in place, or None when no usable code is left for it."""
        user = reply.chat_id
        code = self.codes.take(task_id, user)
        if code is None:
            return None
        more: list[Outgoing] = []
        if reply.buttons:
            first, *more = render(reply, task_id, edit=True, further=new_task_id())
            change: dict[str, Any] = {"template_card": first.fields["template_card"]}
        else:
            change = {"button": {"replace_name": replace_name(reply.text)}}
        payload = {"userids": [user], "agentid": self.agent_id, "response_code": code, **change}
        try:
            answer = await self.client.call(UPDATE, payload)
        except WeComUnreachable:
            self.codes.keep(task_id, user, code)  # perhaps unused: the retry may try it again
            raise
        except WeComError as error:
            if error.errcode in BUSY_ERRORS | TOKEN_ERRORS:
                self.codes.keep(task_id, user, code)  # not used: WeCom never took the call
                raise
            LOGGER.info("card %s not updated (errcode %s)", task_id, error.errcode)
            return None
        if user.lower() in invalid_users(answer):
            return None
        if not reply.buttons and replace_name(reply.text) != reply.text.strip():
            # The grey label holds a few words: the whole answer follows as a message.
            more = text_messages(reply.text)
        for message in more:
            await self._post(user, message, wait)
        return task_id

    async def _post(self, chat_id: str, message: Outgoing, wait: bool) -> str:
        """Send one message to a member or an app group chat; its reference."""
        if is_appchat(chat_id):
            key = chat_id
            path = GROUP_SEND
            target: dict[str, Any] = {"chatid": chat_id[len(APPCHAT_PREFIX) :]}
        else:
            key, path, target = chat_id, SEND, {"touser": chat_id, "agentid": self.agent_id}
        await self._pace([key], wait)
        body = {**target, "msgtype": message.msgtype, **message.fields}
        answer = await self.client.call(path, body)
        if chat_id.lower() in invalid_users(answer):
            raise DeliveryError(f"{chat_id} is not a member this app may reach", permanent=True)
        if message.task_id is not None:
            code = answer.get("response_code")
            if code:
                self.codes.keep(message.task_id, chat_id, str(code))
            return message.task_id
        return str(answer.get("msgid") or f"x{secrets.token_hex(8)}")

    async def _pace(self, keys: list[str], wait: bool) -> None:
        if wait:
            await self.limiter.acquire(keys)
        else:
            self.limiter.note(keys)

    async def _file_messages(self, reply: Reply, file: Attachment) -> list[Outgoing]:
        """The file as an image or file message; its name in words when it cannot go."""
        kind = "image" if file.kind == "photo" else "file"
        if file.file_ref.startswith(MEDIA_PREFIX):
            return [Outgoing(kind, {kind: {"media_id": file.file_ref[len(MEDIA_PREFIX) :]}})]
        name = file.name or ("photo.jpg" if kind == "image" else "file")
        media = None
        if self.fetch_file is not None and (file.size is None or file.size <= FILE_BYTES):
            data = await self.fetch_file(file)
            media = await self._upload(kind, name, data)
        if media is None:
            return text_messages(f"{PAPERCLIP} {name}")
        return [Outgoing(media[0], {media[0]: {"media_id": media[1]}})]

    async def _upload(self, kind: str, name: str, data: bytes) -> tuple[str, str] | None:
        """Upload as an image when WeCom takes it as one, else as a file: (kind, media_id)."""
        if kind == "image" and len(data) <= IMAGE_BYTES and looks_like_image(data):
            try:
                return "image", await self.client.upload("image", name, data)
            except WeComError as error:
                if error.errcode not in NOT_AN_IMAGE:
                    raise
        if len(data) > FILE_BYTES:
            return None
        return "file", await self.client.upload("file", name, data)


def delivery_error(error: WeComError) -> DeliveryError:
    """How a WeCom error affects the notice: wait and retry, or give up at once."""
    if error.errcode in BUSY_ERRORS:
        return DeliveryError(str(error), retry_after=BUSY_WAIT.get(error.errcode, 5.0))
    if error.errcode in TOKEN_ERRORS:
        return DeliveryError(str(error))
    # Unknown or invisible members (81013), an untrusted server IP (60020), a missing right,
    # an expired media_id, a rule of WeCom's broken: none of it heals by retrying.
    return DeliveryError(str(error), permanent=True)


def invalid_users(answer: dict[str, Any]) -> set[str]:
    """The lower-cased userids an answer's invaliduser names ("a|b", or a list)."""
    named: Any = answer.get("invaliduser") or ""
    found: Iterable[Any] = named.split("|") if isinstance(named, str) else named
    return {str(user).lower() for user in found if user}


def new_task_id() -> str:
    """A task_id unique per app (letters and digits, well within WeCom's 128 bytes)."""
    return f"zb{int(time.time()):x}{secrets.token_hex(6)}"


def looks_like_image(data: bytes) -> bool:
    """Whether the bytes are a JPEG or PNG, the image formats WeCom takes."""
    return data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")

"""The in-process emulator: WeCom's API for one app, plus control methods to act as members.

Members' messages and card clicks become callbacks in WeCom's XML (接收消息与事件), pushed
encrypted to the bot's callback URL (see pusher.py). A click needs the member's copy of the
card to show the key; it gets a fresh ResponseCode, as WeCom gives each click one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .api import Answer, Call, call_api
from .defaults import DEFAULT_AGENT_ID, DEFAULT_CORP_ID, DEFAULT_SECRET
from .errors import ControlError
from .faults import Fault, make_fault
from .pusher import CallbackConfig, Push
from .records import CardCopy, Received
from .stats import Stats
from .world import World

PUSH_SECONDS = 30.0


class WeComSandbox(World):
    """A WeCom stand-in for one corp and app: `call` the API, drive members with the rest."""

    def __init__(
        self,
        *,
        corp_id: str = DEFAULT_CORP_ID,
        secret: str = DEFAULT_SECRET,
        agent_id: int = DEFAULT_AGENT_ID,
        callback: CallbackConfig | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._settings: dict[str, Any] = {
            "corp_id": corp_id,
            "secret": secret,
            "agent_id": agent_id,
            "callback": callback,
            "clock": clock,
        }
        super().__init__(**self._settings)

    async def call(self, call: Call) -> Answer:
        """Call the API in-process, exactly as over HTTP (raises ApiError)."""
        return await call_api(self, call)

    # Acting as members ----------------------------------------------------------------------

    def send_text(self, userid: str, text: str) -> Push:
        """A member writes to the app: a text message callback."""
        if not text:
            raise ControlError("a text message needs text")
        return self._push_message(userid, "text", {"Content": text})

    def send_image(self, userid: str, data: bytes, name: str = "image.jpg") -> Push:
        """A member sends a picture: an image callback with its MediaId and PicUrl."""
        medium = self.store_medium("image", name, data, "image/jpeg")
        url = f"{self.base_url}/pic/{medium.media_id}"
        return self._push_message(userid, "image", {"PicUrl": url, "MediaId": medium.media_id})

    def send_file(self, userid: str, data: bytes, name: str) -> Push:
        """A member sends a file: a file callback with MediaId and FileName.

        WeCom documents no file message for self-built apps; this one has the shape
        integrations are seen to receive, so the bot's handling of files can be exercised.
        """
        medium = self.store_medium("file", name, data, "application/octet-stream")
        return self._push_message(userid, "file", {"MediaId": medium.media_id, "FileName": name})

    def click(self, userid: str, task_id: str, key: str) -> tuple[Push, str]:
        """A member presses a card's button: a template_card_event callback, and the click's
        fresh ResponseCode."""
        member = self.get_member(userid)
        copy = self.cards.get((task_id, member.userid.lower()))
        if copy is None:
            raise ControlError(f"{member.userid} has no card {task_id}")
        if key not in copy.button_keys():
            shown = copy.replaced_name or copy.button_keys()
            raise ControlError(f"card {task_id} shows no button {key!r} (it shows {shown!r})")
        copy.clicks.append(key)
        code = self.issue_code(task_id, "click")
        fields = {
            **self._head(member.userid),
            "MsgType": "event",
            "Event": "template_card_event",
            "EventKey": key,
            "TaskId": task_id,
            "CardType": str(copy.card.get("card_type", "button_interaction")),
            "ResponseCode": code,
            "AgentID": self.agent_id,
        }
        return self.pusher.enqueue(fields), code

    def follow(self, userid: str) -> Push:
        """A member starts following the app: a subscribe event callback."""
        member = self.get_member(userid)
        fields = {**self._head(member.userid), "MsgType": "event", "Event": "subscribe"}
        return self.pusher.enqueue(fields | {"AgentID": self.agent_id})

    async def wait_push(self, push: Push, seconds: float = PUSH_SECONDS) -> Push:
        """Wait until a callback was delivered or failed for good (TimeoutError after)."""
        return await self.pusher.wait(push, seconds)

    def _head(self, userid: str) -> dict[str, str | int]:
        return {
            "ToUserName": self.callback.corp_id,
            "FromUserName": userid,
            "CreateTime": int(self.clock()),
        }

    def _push_message(self, userid: str, msgtype: str, fields: dict[str, str]) -> Push:
        member = self.get_member(userid)
        message = {**self._head(member.userid), "MsgType": msgtype, **fields}
        message |= {"MsgId": self.next_member_msg_id(), "AgentID": self.agent_id}
        return self.pusher.enqueue(message)

    # Reading what happened -----------------------------------------------------------------

    def read_received(self, userid: str) -> list[Received]:
        """What the app sent a member and reached them, oldest first (cards as now)."""
        return list(self.get_member(userid).received)

    def read_chat(self, chatid: str) -> list[Received]:
        """What the app posted in one of its group chats, oldest first."""
        chat = self.appchats.get(chatid)
        if chat is None:
            raise ControlError(f"unknown group chat {chatid}")
        return list(chat.received)

    def read_card(self, task_id: str, userid: str) -> CardCopy:
        """A member's copy of a card as it shows now."""
        copy = self.cards.get((task_id, self.get_member(userid).userid.lower()))
        if copy is None:
            raise ControlError(f"{userid} has no card {task_id}")
        return copy

    def read_stats(self, reset: bool = False) -> dict[str, Any]:
        """The counters (see stats.py); with `reset` the counting starts afresh after."""
        counted = self.stats.to_control()
        if reset:
            self.stats = self.pusher.stats = Stats()
        return counted

    # Faults and settings -------------------------------------------------------------------

    def inject_fault(
        self,
        errcode: int = 0,
        count: int = 1,
        *,
        path: str | None = None,
        status: int | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """Answer the next `count` matching calls with `errcode` (or HTTP `status`), after
        `delay`; without `path` the message-sending calls match (see faults.py)."""
        fault = make_fault(errcode, count, path, status, delay)
        self.faults.add(fault)
        return fault

    def configure_callback(self, **settings: Any) -> CallbackConfig:
        """Change where callbacks go and how (url, token, encoding_aes_key, corp_id,
        agent_id, timeout, tries, retry_delay)."""
        for name, value in settings.items():
            if not hasattr(self.callback, name):
                raise ControlError(f"unknown callback setting {name}")
            setattr(self.callback, name, value)
        return self.callback

    async def reset(self) -> None:
        """Forget everything but the callback settings: back to a fresh corp and app."""
        base_url, callback = self.base_url, self.callback
        await self.close()
        super().__init__(**(self._settings | {"callback": callback}))
        self.base_url = base_url

    async def close(self) -> None:
        """Stop the pusher and late calls still waiting."""
        await self.faults.close()
        await self.pusher.close()

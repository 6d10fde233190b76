"""The WeCom emulator as the page sees it: its control API, a member's chat, media, the toggle.

| URL | What |
| --- | --- |
| `/wecom/control/<action>` | the emulator's control API, unchanged (sandbox/wecom/control.py) |
| `/wecom/chat?userid=` or `?chatid=` | a member's chat with the app, or an app group chat |
| `/wecom/media/<media_id>` | a picture or file in a chat |
| `/api/channel` | POST {"key", "channel"}: put a persona on Telegram or WeCom |

A member's chat is what the app sent them (cards as they show now) and what they sent the
app (the emulator's callbacks), oldest first; each entry is {"id", "at", "from": "bot" | "me",
"msgtype", ...}: a text's "text", a markdown's "markdown", a picture's or file's "media_id" and
"name", a card's "template_card", "replaced_name", "updates" and "task_id".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from aiohttp import web

from sandbox.wecom import Received, WeComSandbox
from sandbox.wecom.control import SANDBOX_KEY as WECOM_KEY
from sandbox.wecom.control import handle_control
from sandbox.wecom.errors import ControlError

from .api import HOOKS_KEY, answer, refuse
from .hooks import ChannelSwitch

# What a member sends the app, as the page shows it: the callback field carrying its words.
SENT_FIELDS = {"text": "Content", "image": "MediaId", "file": "FileName"}


def received_entry(wecom: WeComSandbox, message: Received) -> dict[str, Any]:
    """A message the app sent, as the page's chat shows it."""
    entry: dict[str, Any] = {"id": message.msgid, "at": message.at, "from": "bot"}
    entry["msgtype"] = message.msgtype
    if message.card is not None:
        copy = message.card
        entry |= {"task_id": copy.task_id, "template_card": copy.card}
        return entry | {"replaced_name": copy.replaced_name, "updates": copy.updates}
    content = message.content
    if message.msgtype in ("text", "markdown"):
        return entry | {message.msgtype: str(content.get("content", ""))}
    medium = wecom.media.get(str(content.get("media_id")))
    return entry | {"media_id": content.get("media_id"), "name": medium.name if medium else None}


def sent_entries(wecom: WeComSandbox, userid: str) -> list[dict[str, Any]]:
    """What the member sent the app (texts, pictures, files), from the emulator's callbacks."""
    entries = []
    for push in wecom.pusher.pushes:
        fields = push.fields
        kind = str(fields.get("MsgType", ""))
        if (
            str(fields.get("FromUserName", "")).lower() != userid.lower()
            or kind not in SENT_FIELDS
        ):
            continue
        entry: dict[str, Any] = {"id": f"push-{push.number}", "from": "me", "msgtype": kind}
        entry["at"] = float(fields.get("CreateTime", 0))
        if kind == "text":
            entry["text"] = str(fields.get("Content", ""))
        else:
            entry |= {"media_id": fields.get("MediaId"), "name": fields.get("FileName")}
        entries.append(entry | {"outcome": push.outcome})
    return entries


def chat_entries(wecom: WeComSandbox, userid: str | None, chatid: str | None) -> list[Any]:
    """A member's chat with the app, or a group chat's posts, oldest first."""
    if chatid is not None:
        return [received_entry(wecom, m) for m in wecom.read_chat(chatid)]
    if userid is None:
        raise ControlError("name a userid or a chatid")
    got = [received_entry(wecom, m) for m in wecom.read_received(userid)]
    # A member's own message sorts before the app's answer within the same second.
    return sorted([*sent_entries(wecom, userid), *got], key=lambda e: float(e["at"]))


async def get_chat(request: web.Request) -> web.Response:
    """GET /wecom/chat?userid= (or ?chatid=): the chat as the page draws it."""
    query = request.query
    try:
        entries = chat_entries(request.app[WECOM_KEY], query.get("userid"), query.get("chatid"))
    except ControlError as error:
        return refuse(400, str(error))
    return answer(entries)


async def get_medium(request: web.Request) -> web.Response:
    """GET /wecom/media/<media_id>: a picture (shown inline) or a file (downloaded)."""
    medium = request.app[WECOM_KEY].media.get(request.match_info["media_id"])
    if medium is None:
        return refuse(404, "no such medium")
    headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
    if medium.kind != "image":
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(medium.name)}"
        headers["Content-Security-Policy"] = "sandbox"
    kind = medium.content_type if medium.kind != "image" else "image/jpeg"
    return web.Response(body=medium.data, content_type=kind, headers=headers)


async def post_channel(request: web.Request) -> web.Response:
    """POST /api/channel {"key", "channel"}: put a persona on Telegram or WeCom."""
    hooks = request.app[HOOKS_KEY]
    if not isinstance(hooks, ChannelSwitch):
        return refuse(404, "the bot side cannot switch channels")
    try:
        body: Any = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or not {"key", "channel"} <= set(body):
        return refuse(400, 'send {"key": persona, "channel": "telegram" | "wecom"}')
    try:
        return answer(await hooks.switch(str(body["key"]), str(body["channel"])))
    except ValueError as error:
        return refuse(400, str(error))


def add_wecom_routes(app: web.Application, wecom: WeComSandbox | None) -> None:
    """Register the channel toggle, and the WeCom routes when the emulator runs."""
    app.router.add_post("/api/channel", post_channel)
    if wecom is None:
        return
    app[WECOM_KEY] = wecom
    app.router.add_route("*", "/wecom/control/{action}", handle_control)
    app.router.add_get("/wecom/chat", get_chat)
    app.router.add_get("/wecom/media/{media_id}", get_medium)

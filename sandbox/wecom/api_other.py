"""gettoken, the app's group chats (appchat) and temporary media.

appchat (应用发送消息到群聊会话): create takes 2 to 2,000 members and an optional chatid of
at most 32 letters and digits; send takes text, markdown, image and file, never a template
card; each member receives at most 200 of the app's group messages a minute and 10,000 a
day, and more are dropped silently. media/upload (上传临时素材) takes multipart field "media":
images (JPG or PNG) up to 10 MB, voice 2 MB, video 10 MB, files 20 MB, all over 5 bytes; a
media_id is valid 3 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .content import GROUP_TYPES, message_content
from .defaults import (
    APPCHAT_MEMBERS,
    APPCHAT_NAME_CHARS,
    FILE_BYTES,
    IMAGE_BYTES,
    MEDIA_MIN_BYTES,
    VIDEO_BYTES,
    VOICE_BYTES,
)
from .errors import ApiError
from .records import AppChat, Medium, Received, random_id
from .world import World

Body = dict[str, Any]
CHATID = re.compile(r"[0-9A-Za-z]{1,32}")
MEDIA_LIMITS = {
    "image": (IMAGE_BYTES, 40009),
    "voice": (VOICE_BYTES, 40006),
    "video": (VIDEO_BYTES, 40011),
    "file": (FILE_BYTES, 40006),
}


@dataclass(frozen=True)
class Upload:
    """The multipart "media" part of an upload."""

    filename: str
    data: bytes
    content_type: str


async def get_token(world: World, query: dict[str, str]) -> Body:
    """gettoken: the app's access token for corpid and corpsecret."""
    corp_id, secret = query.get("corpid"), query.get("corpsecret")
    if not corp_id:
        raise ApiError(41002)
    if not secret:
        raise ApiError(41004)
    if corp_id != world.corp_id:
        raise ApiError(40013)
    if secret != world.secret:
        raise ApiError(40001)
    token, seconds = world.new_token()
    return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": seconds}


async def create_chat(world: World, query: dict[str, str], body: Body) -> Body:
    """appchat/create."""
    world.authenticate(query)
    userlist = body.get("userlist")
    low, high = APPCHAT_MEMBERS
    named = (
        list(dict.fromkeys(str(u).lower() for u in userlist)) if isinstance(userlist, list) else []
    )
    if not isinstance(userlist, list) or not low <= len(named) <= high:
        raise ApiError(86006, f"userlist takes {low} to {high} members")
    members = [world.members.get(userid) for userid in named]
    if any(m is None for m in members):
        raise ApiError(86007)
    userids = [m.userid for m in members if m is not None]
    owner = body.get("owner") or userids[0]
    if str(owner).lower() not in {u.lower() for u in userids}:
        raise ApiError(86005)
    chatid = body.get("chatid") or random_id("wr", 30)
    if not isinstance(chatid, str) or not CHATID.fullmatch(chatid):
        raise ApiError(86001)
    if chatid in world.appchats:
        raise ApiError(86215)
    name = str(body.get("name") or "")[:APPCHAT_NAME_CHARS]
    world.appchats[chatid] = AppChat(chatid, name, world.get_member(str(owner)).userid, userids)
    return {"errcode": 0, "errmsg": "ok", "chatid": chatid}


def find_chat(world: World, chatid: Any) -> AppChat:
    """A group chat of the app; 86003 if there is none."""
    chat = world.appchats.get(chatid) if isinstance(chatid, str) else None
    if chat is None:
        raise ApiError(86003)
    return chat


async def get_chat(world: World, query: dict[str, str]) -> Body:
    """appchat/get?chatid=."""
    world.authenticate(query)
    chat = find_chat(world, query.get("chatid"))
    return {"errcode": 0, "errmsg": "ok", "chat_info": chat.to_info()}


async def send_to_chat(world: World, query: dict[str, str], body: Body) -> Body:
    """appchat/send: no template cards in group chats."""
    world.authenticate(query)
    chat = find_chat(world, body.get("chatid"))
    msgtype = body.get("msgtype")
    if msgtype not in GROUP_TYPES:
        raise ApiError(40008, f"a group chat takes {sorted(GROUP_TYPES)}")
    content = message_content(world, msgtype, body)
    world.stats.messages += 1
    world.deliver_to_group(chat, Received(world.next_msgid(), msgtype, world.clock(), content))
    return {"errcode": 0, "errmsg": "ok"}


async def upload_media(world: World, query: dict[str, str], upload: Upload | None) -> Body:
    """media/upload?type=: a temporary medium's media_id."""
    world.authenticate(query)
    kind = query.get("type", "")
    if kind not in MEDIA_LIMITS:
        raise ApiError(40005)
    if upload is None or not upload.data:
        raise ApiError(44001)
    limit, errcode = MEDIA_LIMITS[kind]
    if len(upload.data) < MEDIA_MIN_BYTES:
        raise ApiError(40006, "a medium must be more than 5 bytes")
    if len(upload.data) > limit:
        raise ApiError(errcode)
    if kind == "image" and not _is_jpeg_or_png(upload.data):
        raise ApiError(40004, "an image must be JPG or PNG")
    medium = world.store_medium(kind, upload.filename, upload.data, upload.content_type)
    return {
        "errcode": 0,
        "errmsg": "",
        "type": kind,
        "media_id": medium.media_id,
        "created_at": str(int(medium.created_at)),
    }


async def get_media(world: World, query: dict[str, str]) -> Medium:
    """media/get?media_id=: the medium, served as its bytes."""
    world.authenticate(query)
    media_id = query.get("media_id")
    if not media_id:
        raise ApiError(41006)
    return world.find_medium(media_id)


def _is_jpeg_or_png(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")

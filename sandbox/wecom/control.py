"""The control API over HTTP (JSON under /control/): act as members, read, fault, count.

Answers are {"ok": true, "result": ...} or, for a request that makes no sense,
{"ok": false, "error": "..."} with status 400. File contents travel base64-encoded.

- members {userid, name?}: add a member; an empty body lists them.
- messages {userid, text}, images {userid, data_base64, file_name?},
  files {userid, data_base64, file_name}, follows {userid}: a member acts; the callback's
  push (add "wait": seconds to wait for its delivery).
- clicks {userid, task_id, key}: a member presses a card's button; the push and the click's
  response_code.
- received {userid} or {chatid}: what reached the member or the group chat, oldest first,
  cards as they show now; cards {userid, task_id}: one member's copy of a card.
- pushes {push?, wait?}: the callbacks and how their delivery went (one, waited for).
- callback {url, token, encoding_aes_key, corp_id, agent_id, timeout, tries, retry_delay};
  verify {}: check the callback URL as WeCom does when it is saved (GET with echostr).
- faults {errcode|status|delay, count?, path?} adds one, {"clear": true} drops all; both, and
  an empty body, list those pending. tokens {"expire": true}: every token runs out now.
- stats {reset?}; reset {}: forget everything.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.control_api import run_control

from .errors import ControlError
from .pusher import Push
from .sandbox import WeComSandbox

SANDBOX_KEY: web.AppKey[WeComSandbox] = web.AppKey("wecom_sandbox", WeComSandbox)
Body = dict[str, Any]
Action = Callable[[WeComSandbox, Body], Awaitable[Any]]
FAULT_FIELDS = ("errcode", "count", "path", "status", "delay")
CALLBACK_FIELDS = (
    "url",
    "token",
    "encoding_aes_key",
    "corp_id",
    "agent_id",
    "timeout",
    "tries",
    "retry_delay",
)


def _decode_bytes(body: Body) -> bytes:
    try:
        return base64.b64decode(body["data_base64"], validate=True)
    except (binascii.Error, TypeError) as exc:
        raise ControlError("data_base64 must be base64") from exc


async def _pushed(sandbox: WeComSandbox, push: Push, body: Body) -> Any:
    if "wait" in body:
        try:
            await sandbox.wait_push(push, float(body["wait"]))
        except TimeoutError as exc:
            raise ControlError(f"push {push.number} still pending after {body['wait']} s") from exc
    return push.to_control()


async def _members(sandbox: WeComSandbox, body: Body) -> Any:
    if body:
        return sandbox.add_member(str(body["userid"]), body.get("name")).to_control()
    return [member.to_control() for member in sandbox.members.values()]


async def _message(sandbox: WeComSandbox, body: Body) -> Any:
    return await _pushed(sandbox, sandbox.send_text(body["userid"], body["text"]), body)


async def _image(sandbox: WeComSandbox, body: Body) -> Any:
    name = body.get("file_name", "image.jpg")
    push = sandbox.send_image(body["userid"], _decode_bytes(body), name)
    return await _pushed(sandbox, push, body)


async def _file(sandbox: WeComSandbox, body: Body) -> Any:
    push = sandbox.send_file(body["userid"], _decode_bytes(body), body["file_name"])
    return await _pushed(sandbox, push, body)


async def _follow(sandbox: WeComSandbox, body: Body) -> Any:
    return await _pushed(sandbox, sandbox.follow(body["userid"]), body)


async def _click(sandbox: WeComSandbox, body: Body) -> Any:
    push, code = sandbox.click(body["userid"], body["task_id"], body["key"])
    return {**await _pushed(sandbox, push, body), "response_code": code}


async def _received(sandbox: WeComSandbox, body: Body) -> Any:
    if "chatid" in body:
        found = sandbox.read_chat(str(body["chatid"]))
    else:
        found = sandbox.read_received(str(body["userid"]))
    return [message.to_control() for message in found]


async def _card(sandbox: WeComSandbox, body: Body) -> Any:
    return sandbox.read_card(str(body["task_id"]), str(body["userid"])).to_control()


async def _pushes(sandbox: WeComSandbox, body: Body) -> Any:
    if "push" not in body:
        return [push.to_control() for push in sandbox.pusher.pushes]
    push = sandbox.pusher.find(int(body["push"]))
    if push is None:
        raise ControlError(f"unknown push {body['push']}")
    return await _pushed(sandbox, push, body)


async def _callback(sandbox: WeComSandbox, body: Body) -> Any:
    unknown = sorted(set(body) - set(CALLBACK_FIELDS))
    if unknown:
        raise ControlError(f"unknown callback settings {unknown}; known: {list(CALLBACK_FIELDS)}")
    return sandbox.configure_callback(**body).to_control()


async def _verify(sandbox: WeComSandbox, body: Body) -> Any:
    return await sandbox.pusher.verify()


async def _faults(sandbox: WeComSandbox, body: Body) -> Any:
    if "clear" in body:
        if body != {"clear": True}:
            raise ControlError('clear goes alone, as {"clear": true}')
        sandbox.faults.clear()
    elif body:
        unknown = sorted(set(body) - set(FAULT_FIELDS))
        if unknown:
            raise ControlError(f"unknown fault fields {unknown}; known: {list(FAULT_FIELDS)}")
        sandbox.inject_fault(**body)
    return [fault.to_control() for fault in sandbox.faults.entries]


async def _tokens(sandbox: WeComSandbox, body: Body) -> Any:
    if body != {"expire": True}:
        raise ControlError('tokens takes {"expire": true}')
    return {"expired": sandbox.expire_tokens()}


async def _stats(sandbox: WeComSandbox, body: Body) -> Any:
    if set(body) - {"reset"}:
        raise ControlError('stats takes only {"reset": true}')
    return sandbox.read_stats(body.get("reset") in (True, "true", "1"))


async def _reset(sandbox: WeComSandbox, body: Body) -> Any:
    await sandbox.reset()
    return True


ACTIONS: dict[str, Action] = {
    "members": _members,
    "messages": _message,
    "images": _image,
    "files": _file,
    "follows": _follow,
    "clicks": _click,
    "received": _received,
    "cards": _card,
    "pushes": _pushes,
    "callback": _callback,
    "verify": _verify,
    "faults": _faults,
    "tokens": _tokens,
    "stats": _stats,
    "reset": _reset,
}


async def handle_control(request: web.Request) -> web.Response:
    """POST /control/<action> with a JSON body (GET takes the query string instead)."""
    return await run_control(request, ACTIONS, request.app[SANDBOX_KEY], ControlError)

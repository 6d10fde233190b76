"""The control API over HTTP (JSON under /control/): the Sandbox's control methods, remotely.

Answers are {"ok": true, "result": ...} or, for a request that makes no sense,
{"ok": false, "error": "..."} with status 400. File contents travel base64-encoded.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.control_api import run_control

from .errors import ControlError
from .flood import FloodLimits, Window
from .sandbox import Sandbox

SANDBOX_KEY: web.AppKey[Sandbox] = web.AppKey("sandbox", Sandbox)
Body = dict[str, Any]
Action = Callable[[Sandbox, Body], Awaitable[Any]]
FAULT_FIELDS = ("status", "count", "method", "chat_id", "retry_after", "delay", "description")


def _decode_bytes(body: Body) -> bytes:
    try:
        return base64.b64decode(body["data_base64"], validate=True)
    except (binascii.Error, TypeError) as exc:
        raise ControlError("data_base64 must be base64") from exc


def _parse_limits(body: Body) -> FloodLimits | None:
    raw = body.get("limits")
    if raw is None:
        return None
    windows = {name: Window(int(v[0]), float(v[1])) for name, v in raw.items()}
    return FloodLimits(**windows)


def _list_messages(sandbox: Sandbox, body: Body, outgoing_only: bool) -> list[dict[str, Any]]:
    token = body.get("token")
    chat_id = int(body["chat_id"])
    found = (
        sandbox.list_sent_messages(chat_id, token)
        if outgoing_only
        else sandbox.read_history(chat_id, token)
    )
    return [m.to_control() for m in found]


async def _create_user(sandbox: Sandbox, body: Body) -> Any:
    user = sandbox.create_user(
        body.get("user_id"),
        body.get("first_name", "Test"),
        body.get("last_name"),
        body.get("username"),
        body.get("language_code"),
        started=body.get("started", True),
    )
    return user.to_api()


async def _create_group(sandbox: Sandbox, body: Body) -> Any:
    group = sandbox.create_group(body["title"], body.get("members", []), body.get("group_id"))
    return {**group.to_api(), "members": sorted(group.members)}


async def _add_members(sandbox: Sandbox, body: Body) -> Any:
    sandbox.add_members(body["group_id"], body["user_ids"], body.get("by"))
    return True


async def _add_bot(sandbox: Sandbox, body: Body) -> Any:
    sandbox.add_bot_to_group(body["group_id"], body["by"], body.get("token"))
    return True


async def _send_text(sandbox: Sandbox, body: Body) -> Any:
    message = sandbox.send_text(
        body["user_id"], body["text"], body.get("chat_id"), body.get("token"), body.get("reply_to")
    )
    return message.to_control()


async def _share_contact(sandbox: Sandbox, body: Body) -> Any:
    return sandbox.share_contact(
        body["user_id"], body["phone_number"], body.get("token")
    ).to_control()


async def _send_photo(sandbox: Sandbox, body: Body) -> Any:
    message = sandbox.send_photo(
        body["user_id"],
        _decode_bytes(body),
        body.get("caption"),
        body.get("chat_id"),
        body.get("token"),
    )
    return message.to_control()


async def _send_document(sandbox: Sandbox, body: Body) -> Any:
    message = sandbox.send_document(
        body["user_id"],
        _decode_bytes(body),
        body["file_name"],
        body.get("mime_type"),
        body.get("caption"),
        body.get("chat_id"),
        body.get("token"),
    )
    return message.to_control()


async def _press_button(sandbox: Sandbox, body: Body) -> Any:
    query_id = sandbox.press_button(
        body["chat_id"],
        body["message_id"],
        data=body.get("data"),
        text=body.get("text"),
        user_id=body.get("user_id"),
        token=body.get("token"),
    )
    return {"callback_query_id": query_id}


async def _read_callback_answer(sandbox: Sandbox, body: Body) -> Any:
    return sandbox.get_callback_answer(body["callback_query_id"], body.get("token"))


async def _read_sent(sandbox: Sandbox, body: Body) -> Any:
    return _list_messages(sandbox, body, outgoing_only=True)


async def _read_history(sandbox: Sandbox, body: Body) -> Any:
    return _list_messages(sandbox, body, outgoing_only=False)


async def _wait_for_messages(sandbox: Sandbox, body: Body) -> Any:
    chat_id, count = int(body["chat_id"]), int(body["count"])
    seconds = float(body.get("timeout", 5.0))
    try:
        found = await sandbox.wait_for_messages(chat_id, count, seconds, body.get("token"))
    except TimeoutError as exc:
        raise ControlError(f"fewer than {count} messages after {seconds} s") from exc
    return [m.to_control() for m in found]


async def _switch_flood(sandbox: Sandbox, body: Body) -> Any:
    sandbox.set_flood_control(bool(body["enabled"]), _parse_limits(body))
    return True


async def _block_bot(sandbox: Sandbox, body: Body) -> Any:
    sandbox.block_bot(body["user_id"], body.get("token"))
    return True


async def _add_bot_token(sandbox: Sandbox, body: Body) -> Any:
    return sandbox.add_bot(body["token"], body.get("username")).user.to_api()


async def _read_updates(sandbox: Sandbox, body: Body) -> Any:
    return sandbox.list_pending_updates(body.get("token"))


async def _set_faults(sandbox: Sandbox, body: Body) -> Any:
    if "clear" in body:
        if body != {"clear": True}:
            raise ControlError('clear goes alone, as {"clear": true}')
        sandbox.clear_faults()
    elif body:
        unknown = sorted(set(body) - set(FAULT_FIELDS))
        if unknown:
            raise ControlError(f"unknown fault fields {unknown}; known: {list(FAULT_FIELDS)}")
        if "status" not in body:
            raise ControlError("a fault needs a status")
        sandbox.inject_fault(**body)
    return [fault.to_control() for fault in sandbox.list_faults()]


async def _read_stats(sandbox: Sandbox, body: Body) -> Any:
    if set(body) - {"reset"}:
        raise ControlError('stats takes only {"reset": true}')
    reset = body.get("reset", False)
    if reset not in (True, False, "true", "false", "1", "0"):
        raise ControlError("reset must be true or false")
    return sandbox.read_stats(reset in (True, "true", "1"))


async def _reset(sandbox: Sandbox, body: Body) -> Any:
    await sandbox.reset()
    return True


ACTIONS: dict[str, Action] = {
    "users": _create_user,
    "groups": _create_group,
    "members": _add_members,
    "group_bots": _add_bot,
    "messages": _send_text,
    "contacts": _share_contact,
    "photos": _send_photo,
    "documents": _send_document,
    "presses": _press_button,
    "callback_answer": _read_callback_answer,
    "sent": _read_sent,
    "history": _read_history,
    "wait": _wait_for_messages,
    "flood": _switch_flood,
    "blocks": _block_bot,
    "bots": _add_bot_token,
    "updates": _read_updates,
    "faults": _set_faults,
    "stats": _read_stats,
    "reset": _reset,
}


async def handle_control(request: web.Request) -> web.Response:
    """POST /control/<action> with a JSON body (GET takes the query string instead)."""
    return await run_control(request, ACTIONS, request.app[SANDBOX_KEY], ControlError)

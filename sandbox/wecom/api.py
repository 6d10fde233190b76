"""One API call, as WeCom answers it: counted, faulted if a fault waits, then carried out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .api_messages import send_message, update_card
from .api_other import (
    Upload,
    create_chat,
    get_chat,
    get_media,
    get_token,
    send_to_chat,
    upload_media,
)
from .errors import ApiError
from .records import Medium
from .world import World

Answer = dict[str, Any] | Medium


@dataclass
class Call:
    """One API call: its path under /cgi-bin/, query, JSON body and uploaded medium."""

    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)
    upload: Upload | None = None


async def _dispatch(world: World, call: Call) -> Answer:
    query, body = call.query, call.body
    if call.path == "gettoken":
        return await get_token(world, query)
    if call.path == "message/send":
        return await send_message(world, query, body)
    if call.path == "message/update_template_card":
        return await update_card(world, query, body)
    if call.path == "appchat/create":
        return await create_chat(world, query, body)
    if call.path == "appchat/get":
        return await get_chat(world, query)
    if call.path == "appchat/send":
        return await send_to_chat(world, query, body)
    if call.path == "media/upload":
        return await upload_media(world, query, call.upload)
    if call.path == "media/get":
        return await get_media(world, query)
    raise ApiError(48002, f"the emulator has no API {call.path}")


async def call_api(world: World, call: Call) -> Answer:
    """Carry out a call (raises ApiError, or HttpFault for an injected HTTP failure)."""
    world.stats.calls[call.path] += 1
    fault = world.faults.take(call.path)
    if fault is None:
        return await _dispatch(world, call)
    world.stats.faults_injected += 1

    async def faulted() -> Answer:
        fault.raise_error()
        return await _dispatch(world, call)

    if fault.delay:
        return await world.faults.run_late(fault.delay, faulted)
    return await faulted()

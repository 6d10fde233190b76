"""The Bot API entry point: token, method, validation, injected faults, then the handler."""

from __future__ import annotations

import asyncio
from typing import Any

from . import api_bot, api_media, api_messages, api_updates
from .bot_account import BotAccount
from .errors import NOT_FOUND, NOT_SUPPORTED, ApiError, bad_request
from .flood import SEND_METHODS
from .uploads import Upload
from .validation import validate_call
from .world import Handler, World

HANDLERS: dict[str, Handler] = {
    **api_bot.HANDLERS,
    **api_media.HANDLERS,
    **api_messages.HANDLERS,
    **api_updates.HANDLERS,
}


def supported_methods() -> list[str]:
    """The methods the sandbox carries out; every other known method is refused with 400."""
    return sorted(HANDLERS)


async def call_api(
    world: World,
    token: str,
    method: str,
    params: dict[str, Any],
    uploads: dict[str, Upload] | None = None,
) -> Any:
    """Carry out one Bot API call and return its result, or raise ApiError as Telegram would."""
    bot = world.authenticate(token)
    spec = world.schema.find_method(method)
    world.stats.count_call(spec.name if spec is not None else method)
    if spec is None:
        raise ApiError(404, NOT_FOUND)
    fields = validate_call(world.schema, spec, params, uploads or {}, world.strict)
    fault = world.faults.take(spec.name, fields.get("chat_id"))
    if fault is None:
        return await _carry_out(world, bot, spec.name, fields)
    world.stats.faults_injected += 1
    error = fault.to_error()
    if error is None:
        return await world.faults.run_late(
            fault.delay, lambda: _carry_out(world, bot, spec.name, fields)
        )
    await asyncio.sleep(fault.delay)
    raise error


async def _carry_out(world: World, bot: BotAccount, name: str, fields: dict[str, Any]) -> Any:
    handler = HANDLERS.get(name)
    if handler is None:
        raise bad_request(NOT_SUPPORTED)
    result = await handler(world, bot, fields)
    if name in SEND_METHODS:
        world.stats.count_message()
    return result

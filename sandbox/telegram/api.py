"""The Bot API entry point: token, method, validation, then the method's handler."""

from __future__ import annotations

from typing import Any

from . import api_bot, api_media, api_messages, api_updates
from .errors import NOT_FOUND, NOT_SUPPORTED, ApiError, bad_request
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
    if spec is None:
        raise ApiError(404, NOT_FOUND)
    fields = validate_call(world.schema, spec, params, uploads or {}, world.strict)
    handler = HANDLERS.get(spec.name)
    if handler is None:
        raise bad_request(NOT_SUPPORTED)
    return await handler(world, bot, fields)

"""Files attached to a request, and request bodies decoded in Telegram's three encodings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .errors import bad_request

JSON_BODY_INVALID = "Bad Request: can't parse JSON object"


@dataclass(frozen=True)
class Upload:
    """One file part of a multipart/form-data request."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class CallInput:
    """A request's parameters (strings from forms, native values from JSON) and its files."""

    params: dict[str, Any]
    uploads: dict[str, Upload]


async def read_call_input(request: web.Request) -> CallInput:
    """Merge the query string with a JSON, url-encoded or multipart body, as Telegram does."""
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if not request.can_read_body:
        return CallInput(params, uploads)
    content_type = request.content_type
    if content_type == "application/json":
        params.update(await _read_json(request))
    elif content_type == "multipart/form-data":
        await _read_multipart(request, params, uploads)
    else:
        # Telegram reads any other body as url-encoded form data, whatever the header says.
        params.update(await request.post())
    return CallInput(params, uploads)


async def _read_json(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise bad_request(JSON_BODY_INVALID) from exc
    if not isinstance(body, dict):
        raise bad_request(JSON_BODY_INVALID)
    return body


async def _read_multipart(
    request: web.Request, params: dict[str, Any], uploads: dict[str, Upload]
) -> None:
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        data = await part.read(decode=True)
        if part.filename is not None:
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            uploads[part.name] = Upload(part.filename, content_type, bytes(data))
        else:
            params[part.name] = bytes(data).decode("utf-8", errors="replace")

"""Checks a call's parameters against the schema and decodes them to native values.

Form posts carry every value as a string (objects JSON-encoded); JSON bodies carry native
values. Like Telegram, numbers and booleans are accepted in either spelling.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import REPLY_MARKUP_UNPARSABLE, TEXT_EMPTY, bad_request
from .schema import MethodSpec, Schema
from .uploads import Upload

ARRAY_PREFIX = "Array of "
PARSE_PREFIX = "Bad Request: can't parse"
BUTTON_PARSE_PREFIXES = (
    "Bad Request: can't parse inline keyboard button:",
    "Bad Request: can't parse keyboard button:",
)
INTEGER = re.compile(r"-?\d+")
MISSING_TEXTS = {
    "text": TEXT_EMPTY,
    "photo": "Bad Request: there is no photo in the request",
    "document": "Bad Request: there is no document in the request",
}
OBJECT_LABELS = {
    "InlineKeyboardButton": "inline keyboard button",
    "KeyboardButton": "keyboard button",
}


class Mismatch(Exception):
    """A value that does not fit the expected type; carries Telegram's error description."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def validate_call(
    schema: Schema,
    spec: MethodSpec,
    params: dict[str, Any],
    uploads: dict[str, Upload],
    strict: bool,
) -> dict[str, Any]:
    """Decode every parameter; raise ApiError for unknown, missing or mistyped ones."""
    decoded: dict[str, Any] = {}
    for name, value in params.items():
        field = spec.fields.get(name)
        if field is None:
            if strict:
                raise bad_request(f'Bad Request: unknown parameter "{name}" (sandbox strict mode)')
            continue
        if value is None or (value == "" and field.types != ("String",)):
            continue
        try:
            decoded[name] = decode(schema, field.types, value, uploads, strict)
        except Mismatch as exc:
            raise bad_request(_describe_top_level(name, field.types, exc)) from exc
    for name, upload in uploads.items():
        field = spec.fields.get(name)
        if field is not None and "InputFile" in field.types and name not in decoded:
            decoded[name] = upload
    for field in spec.fields.values():
        if field.required and decoded.get(field.name) in (None, ""):
            raise bad_request(MISSING_TEXTS.get(field.name, f"Bad Request: {field.name} is empty"))
    return decoded


def _describe_top_level(name: str, types: tuple[str, ...], exc: Mismatch) -> str:
    # Telegram names the markup as a whole unless the fault lies inside one button.
    if name == "reply_markup" and not exc.description.startswith(BUTTON_PARSE_PREFIXES):
        return REPLY_MARKUP_UNPARSABLE
    if exc.description.startswith(PARSE_PREFIX):
        return exc.description
    return f'Bad Request: field "{name}" must be of type {" or ".join(types)}'


def decode(
    schema: Schema, types: tuple[str, ...], value: Any, uploads: dict[str, Upload], strict: bool
) -> Any:
    """Decode `value` as the first of `types` it fits; raise Mismatch if it fits none."""
    failures: list[Mismatch] = []
    for type_name in types:
        try:
            return _decode_one(schema, type_name, value, uploads, strict)
        except Mismatch as exc:
            failures.append(exc)
    if isinstance(value, (dict, str)) and len(types) > 1:
        best = _pick_closest_object(schema, types, value)
        if best is not None:
            return _decode_one(schema, best, value, uploads, strict)
    raise failures[0]


def _pick_closest_object(schema: Schema, types: tuple[str, ...], value: Any) -> str | None:
    """The one object type whose required fields the value has, to report its precise error."""
    obj = _parse_json(value, types[0]) if isinstance(value, str) else value
    if not isinstance(obj, dict):
        return None
    matches = []
    for name in types:
        spec = schema.find_type(name)
        if (
            spec is not None
            and spec.fields
            and all(f.name in obj for f in spec.fields.values() if f.required)
        ):
            matches.append(name)
    return matches[0] if len(matches) == 1 else None


def _decode_one(
    schema: Schema, type_name: str, value: Any, uploads: dict[str, Upload], strict: bool
) -> Any:
    if type_name.startswith(ARRAY_PREFIX):
        items = _parse_json(value, type_name) if isinstance(value, str) else value
        if not isinstance(items, list):
            raise Mismatch(f"Bad Request: can't parse {type_name} JSON object")
        inner = (type_name.removeprefix(ARRAY_PREFIX),)
        return [decode(schema, inner, item, uploads, strict) for item in items]
    scalar = _SCALARS.get(type_name)
    if scalar is not None:
        return scalar(value, uploads)
    spec = schema.find_type(type_name)
    if spec is None:
        raise Mismatch(f"Bad Request: sandbox has no definition of type {type_name}")
    obj = _parse_json(value, type_name) if isinstance(value, str) else value
    if not isinstance(obj, dict):
        raise Mismatch(f"Bad Request: can't parse {_label_of(type_name)} JSON object")
    if spec.subtypes:
        return decode(schema, spec.subtypes, obj, uploads, strict)
    return _decode_fields(schema, type_name, obj, uploads, strict)


def _decode_fields(
    schema: Schema, type_name: str, obj: dict[str, Any], uploads: dict[str, Upload], strict: bool
) -> dict[str, Any]:
    spec = schema.types[type_name]
    label = _label_of(type_name)
    result: dict[str, Any] = {}
    for name, value in obj.items():
        field = spec.fields.get(name)
        if field is None:
            if strict:
                raise Mismatch(
                    f'Bad Request: can\'t parse {label}: unknown field "{name}"'
                    " (sandbox strict mode)"
                )
            continue
        try:
            result[name] = decode(schema, field.types, value, uploads, strict)
        except Mismatch as exc:
            if exc.description.startswith(PARSE_PREFIX):
                raise
            shown = " or ".join(field.types)
            raise Mismatch(
                f'Bad Request: can\'t parse {label}: Field "{name}" must be of type {shown}'
            ) from exc
    for field in spec.fields.values():
        if field.required and field.name not in obj:
            raise Mismatch(f"Bad Request: can't parse {label}: Can't find field \"{field.name}\"")
    return result


def _label_of(type_name: str) -> str:
    return OBJECT_LABELS.get(type_name, type_name)


def _parse_json(value: str, type_name: str) -> Any:
    try:
        return json.loads(value)
    except ValueError as exc:
        label = _label_of(type_name.removeprefix(ARRAY_PREFIX))
        raise Mismatch(f"Bad Request: can't parse {label} JSON object") from exc


def _to_integer(value: Any, uploads: dict[str, Upload]) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value.strip()):
        return int(value)
    raise Mismatch("Bad Request: value must be of type Integer")


def _to_float(value: Any, uploads: dict[str, Upload]) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise Mismatch("Bad Request: value must be of type Float")


def _to_string(value: Any, uploads: dict[str, Upload]) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise Mismatch("Bad Request: value must be of type String")


def _to_boolean(value: Any, uploads: dict[str, Upload]) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1) or value in ("0", "1"):
        return bool(int(value))
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise Mismatch("Bad Request: value must be of type Boolean")


def _to_input_file(value: Any, uploads: dict[str, Upload]) -> Upload:
    if isinstance(value, Upload):
        return value
    if isinstance(value, str) and value.startswith("attach://"):
        upload = uploads.get(value.removeprefix("attach://"))
        if upload is not None:
            return upload
    raise Mismatch("Bad Request: value must be of type InputFile")


_SCALARS: dict[str, Any] = {
    "Integer": _to_integer,
    "Float": _to_float,
    "String": _to_string,
    "Boolean": _to_boolean,
    "InputFile": _to_input_file,
}

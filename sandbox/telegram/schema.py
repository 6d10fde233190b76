"""The Bot API's methods and types (names, field types, required flags), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "bot_api_schema.json"


@dataclass(frozen=True)
class FieldSpec:
    """One parameter of a method or field of a type, e.g. chat_id: Integer or String."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class MethodSpec:
    """A Bot API method and its parameters, keyed by name."""

    name: str
    fields: dict[str, FieldSpec]


@dataclass(frozen=True)
class TypeSpec:
    """A Bot API object type: either fields of its own or a union of subtypes."""

    name: str
    fields: dict[str, FieldSpec]
    subtypes: tuple[str, ...]


def _build_fields(entries: list[dict[str, Any]]) -> dict[str, FieldSpec]:
    return {
        e["name"]: FieldSpec(e["name"], tuple(e["types"]), bool(e["required"])) for e in entries
    }


class Schema:
    """Look-ups into the derived schema; method names match case-insensitively as Telegram's."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw.get("version", "")
        self.methods: dict[str, MethodSpec] = {
            name: MethodSpec(name, _build_fields(m["fields"]))
            for name, m in raw["methods"].items()
        }
        self.types: dict[str, TypeSpec] = {
            name: TypeSpec(name, _build_fields(t.get("fields", [])), tuple(t.get("subtypes", [])))
            for name, t in raw["types"].items()
        }
        self._by_lower = {name.lower(): spec for name, spec in self.methods.items()}

    def find_method(self, name: str) -> MethodSpec | None:
        """The method called `name` in any letter case, or None when the API has none."""
        return self._by_lower.get(name.lower())

    def find_type(self, name: str) -> TypeSpec | None:
        """The object type called `name`, or None for scalars and unknown names."""
        return self.types.get(name)


@cache
def load_schema() -> Schema:
    """The schema shipped with the package (derived by derive_schema.py)."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return Schema(json.loads(text))

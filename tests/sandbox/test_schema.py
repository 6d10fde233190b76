"""The derived schema: facts only, in step with api.json, and looked up as Telegram does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandbox.telegram import derive_schema
from sandbox.telegram.api import supported_methods
from sandbox.telegram.schema import load_schema

SHIPPED = Path(derive_schema.__file__).with_name("bot_api_schema.json")


def test_shipped_schema_holds_only_names_types_and_required_flags() -> None:
    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert set(raw) == {"version", "methods", "types"}
    for method in raw["methods"].values():
        assert set(method) == {"fields"}
        for field in method["fields"]:
            assert set(field) == {"name", "types", "required"}
    for entry in raw["types"].values():
        assert set(entry) in ({"fields"}, {"subtypes"})
        for field in entry.get("fields", []):
            assert set(field) == {"name", "types", "required"}


def test_shipped_schema_is_what_the_script_derives() -> None:
    if not derive_schema.DEFAULT_SOURCE.exists():
        pytest.skip("shared/telegram-bot-api/api.json is not beside the project")
    source = json.loads(derive_schema.DEFAULT_SOURCE.read_text(encoding="utf-8"))
    assert derive_schema.render(derive_schema.derive(source)) == SHIPPED.read_text("utf-8")


def test_schema_knows_methods_case_insensitively() -> None:
    schema = load_schema()
    assert schema.version.startswith("Bot API")
    spec = schema.find_method("SENDMESSAGE")
    assert spec is not None and spec.name == "sendMessage"
    assert spec.fields["chat_id"].types == ("Integer", "String")
    assert spec.fields["chat_id"].required
    assert not spec.fields["reply_markup"].required
    assert schema.find_method("sendTelepathy") is None


def test_schema_keeps_unions_as_subtypes() -> None:
    scope = load_schema().find_type("BotCommandScope")
    assert scope is not None
    assert "BotCommandScopeChat" in scope.subtypes
    assert not scope.fields


def test_every_supported_method_is_in_the_schema() -> None:
    schema = load_schema()
    assert all(schema.find_method(name) is not None for name in supported_methods())
    assert len(supported_methods()) == 18

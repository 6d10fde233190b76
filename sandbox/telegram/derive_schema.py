"""Derive the facts-only Bot API schema (names, types, required flags) from api.json.

Run from the project root: `python -m sandbox.telegram.derive_schema [path/to/api.json]`.
The output, bot_api_schema.json beside this file, is committed so that nothing outside the
project is needed at run time. Descriptions and links are deliberately left behind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "telegram-bot-api" / "api.json"
TARGET = Path(__file__).resolve().parent / "bot_api_schema.json"


def derive_fields(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Keep only the name, types and required flag of each field."""
    return [
        {"name": f["name"], "types": list(f["types"]), "required": bool(f["required"])}
        for f in entry.get("fields", [])
    ]


def derive(source: dict[str, Any]) -> dict[str, Any]:
    """Reduce the scraped specification to the facts the emulator validates against."""
    methods = {name: {"fields": derive_fields(m)} for name, m in source["methods"].items()}
    types: dict[str, Any] = {}
    for name, entry in source["types"].items():
        # A union type (e.g. BotCommandScope) has no fields of its own, only its variants.
        if "subtypes" in entry:
            types[name] = {"subtypes": list(entry["subtypes"])}
        else:
            types[name] = {"fields": derive_fields(entry)}
    return {"version": source["version"], "methods": methods, "types": types}


def _dump_compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _render_group(entries: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for index, (name, entry) in enumerate(entries.items()):
        comma = "," if index < len(entries) - 1 else ""
        if "subtypes" in entry:
            subtypes = _dump_compact(entry["subtypes"])
            lines.append(f'  {_dump_compact(name)}: {{"subtypes": {subtypes}}}{comma}')
            continue
        fields = entry["fields"]
        if not fields:
            lines.append(f'  {_dump_compact(name)}: {{"fields": []}}{comma}')
            continue
        lines.append(f'  {_dump_compact(name)}: {{"fields": [')
        lines.extend(
            f"    {_dump_compact(field)}{',' if i < len(fields) - 1 else ''}"
            for i, field in enumerate(fields)
        )
        lines.append(f"  ]}}{comma}")
    return lines


def render(schema: dict[str, Any]) -> str:
    """Serialise deterministically, one field a line, so re-deriving gives an identical file."""
    lines = ["{", f'"version": {_dump_compact(schema["version"])},', '"methods": {']
    lines += _render_group(schema["methods"])
    lines += ["},", '"types": {']
    lines += _render_group(schema["types"])
    lines += ["}", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write bot_api_schema.json from the api.json named on the command line (or the default)."""
    source_path = Path(argv[0]) if argv else DEFAULT_SOURCE
    source = json.loads(source_path.read_text(encoding="utf-8"))
    TARGET.write_text(render(derive(source)), encoding="utf-8")
    print(f"wrote {TARGET} from {source_path} ({source['version']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

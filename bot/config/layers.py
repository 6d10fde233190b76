"""The layers a configuration is made of: packaged defaults, a city's file, and their merge."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final

from bot.config.reader import show, table_key
from bot.config.settings import ConfigError

DEFAULTS_LABEL: Final = "zhibao.toml (built-in defaults)"
# Arrays of tables: a file that has them replaces the defaults' entries instead of merging.
ARRAY_TABLES: Final = frozenset({("task_force",), ("category",), ("clocks", "rule")})
_POSITION_RE = re.compile(r"^(?P<problem>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def default_config_text() -> str:
    """The packaged default zhibao.toml, comments included."""
    return resources.files("bot.defaults").joinpath("zhibao.toml").read_text(encoding="utf-8")


@functools.cache
def packaged_defaults() -> Mapping[str, Any]:
    """The packaged defaults as parsed TOML; shared, so callers must never modify it."""
    return parse_toml(default_config_text(), DEFAULTS_LABEL)


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML text, turning syntax errors into ConfigErrors that give the position."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib before 3.14 reports the position only inside the message.
        match = _POSITION_RE.match(str(exc))
        if match is None:
            raise ConfigError(label, None, f"invalid TOML ({exc})") from None
        where = f"line {match['line']}, column {match['column']}"
        raise ConfigError(label, where, f"invalid TOML ({match['problem']})") from None


def read_file(path: Path, label: str) -> dict[str, Any]:
    """Read and parse a city's configuration file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(label, None, "no such file") from None
    except OSError as exc:
        raise ConfigError(label, None, f"cannot be read ({exc.strerror})") from None
    try:
        # utf-8-sig: Windows editors often save UTF-8 with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(label, None, f"is not UTF-8 text (byte {exc.start})") from None
    return parse_toml(text, label)


def merge(
    base: Mapping[str, Any], layer: Mapping[str, Any], label: str, path: tuple[str, ...] = ()
) -> dict[str, Any]:
    """`layer` over `base`, table by table; keys `base` does not have are rejected."""
    merged = dict(base)
    for key, value in layer.items():
        here = (*path, key)
        if here in ARRAY_TABLES:
            merged[key] = value
        elif key not in base:
            where = f"[{'.'.join(here)}]" if isinstance(value, dict) else table_key(here)
            raise ConfigError.unknown_key(label, where)
        elif isinstance(base[key], dict):
            if not isinstance(value, dict):
                where = f"[{'.'.join(here)}]"
                raise ConfigError(label, where, f"must be a table, not {show(value)}")
            merged[key] = merge(base[key], value, label, here)
        else:
            merged[key] = value
    return merged

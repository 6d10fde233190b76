"""ZHIBAO_* environment variables that override single keys of the configuration."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any, Final

from bot.config.layers import packaged_defaults
from bot.config.reader import Origin, show, table_key
from bot.config.settings import ConfigError

PREFIX: Final = "ZHIBAO_"
# An empty default list does not show what its items are; these say it instead.
_EMPTY_LIST_ITEMS: Final[Mapping[tuple[str, ...], type]] = {
    ("calendar", "days_off"): date,
    ("calendar", "workdays"): date,
    ("calendar", "covered_years"): int,
}
_BOOLEANS: Final = {"true": True, "1": True, "false": False, "0": False}


def _to_bool(text: str) -> bool:
    """true/false/1/0, in any case."""
    if text.lower() not in _BOOLEANS:
        raise ValueError(f"{show(text)} is not true, false, 1 or 0")
    return _BOOLEANS[text.lower()]


def _to_int(text: str) -> int:
    """A whole number; underscores as in TOML are fine."""
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{show(text)} is not a whole number") from None


def _to_float(text: str) -> float:
    """A finite number."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"{show(text)} is not a number")
    return value


def _to_date(text: str) -> date:
    """An ISO date such as 2027-01-01."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{show(text)} is not a date such as 2027-01-01") from None


_CONVERTERS: Final[Mapping[type, Callable[[str], object]]] = {
    bool: _to_bool,
    int: _to_int,
    float: _to_float,
    str: str,
    date: _to_date,
}


def _keys(table: Mapping[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths of the keys that hold a scalar or a list of scalars, in file order."""
    for key, value in table.items():
        here = (*path, key)
        if isinstance(value, dict):
            yield from _keys(value, here)
        elif not (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
            yield here


def _variable(path: tuple[str, ...]) -> str:
    """The variable that overrides the key at `path`."""
    return PREFIX + "_".join(path).upper()


def describe_overrides() -> list[str]:
    """Names of all environment variables that override a configuration key."""
    return [_variable(path) for path in _keys(packaged_defaults())]


def _convert(path: tuple[str, ...], sample: object, text: str) -> object:
    """`text` as a value of the type `sample` (the default value) has."""
    if isinstance(sample, list):
        item_type = type(sample[0]) if sample else _EMPTY_LIST_ITEMS.get(path, str)
        items = (item.strip() for item in text.split(","))
        return [_CONVERTERS[item_type](item) for item in items if item]
    return _CONVERTERS[type(sample)](text.strip())


def environment_layer(
    environ: Mapping[str, str], file: str
) -> tuple[dict[str, Any], dict[tuple[str, ...], str]]:
    """The overrides set in `environ` as a layer to merge, and the variable behind each key."""
    defaults = packaged_defaults()
    layer: dict[str, Any] = {}
    variables: dict[tuple[str, ...], str] = {}
    for path in _keys(defaults):
        variable = _variable(path)
        if variable not in environ:
            continue
        sample: Any = defaults
        for part in path:
            sample = sample[part]
        try:
            value = _convert(path, sample, environ[variable])
        except ValueError as exc:
            source = Origin(file, {path: variable}).source(path)
            raise ConfigError(source, table_key(path), str(exc)) from None
        table = layer
        for part in path[:-1]:
            table = table.setdefault(part, {})
        table[path[-1]] = value
        variables[path] = variable
    return layer, variables

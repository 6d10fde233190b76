"""Typed reading of one TOML table, with errors that name the file, the key and the problem."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from bot.config.settings import ConfigError
from bot.domain.calendar import Duration

T = TypeVar("T")
_SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_SLUG_RULE = '(a-z, 0-9, "-" and "_", starting with a letter)'
_RANGE_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class _Missing(Enum):
    """Marks a key without a default, so that None can still be a default."""

    TOKEN = 0


REQUIRED = _Missing.TOKEN


def show(value: object) -> str:
    """A value as it would be written in TOML, for error messages."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "[" + ", ".join(show(item) for item in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_key(path: tuple[str, ...]) -> str:
    """The label of a key inside a table, such as "[clocks.normal] sign"."""
    return f"[{'.'.join(path[:-1])}] {path[-1]}" if len(path) > 1 else path[0]


@dataclass(frozen=True)
class Origin:
    """Where the configuration came from: a file, and the keys environment variables set."""

    file: str
    variables: Mapping[tuple[str, ...], str] = field(default_factory=dict)

    def source(self, path: tuple[str, ...]) -> str:
        """What to blame for the value at `path`: the file, or the variable over the file."""
        variable = self.variables.get(path)
        return f"{variable} (over {self.file})" if variable else self.file


class Fields:
    """One table of the configuration, read key by key into checked Python values."""

    def __init__(
        self, origin: Origin, data: object, *, path: tuple[str, ...] = (), item: str = ""
    ) -> None:
        self.origin, self.path, self.item = origin, path, item
        if not isinstance(data, dict):
            where = item or f"[{'.'.join(path)}]"
            raise ConfigError(origin.file, where, f"must be a table, not {show(data)}")
        self.data: dict[str, Any] = data

    def error(self, key: str, problem: str) -> ConfigError:
        """An error about `key` of this table."""
        if self.item:
            return ConfigError(self.origin.file, f"{self.item}.{key}", problem)
        path = (*self.path, key)
        return ConfigError(self.origin.source(path), table_key(path), problem)

    def check_keys(self, allowed: Collection[str]) -> None:
        """Reject keys outside `allowed`, which are most often typos."""
        for key in self.data:
            if key not in allowed:
                raise ConfigError.unknown_key(self.origin.file, f"{self.item}.{key}")

    def value(self, key: str, default: object = REQUIRED) -> object:
        """The raw value of `key`, or `default` when the key is absent."""
        if key in self.data:
            return self.data[key]
        if default is REQUIRED:
            raise self.error(key, "required key is missing")
        return default

    def text(self, key: str, default: object = REQUIRED, *, allow_empty: bool = False) -> str:
        """A string value; empty or blank ones only if allowed."""
        value = self.value(key, default)
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {show(value)}")
        if not allow_empty and not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def choice(self, key: str, options: Mapping[str, T], default: object = REQUIRED) -> T:
        """One of a fixed set of strings, returned as its typed counterpart."""
        value = self.text(key, default)
        if value not in options:
            listed = ", ".join(show(option) for option in options)
            raise self.error(key, f"{show(value)} is not one of {listed}")
        return options[value]

    def slug(self, key: str) -> str:
        """A code such as "alu": lowercase letters, digits, "-" and "_"."""
        value = self.text(key)
        if not _SLUG_RE.match(value):
            raise self.error(key, f"{show(value)} is not a lowercase code {_SLUG_RULE}")
        return value

    def integer(self, key: str, minimum: int) -> int:
        """A whole number of at least `minimum`."""
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"{show(value)} is not a whole number")
        if value < minimum:
            raise self.error(key, f"must be at least {minimum}, not {value}")
        return value

    def number(self, key: str) -> float:
        """A finite number; TOML integers count too."""
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"{show(value)} is not a number")
        if not math.isfinite(value):
            raise self.error(key, f"must be a finite number, not {show(value)}")
        return float(value)

    def fraction(self, key: str) -> float:
        """A number strictly between 0 and 1."""
        value = self.number(key)
        if not 0 < value < 1:
            raise self.error(key, "must be between 0 and 1")
        return value

    def amount(self, key: str) -> Decimal:
        """A positive amount of money, kept exact."""
        if self.number(key) <= 0:
            raise self.error(key, f"must be more than 0, not {show(self.data[key])}")
        # str() first so that 1e8 becomes Decimal("100000000.0"), not a binary fraction.
        return Decimal(str(self.data[key]))

    def strings(self, key: str, default: object = REQUIRED, *, slugs: bool = False) -> list[str]:
        """A list of non-empty strings, or of codes when `slugs` is set."""
        value = self.value(key, default)
        kind = "lowercase codes" if slugs else "strings"
        if not isinstance(value, list):
            raise self.error(key, f"must be a list of {kind}, not {show(value)}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.error(key, f"must be a list of {kind}, but has {show(item)}")
            if slugs and not _SLUG_RE.match(item):
                raise self.error(key, f"{show(item)} is not a lowercase code {_SLUG_RULE}")
        return value

    def dates(self, key: str) -> tuple[date, ...]:
        """A list of TOML dates such as [2027-01-01], sorted and without repeats."""
        value = self.value(key)
        if not isinstance(value, list):
            problem = f"must be a list of dates such as [2027-01-01], not {show(value)}"
            raise self.error(key, problem)
        for item in value:
            if isinstance(item, str):
                raise self.error(key, f"write dates without quotes: {item}, not {show(item)}")
            if not isinstance(item, date) or isinstance(item, datetime):
                raise self.error(key, f"must be a list of dates, but has {show(item)}")
        return tuple(sorted(set(value)))

    def years(self, key: str) -> tuple[int, ...]:
        """A list of years such as [2027], sorted and without repeats."""
        value = self.value(key)
        if not isinstance(value, list):
            raise self.error(key, f"must be a list of years such as [2027], not {show(value)}")
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 9999:
                raise self.error(key, f"must be a list of years, but has {show(item)}")
        return tuple(sorted(set(value)))

    def duration(self, key: str) -> Duration:
        """A working-time duration such as "3d" or "2h"."""
        value = self.value(key)
        try:
            if isinstance(value, str):
                return Duration.parse(value)
        except ValueError:
            pass
        raise self.error(key, f'{show(value)} is not a duration such as "3d" or "2h"')

    def time_range(self, key: str) -> tuple[time, time]:
        """A daily range such as "22:00-07:30"; it may run past midnight."""
        value = self.text(key)
        bounds = _parse_range(value)
        if bounds is None:
            raise self.error(key, f'{show(value)} is not a time range such as "22:00-07:30"')
        if bounds[0] == bounds[1]:
            raise self.error(key, f"{show(value)} starts and ends at the same time")
        return bounds


def _parse_range(text: str) -> tuple[time, time] | None:
    """The two times of "HH:MM-HH:MM", or None if `text` is not such a range."""
    match = _RANGE_RE.match(text)
    if match is None:
        return None
    try:
        return time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))
    except ValueError:
        return None

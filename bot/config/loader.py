"""Finds the city's zhibao.toml and loads it over the defaults and under the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from bot.config.builder import build_settings
from bot.config.environment import environment_layer
from bot.config.layers import DEFAULTS_LABEL, merge, packaged_defaults, read_file
from bot.config.reader import Origin
from bot.config.retired import drop_retired, retired_variables
from bot.config.settings import ConfigError, Settings

CONFIG_VARIABLE: Final = "ZHIBAO_CONFIG"
LOCAL_FILE: Final = Path("zhibao.toml")


def _locate(path: Path | None, environ: Mapping[str, str]) -> Path | None:
    """The file to read: the one given, ZHIBAO_CONFIG's, ./zhibao.toml, or none at all."""
    if path is not None:
        if not path.exists():
            raise ConfigError(str(path), None, "no such file")
        return path
    named = environ.get(CONFIG_VARIABLE, "").strip()
    if named:
        if not Path(named).exists():
            raise ConfigError(named, None, f"no such file (named by {CONFIG_VARIABLE})")
        return Path(named)
    # Only the implicit local file may be missing: then the city runs on the defaults.
    return LOCAL_FILE if LOCAL_FILE.exists() else None


def default_settings() -> Settings:
    """The packaged defaults alone, whatever files and variables are around."""
    return build_settings(packaged_defaults(), Origin(DEFAULTS_LABEL), None)


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Load the city's settings: defaults, then the city's file, then ZHIBAO_* variables."""
    environ = os.environ if environ is None else environ
    source = _locate(path, environ)
    label = str(source) if source is not None else DEFAULTS_LABEL
    data: Mapping[str, Any] = packaged_defaults()
    warnings: list[str] = []
    if source is not None:
        city, warnings = drop_retired(read_file(source, label), label)
        data = merge(data, city, label)
    layer, variables = environment_layer(environ, label)
    data = merge(data, layer, label)
    settings = build_settings(data, Origin(label, variables), source)
    return replace(settings, warnings=(*warnings, *retired_variables(environ)))

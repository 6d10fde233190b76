"""The city's configuration: zhibao.toml over packaged defaults, under ZHIBAO_* variables.

Design §16. `load_settings` is the one entry point; everything it returns is validated, and
every problem is a ConfigError that names the file, the key and what is wrong.
"""

from bot.config.environment import describe_overrides
from bot.config.layers import default_config_text
from bot.config.loader import default_settings, load_settings
from bot.config.settings import (
    AssignmentMode,
    CategoryConfig,
    ConfigError,
    Language,
    Settings,
    TaskForceConfig,
    TaskForceKind,
)

__all__ = [
    "AssignmentMode",
    "CategoryConfig",
    "ConfigError",
    "Language",
    "Settings",
    "TaskForceConfig",
    "TaskForceKind",
    "default_config_text",
    "default_settings",
    "describe_overrides",
    "load_settings",
]

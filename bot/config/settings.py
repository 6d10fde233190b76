"""The city's settings as the rest of the product sees them, and the error for bad ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Literal

from bot.domain.calendar import WorkingHours
from bot.domain.coordination import CoordinationThresholds
from bot.domain.people import TELEGRAM, WECOM
from bot.domain.policy import Policy

TaskForceKind = Literal["industry", "team", "zone"]
AssignmentMode = Literal["claim", "round_robin"]
Language = Literal["zh", "en"]


class ConfigError(Exception):
    """A configuration problem; the message names the file, the key and what is wrong."""

    def __init__(
        self, source: str, key: str | None, problem: str, *, message: str | None = None
    ) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{key}: " if key else ""
        super().__init__(message or f"{source}: {where}{problem}")

    @classmethod
    def unknown_key(cls, source: str, key: str) -> ConfigError:
        """A key the configuration does not have, most often a typo."""
        return cls(source, key, "unknown key", message=f"{source}: unknown key {key}")


@dataclass(frozen=True)
class CategoryConfig:
    """A problem category (问题类别): inferred from an issue's words, else picked."""

    code: str
    name_zh: str
    name_en: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskForceConfig:
    """A task force (工作专班) as configured; the database copy is created from it."""

    code: str
    name_zh: str
    name_en: str
    kind: TaskForceKind = "industry"
    industries: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    assignment: AssignmentMode = "claim"
    language: Language = "zh"
    # The task force's Telegram group (the key kept its name from before WeCom), and WeCom's.
    group_chat: str | None = None
    wecom_group_chat: str | None = None

    def group_chats(self) -> dict[str, str]:
        """The configured groups by channel, for the channels that have one."""
        groups = {TELEGRAM: self.group_chat, WECOM: self.wecom_group_chat}
        return {channel: chat for channel, chat in groups.items() if chat}


@dataclass(frozen=True)
class WeComSettings:
    """The WeCom app the bot is, and where its callback server listens."""

    enabled: bool = True
    corp_id: str = ""
    agent_id: int = 0
    secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    base_url: str = "https://qyapi.weixin.qq.com"
    callback_host: str = "127.0.0.1"
    callback_port: int = 8082
    callback_path: str = "/wecom/callback"

    @property
    def configured(self) -> bool:
        """Whether the app's credentials are all given (else the local emulator stands in)."""
        return bool(
            self.corp_id and self.agent_id and self.secret and self.token and self.encoding_aes_key
        )

    def missing(self) -> list[str]:
        """The credentials not given, as the environment variables that set them."""
        given = {
            "corp_id": self.corp_id,
            "agent_id": self.agent_id,
            "secret": self.secret,
            "token": self.token,
            "encoding_aes_key": self.encoding_aes_key,
        }
        return [f"ZHIBAO_WECOM_{k.upper()}" for k, v in given.items() if not v]


@dataclass(frozen=True)
class Settings:
    """Everything a city configures, validated and converted to domain types."""

    source: Path | None
    city_name: str
    timezone: str
    language: Language
    database_url: str
    working_hours: WorkingHours
    extra_days_off: tuple[date, ...]
    extra_workdays: tuple[date, ...]
    extra_covered_years: tuple[int, ...]
    policy: Policy
    thresholds: CoordinationThresholds
    quiet_hours: tuple[time, time]
    enterprise_quiet_hours: tuple[time, time]
    coalesce_minutes: int
    sweep_seconds: int
    dispatch_seconds: int
    lease_seconds: int
    max_attempts: int
    invite_ttl_days: int
    telegram_bot_username: str
    telegram_enabled: bool
    wecom: WeComSettings
    task_forces: tuple[TaskForceConfig, ...]
    categories: tuple[CategoryConfig, ...]
    # What loading noticed without refusing, e.g. retired keys; `zhibao doctor` prints them.
    warnings: tuple[str, ...] = ()

    def task_force(self, code: str) -> TaskForceConfig | None:
        """The task force with this code, if the city has one."""
        return next((tf for tf in self.task_forces if tf.code == code), None)

    def category(self, code: str) -> CategoryConfig | None:
        """The category with this code, if the city has one."""
        return next((c for c in self.categories if c.code == code), None)

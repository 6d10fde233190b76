"""The city's table arrays: categories, task forces and clock rules."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Final

from bot.config.reader import Fields, Origin, show
from bot.config.settings import (
    AssignmentMode,
    CategoryConfig,
    ConfigError,
    Language,
    TaskForceConfig,
    TaskForceKind,
)
from bot.domain.policy import ClockDurations, ClockRule

KINDS: Final[Mapping[str, TaskForceKind]] = {
    "industry": "industry",
    "team": "team",
    "zone": "zone",
}
ASSIGNMENTS: Final[Mapping[str, AssignmentMode]] = {"claim": "claim", "round_robin": "round_robin"}
LANGUAGES: Final[Mapping[str, Language]] = {"zh": "zh", "en": "en"}
URGENCIES: Final = {"normal": "normal", "urgent": "urgent"}
_NAMED_KEYS: Final = ("code", "name_zh", "name_en")
_CATEGORY_KEYS: Final = (*_NAMED_KEYS, "keywords")
_TASK_FORCE_KEYS: Final = (
    *_NAMED_KEYS,
    "kind",
    "industries",
    "assignment",
    "language",
    "group_chat",
    "wecom_group_chat",
    "keywords",
)
MAX_CATEGORY_CODE: Final = 32
_RULE_KEYS: Final = ("category", "urgency", "task_force", "sign", "reply", "resolve")


def entries(origin: Origin, name: str, value: object, allowed: Collection[str]) -> list[Fields]:
    """The tables of the array `name`, each checked for unknown keys."""
    if not isinstance(value, list):
        raise ConfigError(origin.file, name, f"must be an array of tables [[{name}]]")
    tables = [Fields(origin, item, item=f"{name}[{n}]") for n, item in enumerate(value, 1)]
    for table in tables:
        table.check_keys(allowed)
    return tables


def _unique_codes(origin: Origin, name: str, tables: list[Fields]) -> list[str]:
    """The entries' codes, which must be distinct and at least one."""
    if not tables:
        raise ConfigError(origin.file, name, f"at least one [[{name}]] is needed")
    codes: list[str] = []
    for table in tables:
        code = table.slug("code")
        if code in codes:
            raise ConfigError(origin.file, table.item, f"duplicate code {show(code)}")
        codes.append(code)
    return codes


def read_categories(origin: Origin, value: object) -> tuple[CategoryConfig, ...]:
    """The [[category]] entries."""
    tables = entries(origin, "category", value, _CATEGORY_KEYS)
    codes = _unique_codes(origin, "category", tables)
    for code, table in zip(codes, tables, strict=True):
        # Codes travel in button payloads, which Telegram holds to 64 bytes.
        if len(code) > MAX_CATEGORY_CODE:
            problem = f"{show(code)} is longer than {MAX_CATEGORY_CODE} characters"
            raise table.error("code", problem)
    return tuple(
        CategoryConfig(
            code,
            table.text("name_zh"),
            table.text("name_en"),
            tuple(dict.fromkeys(table.strings("keywords", []))),
        )
        for code, table in zip(codes, tables, strict=True)
    )


def read_task_forces(origin: Origin, value: object) -> tuple[TaskForceConfig, ...]:
    """The [[task_force]] entries; an industry belongs to one task force at most."""
    tables = entries(origin, "task_force", value, _TASK_FORCE_KEYS)
    codes = _unique_codes(origin, "task_force", tables)
    owners: dict[str, str] = {}
    result: list[TaskForceConfig] = []
    for code, table in zip(codes, tables, strict=True):
        kind = table.choice("kind", KINDS, "industry")
        industries = table.strings("industries", [], slugs=True)
        if kind == "industry" and not industries:
            raise table.error("industries", "an industry task force needs at least one industry")
        for industry in industries:
            if owners.setdefault(industry, code) != code:
                problem = f"industry {show(industry)} already belongs to {show(owners[industry])}"
                raise table.error("industries", problem)
        result.append(
            TaskForceConfig(
                code=code,
                name_zh=table.text("name_zh"),
                name_en=table.text("name_en"),
                kind=kind,
                industries=tuple(dict.fromkeys(industries)),
                keywords=tuple(dict.fromkeys(table.strings("keywords", []))),
                assignment=table.choice("assignment", ASSIGNMENTS, "claim"),
                language=table.choice("language", LANGUAGES, "zh"),
                group_chat=table.text("group_chat", "", allow_empty=True).strip() or None,
                wecom_group_chat=(
                    table.text("wecom_group_chat", "", allow_empty=True).strip() or None
                ),
            )
        )
    return tuple(result)


def read_clocks(table: Fields) -> ClockDurations:
    """The sign, reply and resolve durations of a table."""
    return ClockDurations(*(table.duration(key) for key in ("sign", "reply", "resolve")))


def _condition(table: Fields, key: str, codes: Mapping[str, str], what: str) -> str | None:
    """A rule's condition on `key`, which must name one of `codes` if it is set."""
    if table.value(key, None) is None:
        return None
    value = table.text(key)
    if value not in codes:
        raise table.error(key, f"{show(value)} is not {what} ({', '.join(codes)})")
    return value


def read_rules(
    origin: Origin,
    value: object,
    categories: Iterable[CategoryConfig],
    task_forces: Iterable[TaskForceConfig],
) -> tuple[ClockRule, ...]:
    """The [[clocks.rule]] entries, whose conditions must name known codes."""
    category_codes = {c.code: c.code for c in categories}
    task_force_codes = {tf.code: tf.code for tf in task_forces}
    rules: list[ClockRule] = []
    for table in entries(origin, "clocks.rule", value, _RULE_KEYS):
        rule = ClockRule(
            clocks=read_clocks(table),
            category=_condition(table, "category", category_codes, "a category code"),
            urgency=_condition(table, "urgency", URGENCIES, "an urgency"),
            task_force=_condition(table, "task_force", task_force_codes, "a task force code"),
        )
        if rule.specificity == 0:
            problem = "a rule needs at least one of category, urgency and task_force"
            raise ConfigError(origin.file, table.item, problem)
        rules.append(rule)
    return tuple(rules)

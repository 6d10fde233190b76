"""Both languages hold every text the code asks for, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.model import IssueState
from bot.domain.notification import RULES, SWEEP_TEMPLATES
from bot.domain.transitions import RULES as ACTIONS
from bot.i18n.catalog import LANGUAGES, Catalog, MissingText, choose_language, read_sources

ROOT = Path(__file__).resolve().parents[2]
LITERAL_IDS = re.compile(r"""(?:say|\.t|button)\(\s*["']([a-z][a-z0-9_-]*)["']""")
ERROR_KEYS = re.compile(
    r"""(?:NotFound|NotAllowed|InvalidInput|InvalidTransition|ConcurrentUpdate)\(\s*["']([a-z_]+\.[a-z_]+)["']"""
)
PLACEHOLDER = re.compile(r"\{\s*\$([a-z_]+)")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The packaged catalogs."""
    return Catalog(read_sources())


def python_sources(*folders: str) -> str:
    """All Python source under the folders, joined."""
    return "\n".join(
        p.read_text(encoding="utf-8") for f in folders for p in (ROOT / f).rglob("*.py")
    )


def test_both_languages_hold_the_same_ids(catalog: Catalog) -> None:
    assert catalog.ids("zh") == catalog.ids("en")


def test_every_id_the_dialogs_use_exists(catalog: Catalog) -> None:
    used = set(LITERAL_IDS.findall(python_sources("bot/dialogs")))
    assert used, "the pattern found no ids at all"
    assert used - catalog.ids("zh") == set()


def test_every_refusal_has_a_text(catalog: Catalog) -> None:
    keys = set(ERROR_KEYS.findall(python_sources("bot", "storage")))
    keys |= {f"credit_code.{r}" for r in ("length", "character", "division", "check")}
    assert len(keys) > 40
    missing = {k for k in keys if "error-" + k.replace(".", "-") not in catalog.ids("zh")}
    assert missing == set()


def test_every_state_and_event_has_a_name(catalog: Catalog) -> None:
    events = (
        {rule.event for rule in ACTIONS.values()}
        | set(RULES)
        | set(SWEEP_TEMPLATES)
        | {
            "filed",
            "extension_approved",
            "request_denied",
        }
    )
    wanted = {f"state-{s.value.replace('_', '-')}" for s in IssueState}
    wanted |= {f"event-{e.replace('_', '-')}" for e in events}
    assert wanted - catalog.ids("zh") == set()


def test_placeholders_agree_between_languages() -> None:
    sources = read_sources()
    entries = {
        language: dict(re.findall(r"^([a-z][a-z0-9_-]*) =(.*(?:\n[ \t]+.*)*)", text, re.M))
        for language, text in sources.items()
    }
    for key, zh in entries["zh"].items():
        en = entries["en"][key]
        assert set(PLACEHOLDER.findall(zh)) == set(PLACEHOLDER.findall(en)), key


def test_unknown_ids_and_missing_values_raise(catalog: Catalog) -> None:
    with pytest.raises(MissingText):
        catalog.text("en", "no-such-text")
    with pytest.raises(MissingText):
        catalog.text("en", "reg-done")  # needs $enterprise


@pytest.mark.parametrize(
    ("preferred", "client", "expected"),
    [
        ("en", "zh-hans", "en"),
        (None, "en-US", "en"),
        (None, "zh-hant", "zh"),
        (None, "fr", "zh"),
        (None, None, "zh"),
        ("de", "en", "en"),
    ],
)
def test_the_language_is_the_choice_then_the_client_then_chinese(
    preferred: str | None, client: str | None, expected: str
) -> None:
    assert choose_language(preferred, None, client) == expected
    assert expected in LANGUAGES


def test_every_menu_command_has_a_description(catalog: Catalog) -> None:
    source = (ROOT / "handlers/telegram/service.py").read_text(encoding="utf-8")
    menu = re.search(r"^MENU = \(([^)]*)\)", source, re.M)
    assert menu is not None
    for command in re.findall(r'"([a-z]+)"', menu.group(1)):
        for language in LANGUAGES:
            assert catalog.text(language, f"menu-{command}")

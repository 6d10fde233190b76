"""English texts stay well punctuated whatever names they are given: an enterprise called
"… Co., Ltd." must not end up as "Co., Ltd.." (issue 12)."""

from __future__ import annotations

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.i18n.catalog import Catalog, read_sources

# Values the bot makes itself, which never end in a period: issue codes, moments and dates it
# formats, role names from the catalog. Everything else may be a name or words people typed.
MADE_BY_THE_BOT = {"code", "due", "due_at", "new_due", "latest", "roles"}
NAME = "Fujian Hongda Aluminium Co., Ltd."
BOT_MADE = "ZB-2026-000001"


class Placeholders(Visitor):
    """The variables of one text, and those a full stop follows."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.before_a_stop: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)

    def visit_Pattern(self, node: ast.Pattern) -> None:
        for element, following in zip(node.elements, node.elements[1:], strict=False):
            variable = element.expression if isinstance(element, ast.Placeable) else None
            if (
                isinstance(variable, ast.VariableReference)
                and isinstance(following, ast.TextElement)
                and following.value.startswith(".")
            ):
                self.before_a_stop.add(variable.id.name)
        self.generic_visit(node)


def english_texts() -> dict[str, Placeholders]:
    """Every English text id with its placeholders."""
    texts: dict[str, Placeholders] = {}
    for entry in FluentParser().parse(read_sources()["en"]).body:
        if isinstance(entry, ast.Message) and entry.value is not None:
            found = Placeholders()
            found.visit(entry.value)
            texts[entry.id.name] = found
    return texts


TEXTS = english_texts()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The packaged catalogs."""
    return Catalog(read_sources())


def test_the_texts_and_their_placeholders_were_read() -> None:
    assert len(TEXTS) > 200
    assert TEXTS["reg-done"].names == {"enterprise"}
    # Placeholders after a blank line of a text are found too.
    assert {"code", "text", "timeline"} <= TEXTS["my-issue"].names
    assert "code" in TEXTS["filing-filed"].before_a_stop


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_name_ending_in_a_period_gets_a_second_one(catalog: Catalog, key: str) -> None:
    names = TEXTS[key].names
    params = {name: BOT_MADE if name in MADE_BY_THE_BOT else NAME for name in names}
    text = catalog.text("en", key, **params)
    assert ".." not in text, text


def test_only_values_the_bot_makes_end_a_sentence() -> None:
    # A name before a full stop needs the text reworded: a colon before it, or no stop.
    ending = {key: t.before_a_stop - MADE_BY_THE_BOT for key, t in TEXTS.items()}
    assert {key: names for key, names in ending.items() if names} == {}

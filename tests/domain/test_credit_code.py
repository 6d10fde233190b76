"""Tests of unified social credit code validation (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.credit_code import (
    ALPHABET,
    InvalidCreditCode,
    check_character,
    normalize_credit_code,
    validate_credit_code,
)

KNOWN_VALID = "91350100M000100Y43"


def reason_of(raw: str) -> InvalidCreditCode:
    """Validate `raw`, expecting a failure, and return the exception."""
    with pytest.raises(InvalidCreditCode) as caught:
        validate_credit_code(raw)
    return caught.value


def test_check_character_of_known_code() -> None:
    assert check_character(KNOWN_VALID[:17]) == "3"


def test_check_character_rejects_wrong_input() -> None:
    with pytest.raises(ValueError):
        check_character("123")
    with pytest.raises(ValueError):
        check_character("91350100M000100YI")


@pytest.mark.parametrize(
    "raw",
    [
        KNOWN_VALID,
        "91350100m000100y43",
        "  9135 0100 M000 100Y 43 ",
        "913501-00M000100-Y43",
        "９１３５０１００Ｍ０００１００Ｙ４３",
        "９１３５０１００ｍ０００１００ｙ４３\u3000",
        "9135—0100–M000100Y43",
    ],
)
def test_valid_variants_normalize_to_the_code(raw: str) -> None:
    assert validate_credit_code(raw) == KNOWN_VALID


def test_normalize_keeps_other_characters() -> None:
    assert normalize_credit_code(" ab-c中 ") == "ABC中"


@pytest.mark.parametrize("raw", ["", "91350100M000100Y4", "91350100M000100Y433", "9135"])
def test_wrong_length(raw: str) -> None:
    error = reason_of(raw)
    assert error.reason == "length"
    assert str(len(normalize_credit_code(raw))) in str(error)


@pytest.mark.parametrize(
    ("raw", "position", "char"),
    [
        ("91350100M0001O0Y43", 14, "O"),
        ("I1350100M000100Y43", 1, "I"),
        ("91350100M000100Y4S", 18, "S"),
        ("91350100M000100Y4中", 18, "中"),
        ("91350100M00.100Y43", 12, "."),
    ],
)
def test_forbidden_character(raw: str, position: int, char: str) -> None:
    error = reason_of(raw)
    assert error.reason == "character"
    assert error.params == {"position": position, "character": char}
    assert f"position {position}" in str(error)


def test_letter_in_division_code() -> None:
    error = reason_of("9135A100M000100Y43")
    assert error.reason == "division"
    assert error.params["position"] == 5
    assert "position 5" in str(error)


def test_wrong_check_character() -> None:
    error = reason_of("91350100M000100Y44")
    assert error.reason == "check"
    assert error.params == {"expected": "3", "actual": "4"}
    assert "'3'" in str(error)


def test_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        validate_credit_code("nonsense")


prefixes = st.builds(
    lambda head, division, tail: head + division + tail,
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9),
)


@given(prefix=prefixes)
def test_prefix_with_check_character_validates(prefix: str) -> None:
    code = prefix + check_character(prefix)
    assert validate_credit_code(code) == code


@given(prefix=prefixes, position=st.integers(0, 17), data=st.data())
def test_any_single_substitution_is_detected(
    prefix: str, position: int, data: st.DataObject
) -> None:
    code = prefix + check_character(prefix)
    replacement = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != code[position]))
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(InvalidCreditCode) as caught:
        validate_credit_code(changed)
    assert caught.value.reason in {"division", "check"}

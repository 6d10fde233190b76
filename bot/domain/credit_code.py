"""Unified social credit codes (统一社会信用代码) as defined by GB 32100-2015."""

from __future__ import annotations

from typing import Final, Literal

from bot.domain.errors import InvalidInput

ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CODE_LENGTH: Final = 18
# Positions 3-8 (1-based) hold the administrative division code, which is numeric.
DIVISION_SLICE: Final = slice(2, 8)

Reason = Literal["length", "character", "division", "check"]

_VALUES: Final = {char: value for value, char in enumerate(ALPHABET)}
_MODULUS: Final = len(ALPHABET)
# Enterprises paste codes from PDFs, Word and phone keyboards: all of these dashes occur.
_SEPARATORS: Final = frozenset("-‐‑‒–—−")
_FULL_WIDTH_OFFSET: Final = 0xFEE0


class InvalidCreditCode(InvalidInput, ValueError):
    """A credit code was rejected; `reason` is a stable key for translating the message."""

    def __init__(self, reason: Reason, message: str, **params: str | int) -> None:
        super().__init__(f"credit_code.{reason}", message, **params)
        self.reason: Reason = reason


def _to_half_width(char: str) -> str:
    """Map a full-width ASCII variant (Ａ, ９, ＿, ideographic space) to plain ASCII."""
    code = ord(char)
    if code == 0x3000:
        return " "
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - _FULL_WIDTH_OFFSET)
    return char


def normalize_credit_code(raw: str) -> str:
    """Return `raw` upper-cased in half-width ASCII without spaces or hyphens."""
    chars = (_to_half_width(char) for char in raw)
    return "".join(c for c in chars if not c.isspace() and c not in _SEPARATORS).upper()


def check_character(first17: str) -> str:
    """Return the check character that completes the 17 given (normalized) characters."""
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"expected {len(WEIGHTS)} characters, got {len(first17)}")
    try:
        total = sum(_VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    except KeyError as error:
        raise ValueError(f"{error.args[0]!r} is not a credit code character") from None
    return ALPHABET[(_MODULUS - total % _MODULUS) % _MODULUS]


def _describe_forbidden(char: str) -> str:
    """Explain why `char` cannot appear, so the enterprise knows what to retype."""
    if char in "IOSVZ":
        return f"{char!r}, but the letters I, O, S, V and Z are never used in credit codes"
    return f"{char!r}, which is neither a digit nor a capital letter"


def validate_credit_code(raw: str) -> str:
    """Return the normalized code or raise InvalidCreditCode naming the first problem."""
    code = normalize_credit_code(raw)
    if len(code) != CODE_LENGTH:
        raise InvalidCreditCode(
            "length",
            f"a credit code has {CODE_LENGTH} characters, this one has {len(code)}",
            length=len(code),
        )
    for position, char in enumerate(code, start=1):
        if char not in _VALUES:
            raise InvalidCreditCode(
                "character",
                f"position {position} holds {_describe_forbidden(char)}",
                position=position,
                character=char,
            )
    division = code[DIVISION_SLICE]
    if not division.isdigit():
        position = next(i for i, c in enumerate(division, start=3) if not c.isdigit())
        raise InvalidCreditCode(
            "division",
            f"positions 3-8 are the administrative division code and must be digits, "
            f"but position {position} holds {code[position - 1]!r}",
            position=position,
            character=code[position - 1],
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidCreditCode(
            "check",
            f"the check character (position 18) should be {expected!r}, not {code[17]!r}; "
            "one of the characters was probably mistyped",
            expected=expected,
            actual=code[17],
        )
    return code

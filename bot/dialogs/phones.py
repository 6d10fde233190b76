"""A mainland mobile number typed by hand, for channels without a contact button (§10, §12).

People write numbers as they read them: with spaces or dashes between the groups, with +86
or 0086 in front, in full-width digits from a Chinese keyboard. All of these are taken; what
is kept is one form, +86 and the eleven digits, as the contact button gives it.
"""

from __future__ import annotations

import re
import unicodedata

COUNTRY = "+86"
# Eleven digits, the second 3 to 9: the mainland's mobile numbers.
MOBILE = re.compile(r"1[3-9]\d{9}")
PREFIX = re.compile(r"(?:\+|00)?86")
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u00a0\u3000()\uff08\uff09]")


def parse_mobile(text: str) -> str | None:
    """The number as +86 and eleven digits, or None when the text is not one mobile number."""
    flat = SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    # A mobile number starts with 1, so a leading 86 can only be the country's code.
    number = PREFIX.sub("", flat, count=1) if PREFIX.match(flat) else flat
    return COUNTRY + number if MOBILE.fullmatch(number) else None

"""Keys the configuration no longer has: a city's file that still sets them loads, with a warning.

A file written by an older `zhibao init` must keep working, so these keys are dropped before
the file is checked against the defaults; `zhibao doctor` prints why each one is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

_OFFICE_INVITES: Final = "create invites with `zhibao invite create --role office`"
RETIRED: Final[Mapping[tuple[str, str], str]] = {
    ("dispatch", "desk"): (
        "[dispatch] desk is no longer used: the dispatch desk is everyone who joined with the "
        f"office role; {_OFFICE_INVITES}"
    ),
    ("direct_report", "recipients"): (
        "[direct_report] recipients is no longer used: direct reports go to everyone who "
        "joined with the office role, the supervising leader and the principal leaders; "
        f"{_OFFICE_INVITES}"
    ),
}


def drop_retired(data: Mapping[str, Any], label: str) -> tuple[dict[str, Any], list[str]]:
    """`data` without the retired keys (and tables they leave empty), and a warning for each."""
    kept = dict(data)
    warnings: list[str] = []
    for (table, key), why in RETIRED.items():
        section = kept.get(table)
        if not isinstance(section, dict) or key not in section:
            continue
        rest = {k: v for k, v in section.items() if k != key}
        if rest:
            kept[table] = rest
        else:
            del kept[table]
        warnings.append(f"{label}: {why}")
    return kept, warnings


def retired_variables(environ: Mapping[str, str]) -> list[str]:
    """A warning for each ZHIBAO_* variable that sets a retired key."""
    return [
        f"{variable}: {why}"
        for (table, key), why in RETIRED.items()
        if (variable := f"ZHIBAO_{table}_{key}".upper()) in environ
    ]

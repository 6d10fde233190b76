"""Design §6: which task force, and which of its members, receives a new issue."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Final, Literal

# Stands in for "never assigned"; pick_round_robin explains why it never meets a real time.
_NEVER: Final = datetime.min


@dataclass(frozen=True)
class RoutableTaskForce:
    """What routing needs to know about a task force."""

    id: int
    code: str
    industries: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    """A problem category (§4): its code, names, and the words that suggest it."""

    code: str
    name_zh: str
    name_en: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A task force the enterprise is asked to confirm, with how well the text matched it."""

    task_force_id: int
    code: str
    score: float


@dataclass(frozen=True)
class RouteDecision:
    """Where a new issue goes and why; `task_force_id` is None until someone confirms."""

    task_force_id: int | None
    reason: Literal["project", "keywords", "desk"]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class RoundRobinCandidate:
    """A task force member as seen by round-robin assignment."""

    person_id: int
    open_issues: int
    available: bool
    last_assigned_at: datetime | None


def _is_cjk(char: str) -> bool:
    """Whether `char` is a CJK ideograph (basic block or extension A)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _specificity(keyword: str) -> Fraction:
    """Grow with keyword length, but less than linearly, so one long word cannot win alone."""
    units = sum(1 for char in keyword if _is_cjk(char))
    # An English word carries about as much meaning as a two-character Chinese word.
    units += 2 * len("".join(c if c.isascii() and c.isalnum() else " " for c in keyword).split())
    return Fraction(max(units, 1) + 1, 2)


class _Text:
    """The caller's tokens, prepared for the two ways a keyword can match."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = [token.strip().casefold() for token in tokens if token.strip()]
        self.token_set = frozenset(self.tokens)
        self.joined = "".join(self.tokens)
        self.starts = [0]
        for token in self.tokens:
            self.starts.append(self.starts[-1] + len(token))
        self.boundaries = frozenset(self.starts)

    def contains(self, keyword: str) -> bool:
        """Whether the keyword is a token, a run of tokens, or lies inside the text."""
        if keyword in self.token_set:
            return True
        words = keyword.split()
        if len(words) > 1:
            n = len(words)
            return any(self.tokens[i : i + n] == words for i in range(len(self.tokens) - n + 1))
        if len(keyword) < 2 or not any(_is_cjk(char) for char in keyword):
            return False
        return any(self._acceptable(start, start + len(keyword)) for start in self._find(keyword))

    def _find(self, keyword: str) -> Iterable[int]:
        """Yield every offset of `keyword` in the joined text, overlaps included."""
        start = self.joined.find(keyword)
        while start != -1:
            yield start
            start = self.joined.find(keyword, start + 1)

    def _acceptable(self, start: int, end: int) -> bool:
        """Whether a match is inside one token or touches a token boundary."""
        # Segmenters cut "电解铝厂" as 电解|铝厂 or 电解铝|厂, so a keyword may straddle
        # tokens; but a match cut at both ends (自动化|工厂 for 化工) is a coincidence.
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        return first == last or start in self.boundaries or end in self.boundaries


def find_by_industry(
    industry: str, task_forces: Sequence[RoutableTaskForce]
) -> RoutableTaskForce | None:
    """Return the first task force responsible for `industry`, ignoring case."""
    wanted = industry.strip().casefold()
    if not wanted:
        return None
    for task_force in task_forces:
        if any(own.strip().casefold() == wanted for own in task_force.industries):
            return task_force
    return None


def score_keywords(
    tokens: Sequence[str], task_forces: Sequence[RoutableTaskForce], limit: int = 2
) -> list[Suggestion]:
    """Return up to `limit` task forces whose keywords the tokens match, best first."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    keyword_sets = [
        frozenset(k.strip().casefold() for k in tf.keywords if k.strip()) for tf in task_forces
    ]
    # A keyword shared by several task forces says little about which one is meant.
    sharing = Counter(keyword for keywords in keyword_sets for keyword in keywords)
    text = _Text(tokens)
    scored: list[tuple[Fraction, str, int]] = []
    for task_force, keywords in zip(task_forces, keyword_sets, strict=True):
        # Exact fractions keep equal sums equal whatever order the keywords come in.
        score = sum(
            (_specificity(k) / sharing[k] for k in keywords if text.contains(k)), Fraction(0)
        )
        if score > 0:
            scored.append((score, task_force.code, task_force.id))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [
        Suggestion(task_force_id=tf_id, code=code, score=float(score))
        for score, code, tf_id in scored[:limit]
    ]


def route(
    project_industry: str | None,
    tokens: Sequence[str],
    task_forces: Sequence[RoutableTaskForce],
    limit: int = 2,
) -> RouteDecision:
    """Decide where a new issue goes: project industry, then keywords, then the desk."""
    if project_industry is not None:
        task_force = find_by_industry(project_industry, task_forces)
        if task_force is not None:
            return RouteDecision(task_force.id, "project", ())
    suggestions = score_keywords(tokens, task_forces, limit)
    if suggestions:
        return RouteDecision(None, "keywords", tuple(suggestions))
    return RouteDecision(None, "desk", ())


def pick_round_robin(candidates: Iterable[RoundRobinCandidate]) -> int | None:
    """Return the available member with the fewest open issues, or None if nobody is."""
    available = [c for c in candidates if c.available]
    if not available:
        return None
    # The boolean comes first so `_NEVER` is only ever compared with itself, never with
    # a timezone-aware datetime.
    best = min(
        available,
        key=lambda c: (
            c.open_issues,
            c.last_assigned_at is not None,
            c.last_assigned_at or _NEVER,
            c.person_id,
        ),
    )
    return best.person_id


def infer_category(tokens: Sequence[str], categories: Sequence[Category]) -> str | None:
    """The category whose keywords the text matches best, or None when none stands out."""
    # Scored exactly as task forces are: a category is a routable thing without industries.
    routable = [RoutableTaskForce(n, c.code, (), c.keywords) for n, c in enumerate(categories)]
    found = score_keywords(tokens, routable, limit=2)
    if not found or (len(found) == 2 and found[0].score == found[1].score):
        return None
    return found[0].code

"""Tests of issue routing (design §6) with hand-made tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.routing import (
    RoundRobinCandidate,
    RoutableTaskForce,
    Suggestion,
    find_by_industry,
    pick_round_robin,
    route,
    score_keywords,
)

ALU = RoutableTaskForce(1, "alu", ("高端铝业", "Aluminium"), ("铝", "电解铝", "铝材", "aluminium"))
CHEM = RoutableTaskForce(2, "chem", ("高端化工",), ("化工", "危化品", "涂料", "chemical"))
TEXTILE = RoutableTaskForce(3, "textile", ("纺织家纺",), ("纺织", "印染", "纺织机械"))
EQUIP = RoutableTaskForce(4, "equip", ("高端装备",), ("装备", "机床", "纺织机械", "data center"))
ALL = (EQUIP, TEXTILE, CHEM, ALU)


def codes(suggestions: list[Suggestion]) -> list[str]:
    """The task force codes of the suggestions, in order."""
    return [s.code for s in suggestions]


def test_find_by_industry_ignores_case_and_spaces() -> None:
    assert find_by_industry(" aluminium ", ALL) == ALU
    assert find_by_industry("高端化工", ALL) == CHEM
    assert find_by_industry("医养健康", ALL) is None
    assert find_by_industry("", ALL) is None


def test_project_industry_wins_over_keywords() -> None:
    decision = route("高端铝业", ["化工", "危化品"], ALL)
    assert (decision.task_force_id, decision.reason, decision.suggestions) == (1, "project", ())


def test_unknown_project_industry_falls_back_to_keywords() -> None:
    decision = route("医养健康", ["危化品", "仓库"], ALL)
    assert decision.reason == "keywords"
    assert decision.task_force_id is None
    assert codes(list(decision.suggestions)) == ["chem"]


def test_no_match_goes_to_the_desk() -> None:
    decision = route(None, ["你好", "请问", "怎么办"], ALL)
    assert (decision.task_force_id, decision.reason, decision.suggestions) == (None, "desk", ())
    assert route(None, [], ALL).reason == "desk"


def test_more_matches_rank_first_and_limit_applies() -> None:
    tokens = ["电解铝", "涂料", "铝材"]
    assert codes(score_keywords(tokens, ALL)) == ["alu", "chem"]
    assert codes(score_keywords(tokens, ALL, limit=1)) == ["alu"]
    with pytest.raises(ValueError):
        score_keywords(tokens, ALL, limit=0)


def test_tie_is_broken_by_code_not_by_order() -> None:
    boilers_b = RoutableTaskForce(10, "b", (), ("锅炉",))
    boilers_a = RoutableTaskForce(11, "a", (), ("锅炉",))
    suggestions = score_keywords(["锅炉"], [boilers_b, boilers_a])
    assert codes(suggestions) == ["a", "b"]
    assert suggestions[0].score == suggestions[1].score > 0
    assert suggestions[0].task_force_id == 11


def test_shared_keyword_weighs_less_than_an_own_one() -> None:
    # Both keywords have four characters; only 纺织机械 is shared (by equip and textile).
    own = RoutableTaskForce(5, "zzz", (), ("精密铸件",))
    scores = {s.code: s.score for s in score_keywords(["纺织机械", "精密铸件"], (*ALL, own), 3)}
    assert scores["zzz"] > scores["equip"]


def test_longer_keyword_weighs_more() -> None:
    [short] = score_keywords(["铝"], ALL)
    [long] = score_keywords(["电解铝"], ALL)
    assert long.score > short.score


def test_tokens_and_keywords_compare_case_insensitively() -> None:
    assert codes(score_keywords(["ALUMINIUM"], ALL)) == ["alu"]
    upper = RoutableTaskForce(6, "up", (), ("GMP",))
    assert codes(score_keywords(["gmp"], [upper])) == ["up"]


def test_chinese_keyword_inside_a_token() -> None:
    assert codes(score_keywords(["电解铝厂", "扩建"], ALL)) == ["alu"]


@pytest.mark.parametrize("tokens", [["电解", "铝厂"], ["电", "解", "铝"], ["电解", "铝", "厂"]])
def test_chinese_keyword_across_tokens(tokens: list[str]) -> None:
    assert codes(score_keywords(tokens, ALL)) == ["alu"]


def test_chinese_keyword_cut_at_both_ends_is_a_coincidence() -> None:
    # 自动化|工厂 contains 化工 only by accident.
    assert score_keywords(["自动化", "工厂"], ALL) == []


def test_single_character_keyword_needs_a_whole_token() -> None:
    assert score_keywords(["铝价"], ALL) == []
    assert codes(score_keywords(["铝"], ALL)) == ["alu"]


def test_english_keywords_match_whole_words_only() -> None:
    assert score_keywords(["chemicals"], ALL) == []
    assert codes(score_keywords(["new", "data", "center"], ALL)) == ["equip"]
    assert score_keywords(["data", "centre"], ALL) == []


def candidate(
    person: int, issues: int, available: bool = True, ago: int | None = None
) -> RoundRobinCandidate:
    """A member with `issues` open issues, last assigned `ago` hours before noon."""
    noon = datetime(2024, 5, 6, 12, tzinfo=UTC)
    last = None if ago is None else noon - timedelta(hours=ago)
    return RoundRobinCandidate(person, issues, available, last)


def test_round_robin_prefers_fewest_open_issues() -> None:
    assert pick_round_robin([candidate(1, 3), candidate(2, 1), candidate(3, 2)]) == 2


def test_round_robin_skips_unavailable_members() -> None:
    assert pick_round_robin([candidate(1, 0, available=False), candidate(2, 5)]) == 2
    assert pick_round_robin([candidate(1, 0, available=False)]) is None
    assert pick_round_robin([]) is None


def test_round_robin_tie_goes_to_least_recently_assigned() -> None:
    assert pick_round_robin([candidate(1, 2, ago=1), candidate(2, 2, ago=5)]) == 2
    assert pick_round_robin([candidate(1, 2, ago=50), candidate(2, 2)]) == 2


def test_round_robin_last_tie_goes_to_lowest_person_id() -> None:
    assert pick_round_robin([candidate(7, 1), candidate(3, 1), candidate(5, 1)]) == 3
    assert pick_round_robin([candidate(7, 1, ago=2), candidate(3, 1, ago=2)]) == 3

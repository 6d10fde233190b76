"""Tests of segmentation together with the default keywords and routing."""

from __future__ import annotations

import pytest

from bot.config import default_settings
from bot.domain.routing import RoutableTaskForce, route
from bot.segmentation import Segmenter

# The keywords live only in the packaged zhibao.toml.
DEFAULT_KEYWORDS = {tf.code: tf.keywords for tf in default_settings().task_forces}

TASK_FORCES = tuple(
    RoutableTaskForce(number, code, (code,), keywords)
    for number, (code, keywords) in enumerate(DEFAULT_KEYWORDS.items(), start=1)
)
GENERIC_WORDS = ("土地", "审批", "用电", "融资", "环评")


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    """One segmenter per module: loading jieba's dictionary takes about a second."""
    return Segmenter(word for keywords in DEFAULT_KEYWORDS.values() for word in keywords)


def test_dictionary_is_loaded_lazily() -> None:
    lazy = Segmenter(["电解铝"])
    assert not lazy.ready


def test_segment_lowercases_and_drops_punctuation(segmenter: Segmenter) -> None:
    tokens = segmenter.segment("你好！我们的 ＧＭＰ 车间，Data Center 需要 5G 网络。")
    assert "gmp" in tokens and "data" in tokens and "center" in tokens and "5g" in tokens
    assert all(token.strip() and token not in {"！", "，", "。", "!", ","} for token in tokens)


def test_taught_words_stay_whole(segmenter: Segmenter) -> None:
    assert "电解铝" in segmenter.segment("我们的电解铝项目")
    segmenter.add_words(["铸轧卷"])
    assert "铸轧卷" in segmenter.segment("铸轧卷生产")


def test_default_keywords_are_sized_and_specific() -> None:
    assert len(DEFAULT_KEYWORDS) == 10
    for keywords in DEFAULT_KEYWORDS.values():
        assert 12 <= len(keywords) <= 25
        assert len(set(keywords)) == len(keywords)
        assert not set(GENERIC_WORDS) & set(keywords)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们的电解铝项目用电负荷报装一直没有批下来", "alu"),
        ("铝型材生产线扩建环评卡住了", "alu"),
        ("铝板带冷轧项目的铝锭运输受限", "alu"),
        ("化工园区危化品仓库审批", "chem"),
        ("精细化工项目安评一直未通过", "chem"),
        ("纺织厂扩建需要增加印染产能指标", "textile"),
        ("家纺产品出口退税迟迟没有到账", "textile"),
        ("面粉厂粮食收购资金不足", "food"),
        ("食用油生产许可证到期需要延续", "food"),
        ("数控机床生产车间需要扩建", "equip"),
        ("工业机器人项目急需招聘技术工人", "equip"),
        ("自动化工厂的机器人生产线需要用电增容", "equip"),
        ("光伏电站并网手续办不下来", "energy"),
        ("储能电池项目融资困难", "energy"),
        ("数据中心机房需要光纤接入", "ict"),
        ("芯片封装项目洁净厂房验收", "ict"),
        ("5G基站选址遇到阻力", "ict"),
        ("养老院床位审批", "health"),
        ("医疗器械注册证办理太慢", "health"),
        ("蔬菜大棚建设用地审批", "agri"),
        ("生猪养殖场环保验收", "agri"),
        ("景区配套道路施工", "tourism"),
        ("民宿办理特种行业许可证很难", "tourism"),
        ("Our aluminium rolling plant needs more power capacity", "alu"),
        ("The hotel project at the resort is waiting for a fire safety inspection", "tourism"),
        ("Our pharmaceutical factory needs GMP certification", "health"),
        ("We plan a new data center and need fibre access", "ict"),
    ],
)
def test_problem_routes_to_task_force(segmenter: Segmenter, text: str, expected: str) -> None:
    decision = route(None, segmenter.segment(text), TASK_FORCES)
    assert decision.reason == "keywords"
    assert decision.task_force_id is None
    assert decision.suggestions[0].code == expected


@pytest.mark.parametrize(
    "text", ["你好", "请问怎么办", "土地审批太慢了", "融资难怎么办", "用电报装一直没有批下来"]
)
def test_text_without_industry_words_goes_to_desk(segmenter: Segmenter, text: str) -> None:
    assert route(None, segmenter.segment(text), TASK_FORCES).reason == "desk"


def test_registered_project_ignores_the_text(segmenter: Segmenter) -> None:
    decision = route("ict", segmenter.segment("养老院床位审批"), TASK_FORCES)
    assert (decision.reason, decision.task_force_id) == ("project", 7)

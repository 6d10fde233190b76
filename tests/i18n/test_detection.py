"""Language detection: every line of the labelled corpus, and the edge cases one by one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.i18n.detection import JAPANESE_ONLY_KANJI, detect_language

CORPUS = Path(__file__).resolve().parents[1] / "data" / "lang_corpus.tsv"
HEADER = "label\texpected\ttext"
LABELS = {"zh", "en", "mixed", "ja", "ko", "none"}


def corpus_lines() -> list[tuple[int, str, str, str]]:
    """(line number, label, expected, text) of every data line of the corpus."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
    assert body[0][1] == HEADER
    rows = []
    for n, line in body[1:]:
        label, expected, text = line.split("\t")
        rows.append((n, label, expected, text))
    return rows


def line_id(line: tuple[int, str, str, str]) -> str:
    """A readable test id: line number, class, expected answer, and the text if it is ASCII."""
    n, label, expected, text = line
    shown = text[:30] if text.isascii() and text.isprintable() else ""
    return f"L{n}-{label}-{expected}" + (f"-{shown}" if shown else "")


LINES = corpus_lines()


def test_the_corpus_is_well_formed_and_large_enough() -> None:
    minimum = {"zh": 90, "en": 90, "mixed": 60, "ja": 50, "ko": 50, "none": 60}
    assert len(LINES) >= 420
    for _, label, expected, text in LINES:
        assert label in LABELS and text == text.strip() and text
        assert expected == label or (label == "mixed" and expected in {"zh", "en"})
    for label, count in minimum.items():
        assert sum(line[1] == label for line in LINES) >= count, label
    assert len({line[3] for line in LINES}) == len(LINES), "a message appears twice"


@pytest.mark.parametrize("line", LINES, ids=line_id)
def test_corpus_line(line: tuple[int, str, str, str]) -> None:
    _, _, expected, text = line
    assert detect_language(text) == (None if expected == "none" else expected), text


@pytest.mark.parametrize("text", ["", " ", "  \t\n ", "\u3000\u3000"])
def test_empty_or_blank_text_gives_nothing(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "text", ["ZB-2026-000123", "zb-2026-000123", "#ZB-2026-000123?", "ZB-2026-000123 ZB-2026-7"]
)
def test_a_bare_issue_code_gives_nothing(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "text", ["ZB-2026-000123进度如何", "请尽快处理ZB-2026-000123。", "问题 ZB-2026-000123 已解决"]
)
def test_a_chinese_sentence_with_an_issue_code_is_chinese(text: str) -> None:
    assert detect_language(text) == "zh"


@pytest.mark.parametrize("text", ["請問審批進度如何？", "電費太高了", "營業執照", "這裏停電了"])
def test_traditional_chinese_is_chinese(text: str) -> None:
    assert detect_language(text) == "zh"


def test_kanji_only_text_is_chinese_unless_a_form_is_japanese_only() -> None:
    # Decided: "東京" and other kanji-only text is zh. Its characters are also Traditional
    # Chinese, Japanese sentences almost always carry kana, and in this product a Chinese
    # writer is far more likely. A kanji form written only in Japanese tips it to ja.
    assert detect_language("東京") == "zh"
    assert detect_language("会社") == "zh"
    assert detect_language("電気料金") == "ja"
    assert detect_language("確認済") == "ja"
    assert detect_language("駅前") == "ja"


def test_the_japanese_only_kanji_are_neither_simplified_nor_traditional_chinese() -> None:
    for char in JAPANESE_ONLY_KANJI:
        char.encode("shift_jis")
        for chinese in ("gb2312", "big5"):
            with pytest.raises(UnicodeEncodeError):
                char.encode(chinese)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ERP系统登录不了", "zh"),
        ("Please call 王经理 tomorrow", "en"),
        ("OK收到", "zh"),
        ("Please upload 营业执照副本 and 法人身份证", "en"),
        ("请上传business license和ID card", "zh"),
        ("PDFで送ってください", "ja"),
        ("田中さん, please check the report", "en"),
        ("PDF로 보내주세요", "ko"),
        ("김 부장님께 Please send it", "en"),
        ("申請済みです", "ja"),
        ("田中さん", "ja"),
        ("ERP MES WMS系统故障", "zh"),
        ("Is 福州经济技术开发区管委会 the right office?", "en"),
    ],
)
def test_mixed_scripts(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＯＫ", "en"),
        ("ｔｈａｎｋ ｙｏｕ", "en"),
        ("ＥＲＰ系统登录不了", "zh"),
        ("２０２６", None),
    ],
)
def test_fullwidth_letters_and_digits_count_as_ascii(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_halfwidth_katakana_and_compatibility_jamo() -> None:
    assert detect_language("ｱﾘｶﾞﾄｳ") == "ja"
    assert detect_language("ㅇㅋ") == "ko"


@pytest.mark.parametrize(("text", "expected"), [("A", None), ("x", None), ("ok", "en")])
def test_a_lone_letter_says_nothing_but_two_are_english(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    ["https://zb.example.gov.cn/a?b=c", "wang.li@example.com", "www.example.com", "example.cn"],
)
def test_addresses_give_nothing(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<B>紧急</B>", "zh"),
        ("<!-- draft -->停电", "zh"),
        ("<a href='https://zb.example.gov.cn/form?id=3'>报装</a>", "zh"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>好', "zh"),
        ("&#x4E2D;&quot;停电&quot;", "zh"),
        # Brackets and ampersands that are not markup stay words.
        ("<i think so>", "en"),
        ("Is it <5 days or >10 days?", "en"),
        ("R&D subsidy", "en"),
    ],
)
def test_markup_carries_no_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["Привет", "مرحبا", "สวัสดี", "👍🙏", "!!??…"])
def test_other_scripts_emoji_and_punctuation_give_nothing(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("用电报装申请还没有批下来，" * 20_000, "zh"),
        ("The transformer capacity is not enough. " * 10_000, "en"),
        ("a" * 200_000, "en"),
        ("工場の電力が足りません。" * 20_000, "ja"),
        ("ZB-2026-000123 " * 20_000 + "收到", None),
    ],
)
def test_very_long_text_is_decided_fast_by_its_start(text: str, expected: str | None) -> None:
    started = time.perf_counter()
    assert detect_language(text) == expected
    assert time.perf_counter() - started < 0.5


def test_the_answer_does_not_change_between_calls() -> None:
    texts = [line[3] for line in LINES]
    assert [detect_language(t) for t in texts] == [detect_language(t) for t in texts]

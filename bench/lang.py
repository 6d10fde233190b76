"""Language detection on the labelled corpus: bot.i18n.detection against langdetect.

Prints accuracy per class for both, the messages detect_language gets wrong, and
detect_language's time per call (median and p99 over every call of PASSES passes).
Usage: python -m bench.lang [--passes N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

from bot.i18n.detection import detect_language

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "lang_corpus.tsv"
CLASSES = ("zh", "en", "mixed", "ja", "ko", "none")
CJK = ("zh", "ja", "ko")
LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh", "en": "en", "ja": "ja", "ko": "ko"}
SHORT_CHARS = 10


@dataclass(frozen=True)
class Sample:
    """One corpus line: its class, the answer expected (None for none), the message."""

    label: str
    expected: str | None
    text: str


def read_corpus(path: Path = CORPUS) -> list[Sample]:
    """The corpus's samples, skipping comment lines and the header."""
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "label\texpected\ttext":
            continue
        label, expected, text = line.split("\t")
        samples.append(Sample(label, None if expected == "none" else expected, text))
    return samples


def by_langdetect(text: str) -> str | None:
    """langdetect's answer mapped to zh/en/ja/ko; "other" for any other language."""
    try:
        code = detect(text)
    except LangDetectException:
        return None
    return LANGDETECT_CODES.get(code, "other")


def accuracy(samples: list[Sample], answers: list[str | None]) -> float:
    """Percent of samples answered as expected."""
    right = sum(s.expected == a for s, a in zip(samples, answers, strict=True))
    return 100.0 * right / len(samples) if samples else 0.0


def table(samples: list[Sample], columns: dict[str, Callable[[str], str | None]]) -> None:
    """Print accuracy per class, on short messages, on CJK ones and overall, per detector."""
    answers = {name: [f(s.text) for s in samples] for name, f in columns.items()}
    groups = {c: [i for i, s in enumerate(samples) if s.label == c] for c in CLASSES}
    groups[f"<={SHORT_CHARS} chars"] = [
        i for i, s in enumerate(samples) if len(s.text) <= SHORT_CHARS
    ]
    groups["CJK"] = [i for i, s in enumerate(samples) if s.expected in CJK]
    groups["overall"] = list(range(len(samples)))
    print(f"{'class':<12}{'n':>5}" + "".join(f"{name:>18}" for name in columns))
    for group, picked in groups.items():
        chosen = [samples[i] for i in picked]
        cells = "".join(
            f"{accuracy(chosen, [answers[n][i] for i in picked]):>17.1f}%" for n in columns
        )
        print(f"{group:<12}{len(picked):>5}{cells}")


def timings(samples: list[Sample], passes: int) -> tuple[float, float]:
    """Median and p99 microseconds of one detect_language call over `passes` corpus passes."""
    texts = [s.text for s in samples]
    clock = time.perf_counter_ns
    spent: list[int] = []
    for _ in range(passes):
        for text in texts:
            started = clock()
            detect_language(text)
            spent.append(clock() - started)
    spent.sort()
    return statistics.median(spent) / 1000, spent[int(len(spent) * 0.99)] / 1000


def main(args: argparse.Namespace) -> None:
    """Read the corpus, compare the detectors, time ours, print the summary line last."""
    DetectorFactory.seed = 0
    samples = read_corpus()
    counts = ", ".join(f"{c} {sum(s.label == c for s in samples)}" for c in CLASSES)
    print(f"corpus: {len(samples)} messages ({counts})")
    table(samples, {"detect_language": detect_language, "langdetect": by_langdetect})
    for s in samples:
        answer = detect_language(s.text)
        if answer != s.expected:
            print(f"  miss [{s.label}] {s.text!r}: expected {s.expected}, got {answer}")
    started = time.perf_counter()
    for s in samples:
        by_langdetect(s.text)
    langdetect_us = (time.perf_counter() - started) / len(samples) * 1e6
    median, p99 = timings(samples, args.passes)
    print(
        f"time per call: detect_language median {median:.1f} us, p99 {p99:.1f} us "
        f"({args.passes} passes); langdetect mean {langdetect_us:.0f} us (one pass)"
    )
    ours = [detect_language(s.text) for s in samples]
    cjk = [(s, a) for s, a in zip(samples, ours, strict=True) if s.expected in CJK]
    cjk_acc = accuracy([s for s, _ in cjk], [a for _, a in cjk])
    print(
        f"lang: {accuracy(samples, ours):.1f}% overall, CJK {cjk_acc:.1f}%, {median:.1f} us/call"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=20)
    main(parser.parse_args())

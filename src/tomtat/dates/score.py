"""Precision and recall of a date extractor on a labelled set (tests/data/dates.jsonl).

One scorer for the test and the bench so both report the same numbers. A found
date counts as right when its span overlaps an expected span and its value
agrees (ISO equality by default); each expected date is matched at most once.
Overlap rather than identical spans, because where a span starts ("hôm thứ Ba
(13/4)" or "thứ Ba (13/4)") matters less than finding the date and its value;
exact spans are counted apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["Case", "Found", "Scores", "load_cases", "score"]


@dataclass(frozen=True)
class Case:
    sentence: str
    reference: date | None
    expected: list[tuple[int, int, str | None]]  # (start, end, ISO value or None when it cannot be placed)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: Any  # an ISO string for tomtat; whatever `agree` understands for other extractors


@dataclass
class Scores:
    expected: int = 0
    found: int = 0
    right: int = 0
    exact_spans: int = 0
    false_positives: list[tuple[str, str, Any]] = field(default_factory=list)  # (sentence, found text, value)
    misses: list[tuple[str, str, str | None]] = field(default_factory=list)  # (sentence, expected text, value)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def load_cases(path: Path) -> list[Case]:
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        reference = date.fromisoformat(row["reference"]) if row.get("reference") else None
        expected = [(d["start"], d["start"] + len(d["text"]), d["iso"]) for d in row["dates"]]
        for start, end, _ in expected:
            if row["sentence"][start:end] not in {d["text"] for d in row["dates"]}:
                raise ValueError(f"span {start}:{end} does not match its text in {row['sentence']!r}")
        cases.append(Case(row["sentence"], reference, expected))
    return cases


def score(
    cases: Iterable[Case],
    extract: Callable[[str, date | None], list[Found]],
    agree: Callable[[str | None, Any], bool] = lambda expected, value: expected == value,
) -> Scores:
    """Run `extract(sentence, reference)` on every case and count right, spurious and missed dates."""
    scores = Scores()
    for case in cases:
        found = extract(case.sentence, case.reference)
        scores.expected += len(case.expected)
        scores.found += len(found)
        unmatched = list(case.expected)
        for item in found:
            hit = next((e for e in unmatched if item.start < e[1] and e[0] < item.end and agree(e[2], item.value)), None)
            if hit is None:
                scores.false_positives.append((case.sentence, case.sentence[item.start:item.end], item.value))
                continue
            unmatched.remove(hit)
            scores.right += 1
            scores.exact_spans += (item.start, item.end) == hit[:2]
        scores.misses.extend((case.sentence, case.sentence[s:e], v) for s, e, v in unmatched)
    return scores

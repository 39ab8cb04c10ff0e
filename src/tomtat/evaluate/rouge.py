"""ROUGE at syllable level, as Vietnamese summarization papers report it.

rouge-score's default tokenizer keeps only [a-z0-9], which deletes every
accented letter and so most of a Vietnamese sentence. We hand it our own
tokenizer: NFC, one tone-mark convention, lowercase, punctuation dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rouge_score import rouge_scorer

from tomtat.text.tokens import syllables, truncate_to_syllables

METRICS = ("rouge1", "rouge2", "rougeL")


class VietnameseTokenizer:
    """rouge-score tokenizer interface: `tokenize(text) -> list[str]`."""

    def tokenize(self, text: str) -> list[str]:
        return syllables(text)


@lru_cache(maxsize=2048)
def _words(text: str) -> tuple[str, ...]:
    from tomtat.split import segment_words
    from tomtat.text.normalize import normalize

    return tuple(w for line in normalize(text).split("\n") if line.strip() for w in segment_words(line))


class WordTokenizer:
    """Word-segmented tokens (underthesea), for word-level ROUGE; references are segmented once."""

    def tokenize(self, text: str) -> list[str]:
        return list(_words(text))


@dataclass
class RougeScores:
    """precision, recall, F1 per metric, in percent."""

    scores: dict[str, tuple[float, float, float]]

    def f1(self, metric: str = "rouge2") -> float:
        return self.scores[metric][2]


_SCORERS: dict[str, rouge_scorer.RougeScorer] = {}


def _scorer(level: str) -> rouge_scorer.RougeScorer:
    if level not in _SCORERS:
        tokenizer = VietnameseTokenizer() if level == "syllable" else WordTokenizer()
        _SCORERS[level] = rouge_scorer.RougeScorer(list(METRICS), tokenizer=tokenizer)
    return _SCORERS[level]


def rouge(candidate: str, references: list[str], limit: int | None = None, level: str = "syllable") -> RougeScores:
    """Mean over references of ROUGE-1/2/L P/R/F, candidate cut at `limit` syllables."""
    if not references:
        raise ValueError("ROUGE needs at least one reference summary")
    if limit is not None:
        candidate = truncate_to_syllables(candidate, limit)
    scorer = _scorer(level)
    totals = {m: [0.0, 0.0, 0.0] for m in METRICS}
    for ref in references:
        result = scorer.score(ref, candidate)
        for m in METRICS:
            totals[m][0] += result[m].precision
            totals[m][1] += result[m].recall
            totals[m][2] += result[m].fmeasure
    n = len(references)
    return RougeScores({m: tuple(100 * v / n for v in totals[m]) for m in METRICS})

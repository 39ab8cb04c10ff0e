"""Training targets from human summaries: soft ROUGE-2 gains and the greedy oracle."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from tomtat.evaluate.baselines import oracle_indices
from tomtat.represent import Representation
from tomtat.text.tokens import syllables


def soft_labels(rep: Representation, references: Sequence[str]) -> np.ndarray:
    """Per sentence: mean over references of the share of its bigrams the reference contains."""
    refs = [Counter(zip(t, t[1:])) for t in (syllables(r) for r in references)]
    out = np.zeros(len(rep.sentences))
    if not refs:
        return out
    for i, s in enumerate(rep.sentences):
        grams = Counter(zip(s.syllables, s.syllables[1:]))
        total = sum(grams.values())
        if total:
            out[i] = sum(sum((grams & r).values()) / total for r in refs) / len(refs)
    return out


def oracle_labels(rep: Representation, references: Sequence[str], words: int) -> np.ndarray:
    out = np.zeros(len(rep.sentences))
    out[oracle_indices(rep, words, references)] = 1.0
    return out

"""Training targets from human summaries: membership in the greedy ROUGE-2 oracle."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tomtat.evaluate.baselines import oracle_indices
from tomtat.represent import Representation


def oracle_labels(rep: Representation, references: Sequence[str], syllables: int) -> np.ndarray:
    out = np.zeros(len(rep.sentences))
    out[oracle_indices(rep, syllables, references)] = 1.0
    return out

"""What a scorer produces, and the interface every scorer implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from tomtat.represent import Representation


@dataclass
class Scores:
    """The two weights the selector's objective adds up (both >= 0)."""

    sentence_weights: np.ndarray  # salience of each sentence of rep.sentences
    concept_weights: np.ndarray  # worth of covering each concept of rep.concept_matrix (0: ignored)
    # selector settings the scorer was tuned with (salience_weight, length_exponent,
    # same_fact_overlap); empty: the selector's defaults. An explicit selector argument wins.
    selection: dict[str, Any] = field(default_factory=dict)


class Scorer(Protocol):
    def score(self, rep: Representation) -> Scores: ...

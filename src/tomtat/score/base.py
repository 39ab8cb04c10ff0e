"""What a scorer produces, and the interface every scorer implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from tomtat.represent import Representation


@dataclass
class Scores:
    sentences: np.ndarray  # salience per sentence, >= 0
    concepts: np.ndarray  # weight per concept, >= 0
    # selection settings the scorer was tuned with (salience_weight, length_exponent,
    # same_fact_overlap); empty: the selector's defaults
    selection: dict[str, Any] = field(default_factory=dict)


class Scorer(Protocol):
    def score(self, rep: Representation) -> Scores: ...

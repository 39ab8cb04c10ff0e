"""What a scorer produces, and the interface every scorer implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from tomtat.represent import Representation


@dataclass
class Scores:
    sentences: np.ndarray  # salience per sentence, >= 0
    concepts: np.ndarray  # weight per concept, >= 0


class Scorer(Protocol):
    def score(self, rep: Representation) -> Scores: ...

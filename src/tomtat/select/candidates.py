"""Which sentences may enter a summary at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tomtat.text.punctuation import COMPLETE_END

if TYPE_CHECKING:
    import numpy as np

    from tomtat.represent import Representation

# Fragments shorter than this are headings or leftovers; longer ones are run-ons
# that would eat most of a 200-syllable budget on their own.
MIN_SENTENCE_SYLLABLES = 6
MAX_SENTENCE_SYLLABLES = 80
# A short line without end punctuation is a sub-heading or a link, not a statement.
HEADING_SYLLABLES = 20


def candidates(rep: Representation) -> np.ndarray:
    """Indices of the sentences a summary may hold (read-only; computed once per representation:
    the story stage asks for them once per selection it tries)."""
    cached = rep.__dict__.get("_candidates")
    if cached is None:
        cached = rep.__dict__["_candidates"] = _candidates(rep)
        cached.flags.writeable = False
    return cached


def _candidates(rep: Representation) -> np.ndarray:
    import numpy as np  # here, not at the top: `tomtat.select` is read by `tomtat --help`

    lengths = rep.lengths
    complete = np.array([s.text.rstrip().endswith(COMPLETE_END) for s in rep.sentences], dtype=bool)
    cand = np.flatnonzero(
        (lengths >= MIN_SENTENCE_SYLLABLES) & (lengths <= MAX_SENTENCE_SYLLABLES)
        & (complete | (lengths > HEADING_SYLLABLES))
    )
    return cand if cand.size else np.arange(len(rep.sentences))

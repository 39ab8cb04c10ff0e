"""Stage 5, score: how much each sentence and each concept is worth to the summary.

Scoring is kept apart from selection so any scorer (unsupervised or learned)
can feed the same redundancy-aware selector. `SCORERS` maps the names users
pass (`SummaryOptions.scorer`, `tomtat eval --systems`) to scorer classes built
without arguments; a new scorer is its module plus one registration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tomtat.registry import Lazy, Registry, lazy_attributes

if TYPE_CHECKING:
    from tomtat.score.base import Scorer, Scores
    from tomtat.score.centrality import CentralityScorer
    from tomtat.score.learned import LearnedScorer

# the scorers (and numpy/scipy with them) load on first use, not to list their names
SCORERS: Registry[type] = Registry("scorer", {
    "learned": Lazy("tomtat.score.learned", "LearnedScorer"),
    "centrality": Lazy("tomtat.score.centrality", "CentralityScorer"),
})
DEFAULT_SCORER = "learned"
_LAZY = {
    "Scorer": "tomtat.score.base", "Scores": "tomtat.score.base",
    "CentralityScorer": "tomtat.score.centrality", "LearnedScorer": "tomtat.score.learned",
}

__getattr__ = lazy_attributes(__name__, _LAZY)


def make_scorer(scorer: str | Scorer | None = None) -> Scorer:
    """A scorer from its registered name (None: the default), or the given scorer object itself."""
    if scorer is None or isinstance(scorer, str):
        return SCORERS.resolve(scorer or DEFAULT_SCORER)()
    return scorer


__all__ = ["DEFAULT_SCORER", "SCORERS", "CentralityScorer", "LearnedScorer", "Scorer", "Scores", "make_scorer"]

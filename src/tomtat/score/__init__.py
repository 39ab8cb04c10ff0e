"""Stage 5, score: how much each sentence and each concept is worth to the summary.

Scoring is kept apart from selection so any scorer (unsupervised or learned)
can feed the same redundancy-aware selector.
"""

from tomtat.score.base import Scores, Scorer
from tomtat.score.centrality import CentralityScorer
from tomtat.score.learned import LearnedScorer

__all__ = ["Scores", "Scorer", "CentralityScorer", "LearnedScorer"]

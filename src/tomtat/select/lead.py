"""One article: its own opening sentences, in order, while they fit the budget.

Every selector weighs what several outlets agree on (concept weights counted
over articles, the learned model's support and lead-agreement features). With
one article there is no agreement to weigh, and a news article's opening is its
writer's own summary, so `select` takes that article's candidates in order
(the teaser rule and trimming still apply), skipping any that no longer fits
and taking a shorter later one that does.

Measured on each ViMs cluster's first article alone at 100 syllables (`python
bench/single_article.py`): ROUGE-2 F1 26.15 with the learned greedy selection,
27.71 in article order (the unsupervised scorer 23.47 → 28.02); lead
baseline 29.07, which the evaluator cuts mid-sentence at the budget where
tomtat only takes whole sentences (its recall 22.71 against 21.15).
"""

from __future__ import annotations

import numpy as np

from tomtat.represent import Representation
from tomtat.score import Scores
from tomtat.select.budget import Budget
from tomtat.select.trim import budget_lengths


def article_order(rep: Representation, cand: np.ndarray, scores: Scores, budget: Budget) -> list[int]:
    """The candidates in text order while they fit `budget` (syllables at their trimmed length, and sentences)."""
    lengths = budget_lengths(rep, scores)
    limit = budget.syllables if budget.syllables is not None else np.inf
    most = budget.sentences if budget.sentences is not None else cand.size
    chosen: list[int] = []
    used = 0.0
    for i in cand.tolist():  # (candidates come in text order: `candidates` and `select` keep it)
        if len(chosen) >= most:
            break
        if used + lengths[i] <= limit:
            chosen.append(i)
            used += lengths[i]
    return chosen

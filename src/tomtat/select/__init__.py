"""Stage 6, select: pick non-redundant sentences that fit the length budget.

Both selectors maximize the same objective, distinct concept weight covered
plus sentence salience, under the budget: `greedy` (default) is fast and
scored better on ViMs, `ilp` solves it exactly with HiGHS.
"""

from __future__ import annotations

from tomtat.represent import SAME_FACT_OVERLAP, Representation
from tomtat.score import Scores
from tomtat.select.budget import DEFAULT_SYLLABLES, Budget
from tomtat.select.candidates import candidates
from tomtat.select.greedy import select_greedy
from tomtat.select.ilp import select_ilp

METHODS = ("greedy", "ilp")
# Defaults for a scorer that brings no settings of its own (the unsupervised one);
# the learned model stores the values chosen by cross-validation on ViMs + AbMuSu.
SALIENCE_WEIGHT = 1.0  # sentence salience against concept coverage
LENGTH_EXPONENT = 0.5  # greedy gain per length^r


def select(rep: Representation, scores: Scores, budget: Budget, method: str = "greedy") -> list[int]:
    """Indices into `rep.sentences` of the chosen sentences, unordered."""
    if not rep.sentences:
        return []
    cand = candidates(rep)
    settings = scores.selection
    salience_weight = float(settings.get("salience_weight", SALIENCE_WEIGHT))
    max_overlap = float(settings.get("same_fact_overlap", SAME_FACT_OVERLAP))
    if method == "greedy":
        scale = float(settings.get("length_exponent", LENGTH_EXPONENT))
        return select_greedy(rep, cand, scores, budget, salience_weight, scale=scale, max_overlap=max_overlap)
    if method == "ilp":
        return select_ilp(rep, cand, scores, budget, salience_weight, max_overlap=max_overlap)
    raise ValueError(f"unknown selection method {method!r}; choose one of {', '.join(METHODS)}")


__all__ = ["Budget", "DEFAULT_SYLLABLES", "METHODS", "select", "select_greedy", "select_ilp"]

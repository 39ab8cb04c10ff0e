"""Concept-coverage selection as an integer linear program (scipy's HiGHS).

Maximize the weight of distinct concepts covered (each counted once, which is
what removes cross-outlet redundancy) plus the salience term, subject to the
length budget. HiGHS is bounded by a time limit and a relative gap so one hard
cluster cannot stall a batch; if it finds nothing in time, greedy answers.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from tomtat.represent import SAME_FACT_OVERLAP, Representation
from tomtat.score import Scores
from tomtat.select.budget import Budget
from tomtat.select.greedy import SALIENCE_WEIGHT, candidate_matrix, scaled_salience, select_greedy, setting

# HiGHS stops here with its best solution so one hard cluster cannot stall a batch.
TIME_LIMIT = 1.0


def select_ilp(
    rep: Representation,
    cand: np.ndarray,
    scores: Scores,
    budget: Budget,
    salience_weight: float | None = None,
    time_limit: float = TIME_LIMIT,
    max_overlap: float | None = None,
) -> list[int]:
    """Indices into rep.sentences of the chosen sentences (unordered).

    A setting left None comes from `scores.selection`, else the module default.
    When HiGHS finds no solution in `time_limit` seconds greedy answers with
    the same settings (its length exponent from `scores.selection` too), so the
    fallback is exactly what `method="greedy"` would have chosen.
    """
    salience_weight = setting(scores, "salience_weight", salience_weight, SALIENCE_WEIGHT)
    max_overlap = setting(scores, "same_fact_overlap", max_overlap, SAME_FACT_OVERLAP)
    lengths = rep.lengths[cand]
    incidence, w = candidate_matrix(rep, cand, scores.concept_weights)
    n, m = incidence.shape
    sal = scaled_salience(scores.sentence_weights[cand], w, salience_weight)
    # variables: x (sentences) then y (concepts); milp minimizes
    objective = -np.concatenate([sal, w])
    # y_j <= sum of x_i over the sentences i containing concept j
    coverage = sparse.hstack([-incidence.T, sparse.identity(m)]).tocsr()
    constraints = [LinearConstraint(coverage, -np.inf, 0.0)]
    if max_overlap < 1.0 and n > 1:
        # x_i + x_j <= 1 for every pair stating the same fact
        pairs = np.argwhere(np.triu(rep.overlap(cand)[:, cand] > max_overlap, k=1))
        if pairs.size:
            rows = np.repeat(np.arange(len(pairs)), 2)
            exclusive = sparse.csr_matrix((np.ones(rows.size), (rows, pairs.ravel())), shape=(len(pairs), n + m))
            constraints.append(LinearConstraint(exclusive, -np.inf, 1.0))
    if budget.syllables is not None:
        constraints.append(LinearConstraint(np.concatenate([lengths, np.zeros(m)])[None, :], 0, budget.syllables))
    if budget.sentences is not None:
        constraints.append(LinearConstraint(np.concatenate([np.ones(n), np.zeros(m)])[None, :], 0, budget.sentences))
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n + m),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 0.01},
    )
    if result.x is None:
        return select_greedy(rep, cand, scores, budget, salience_weight=salience_weight, max_overlap=max_overlap)
    return [int(cand[i]) for i in np.flatnonzero(result.x[:n] > 0.5)]

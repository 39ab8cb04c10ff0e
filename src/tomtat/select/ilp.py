"""Concept-coverage selection as an integer linear program (scipy's HiGHS).

Maximize the weight of distinct concepts covered (each counted once, which is
what removes cross-outlet redundancy) plus a small salience term, subject to
the length budget. HiGHS is bounded by a time limit and a relative gap so one
hard cluster cannot stall a batch.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from tomtat.represent import Representation
from tomtat.score import Scores
from tomtat.select.budget import Budget

def select_ilp(
    rep: Representation,
    cand: np.ndarray,
    scores: Scores,
    budget: Budget,
    salience_weight: float = 1.0,
    time_limit: float = 1.0,
) -> list[int]:
    """Indices into rep.sentences of the chosen sentences (unordered)."""
    lengths = rep.lengths[cand]
    used = sorted({c for i in cand for c in rep.concepts[i] if scores.concepts[c] > 0})
    col = {c: k for k, c in enumerate(used)}
    n, m = cand.size, len(used)

    # variables: x (sentences) then y (concepts)
    sal = scores.sentences[cand]
    sal = sal / (sal.max() or 1.0)
    w = scores.concepts[used] if m else np.zeros(0)
    objective = -np.concatenate([salience_weight * sal * (w.mean() if m else 1.0), w])

    rows, cols, vals = [], [], []
    # y_j <= sum of x_i over sentences i containing j
    for k, c in enumerate(used):
        rows.append(k), cols.append(n + k), vals.append(1.0)
    incidence = [(col[c], i) for i, s in enumerate(cand) for c in rep.concepts[s] if c in col]
    for k, i in incidence:
        rows.append(k), cols.append(i), vals.append(-1.0)
    constraints = []
    if m:
        a = sparse.csr_matrix((vals, (rows, cols)), shape=(m, n + m))
        constraints.append(LinearConstraint(a, -np.inf, 0.0))
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
        return _greedy(cand, lengths, -objective[:n], budget)
    return [int(cand[i]) for i in np.flatnonzero(result.x[:n] > 0.5)]


def _greedy(cand: np.ndarray, lengths: np.ndarray, value: np.ndarray, budget: Budget) -> list[int]:
    """Fallback when the solver returns nothing in time: best value per syllable first."""
    chosen, used = [], 0.0
    for i in np.argsort(-value / np.maximum(lengths, 1)):
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        if budget.syllables is not None and used + lengths[i] > budget.syllables:
            continue
        chosen.append(int(cand[i]))
        used += lengths[i]
    return chosen

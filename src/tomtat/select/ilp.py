"""Concept-coverage selection as an integer linear program (scipy's HiGHS).

Maximize the weight of distinct concepts covered (each counted once, which is
what removes cross-outlet redundancy) plus the salience term, subject to the
length budget.

The answer never depends on the machine's load: HiGHS runs with no
wall-clock limit (a 1 s limit made 24 of 120 ViMs runs stop at a different
point under load, issue 10). Its work is bounded deterministically instead:

- a problem-size cap (`MAX_NONZEROS` constraint coefficients; the largest of
  60 ViMs clusters has 7,327 and solves in about 2 s) -- larger problems go to
  greedy without calling HiGHS;
- a branch-and-bound node limit (`NODE_LIMIT`; ViMs needs at most 5 nodes).

HiGHS itself is deterministic (same input, same answer, measured three
times on the hardest ViMs cluster). When it does not prove a solution
optimal (within the 1% `mip_rel_gap`) under these bounds, the default greedy
answers, the same way every time, and the selection carries a warning saying
so: the ILP is exact only when it does not fall back.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from tomtat.represent import SAME_FACT_OVERLAP, Representation
from tomtat.score import Scores
from tomtat.select.budget import Budget
from tomtat.select.greedy import SALIENCE_WEIGHT, candidate_matrix, scaled_salience, select_greedy, setting
from tomtat.select.selection import Selection
from tomtat.select.trim import budget_lengths

# Deterministic bounds on HiGHS's work (see the module docstring); past them greedy answers.
NODE_LIMIT = 1000
MAX_NONZEROS = 20_000
MIP_REL_GAP = 0.01


def select_ilp(
    rep: Representation,
    cand: np.ndarray,
    scores: Scores,
    budget: Budget,
    salience_weight: float | None = None,
    max_overlap: float | None = None,
    node_limit: int = NODE_LIMIT,
    max_nonzeros: int = MAX_NONZEROS,
) -> Selection:
    """Indices into rep.sentences of the chosen sentences (unordered).

    A setting left None comes from `scores.selection`, else the module default.
    When the problem has more than `max_nonzeros` coefficients, or HiGHS
    does not prove an optimum within `node_limit` nodes, greedy answers with
    the same settings (its length exponent from `scores.selection` too), so the
    fallback is exactly what `method="greedy"` would have chosen; the result
    then carries a warning.
    """
    salience_weight = setting(scores, "salience_weight", salience_weight, SALIENCE_WEIGHT)
    max_overlap = setting(scores, "same_fact_overlap", max_overlap, SAME_FACT_OVERLAP)
    lengths = budget_lengths(rep, scores)[cand]  # as the summary shows them (select.trim)
    incidence, w = candidate_matrix(rep, cand, scores.concept_weights)
    n, m = incidence.shape
    sal = scaled_salience(scores.sentence_weights[cand], w, salience_weight)
    # variables: x (sentences) then y (concepts); milp minimizes
    objective = -np.concatenate([sal, w])
    # y_j <= sum of x_i over the sentences i containing concept j
    coverage = sparse.hstack([-incidence.T, sparse.identity(m)]).tocsr()
    constraints = [LinearConstraint(coverage, -np.inf, 0.0)]

    def fallback(reason: str) -> Selection:
        chosen = select_greedy(rep, cand, scores, budget, salience_weight=salience_weight, max_overlap=max_overlap)
        return Selection(chosen, [f"method ilp fell back to greedy ({reason}); this summary is greedy's, not the exact optimum"])

    if coverage.nnz > max_nonzeros:
        # over the cap before the same-fact pairs are even listed: on 200 long articles listing them
        # (every candidate against every other sharing a concept) cost more than greedy's whole answer
        return fallback(f"the problem has over {coverage.nnz} coefficients, over the {max_nonzeros} cap")
    if max_overlap < 1.0 and n > 1:
        # x_i + x_j <= 1 for every pair stating the same fact
        pairs = rep.overlapping_pairs(cand, max_overlap)  # sparse: only pairs sharing a concept
        if pairs.size:
            rows = np.repeat(np.arange(len(pairs)), 2)
            exclusive = sparse.csr_matrix((np.ones(rows.size), (rows, pairs.ravel())), shape=(len(pairs), n + m))
            constraints.append(LinearConstraint(exclusive, -np.inf, 1.0))
    if budget.syllables is not None:
        constraints.append(LinearConstraint(np.concatenate([lengths, np.zeros(m)])[None, :], 0, budget.syllables))
    if budget.sentences is not None:
        constraints.append(LinearConstraint(np.concatenate([np.ones(n), np.zeros(m)])[None, :], 0, budget.sentences))

    size = sum(c.A.nnz if sparse.issparse(c.A) else np.count_nonzero(c.A) for c in constraints)
    if size > max_nonzeros:
        return fallback(f"the problem has {size} coefficients, over the {max_nonzeros} cap")
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n + m),
        bounds=Bounds(0, 1),
        options={"node_limit": node_limit, "mip_rel_gap": MIP_REL_GAP},
    )
    if result.x is None or result.status != 0:  # 0: optimal within the gap; else a limit, or no solution
        return fallback(f"HiGHS proved no optimum within {node_limit} nodes")
    return Selection([int(cand[i]) for i in np.flatnonzero(result.x[:n] > 0.5)])

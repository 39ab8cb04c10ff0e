"""Budgeted greedy maximization of the same concept-coverage objective as the ILP.

Concept coverage is monotone submodular, so picking the sentence with the best
gain per syllable (the length raised to `length_exponent`, Lin & Bilmes 2010)
and comparing with the best single sentence is near-optimal in practice and a
hundred times faster than the exact ILP: a few sparse mat-vecs per chosen
sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from tomtat.represent import SAME_FACT_OVERLAP, Representation
from tomtat.represent.rows import entry_rows, row_dot
from tomtat.score import Scores
from tomtat.select.budget import Budget
from tomtat.select.trim import budget_lengths

# Defaults for a scorer that brings no settings of its own (the unsupervised one);
# the learned model stores the values chosen by cross-validation on ViMs + AbMuSu
# (Scores.selection). Weight of the salience term against covered concept weight:
SALIENCE_WEIGHT = 1.0
# Gain is divided by length ** LENGTH_EXPONENT: 1.0 favours short sentences,
# 0.0 ignores length. 0.5 scored best on ViMs (README, "Design decisions").
LENGTH_EXPONENT = 0.5


# candidate x concept entries up to which the greedy loop computes its gains on the arrays (`product`)
_ARRAY_ENTRIES = 100_000


def setting(scores: Scores, name: str, given: float | None, default: float) -> float:
    """An explicit argument, else the setting the scorer was tuned with, else the selector's default."""
    if given is not None:
        return float(given)
    return float(scores.selection.get(name, default))


def candidate_matrix(rep: Representation, cand: np.ndarray, weights: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sentence x concept incidence over concepts with positive weight, and those weights."""
    indptr, cols, data, used_weights = _candidate_arrays(rep, cand, weights)
    return sparse.csr_matrix((data, cols, indptr), shape=(len(cand), used_weights.size)), used_weights


def _candidate_arrays(
    rep: Representation, cand: np.ndarray, weights: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`candidate_matrix` as its CSR arrays (indptr, column indices, values) and the weights."""
    used = np.flatnonzero(weights > 0)
    m = rep.concept_matrix
    # rows, then columns, read off the CSR arrays (scipy's fancy indexing of both was 5 ms a cluster)
    starts, ends = m.indptr[cand], m.indptr[np.asarray(cand) + 1]
    sizes = ends - starts
    at = np.arange(int(sizes.sum())) + np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
    column = np.full(m.shape[1], -1, dtype=np.int64)
    column[used] = np.arange(used.size)
    new_col = column[m.indices[at]]
    keep = new_col >= 0
    row_of = np.repeat(np.arange(len(cand)), sizes)
    indptr = np.zeros(len(cand) + 1, dtype=m.indptr.dtype)
    np.cumsum(np.bincount(row_of[keep], minlength=len(cand)), out=indptr[1:])
    return indptr, new_col[keep].astype(m.indices.dtype), m.data[at][keep], weights[used]


# candidates from which the selections of one representation share one gathering of their concepts
_SHARED_ROWS = 5_000


def _subset_arrays(
    rep: Representation, cand: np.ndarray, weights: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`_candidate_arrays(rep, cand, weights)` read off those of every candidate of `rep` (`candidates`),
    gathered once per representation and weights: the story stage selects up to four times with a few
    sentences banned each time, and on the 200 x 100,000-character bench cluster each gathering of 130k
    candidates' concepts was two thirds of its selection. The same rows, so the same arrays."""
    from tomtat.select.candidates import candidates

    everyone = candidates(rep)
    found = rep.memo.get("candidate_arrays")
    if found is None or not np.array_equal(found[0], weights):
        found = rep.memo["candidate_arrays"] = (weights.copy(), _candidate_arrays(rep, everyone, weights))
    indptr, cols, data, used_weights = found[1]
    at = np.searchsorted(everyone, cand)
    if at.size and (at[-1] >= everyone.size or not np.array_equal(everyone[np.minimum(at, everyone.size - 1)], cand)):
        return _candidate_arrays(rep, cand, weights)  # (not a subset of the candidates)
    starts, ends = indptr[at], indptr[at + 1]
    sizes = ends - starts
    entries = np.arange(int(sizes.sum())) + np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
    new_indptr = np.zeros(cand.size + 1, dtype=indptr.dtype)
    np.cumsum(sizes, out=new_indptr[1:])
    return new_indptr, cols[entries], data[entries], used_weights


def scaled_salience(salience: np.ndarray, weights: np.ndarray, salience_weight: float) -> np.ndarray:
    """Salience on the scale of an average concept, so `salience_weight` means the same in any cluster."""
    top = salience.max() if salience.size else 0.0
    return salience_weight * salience / (top or 1.0) * (weights.mean() if weights.size else 1.0)


def select_greedy(
    rep: Representation,
    cand: np.ndarray,
    scores: Scores,
    budget: Budget,
    salience_weight: float | None = None,
    length_exponent: float | None = None,
    max_overlap: float | None = None,
    blockers: Sequence[Callable[[int], np.ndarray]] = (),
) -> list[int]:
    """Indices into rep.sentences of the chosen sentences (unordered).

    A setting left None comes from `scores.selection`, else the module default.
    `blockers` are further redundancy rules beside the same-fact one: each is
    called with the place in `cand` of every sentence greedy picks and returns a
    boolean mask over `cand` of the candidates that pick rules out (the
    selection bench's redundancy variants are written so).
    """
    salience_weight = setting(scores, "salience_weight", salience_weight, SALIENCE_WEIGHT)
    length_exponent = setting(scores, "length_exponent", length_exponent, LENGTH_EXPONENT)
    max_overlap = setting(scores, "same_fact_overlap", max_overlap, SAME_FACT_OVERLAP)
    lengths = budget_lengths(rep, scores)[cand]  # as the summary shows them (select.trim)
    gather = _subset_arrays if cand.size > _SHARED_ROWS else _candidate_arrays
    indptr, indices, data, w = gather(rep, cand, scores.concept_weights)
    if indices.size <= _ARRAY_ENTRIES:
        # `incidence @ x` on the CSR arrays: scipy's `csr_matvec` adds each row's products in order from 0,
        # as `np.bincount` adds its weights (the same gains bit for bit, without scipy's per-call overhead)
        row_of = entry_rows(indptr)

        def product(x: np.ndarray) -> np.ndarray:
            return row_dot(data, indices, row_of, x, cand.size)
    else:  # (a large cluster: one pass in C beats numpy's temporaries)
        product = sparse.csr_matrix((data, indices, indptr), shape=(cand.size, w.size)).__matmul__
    sal = scaled_salience(scores.sentence_weights[cand], w, salience_weight)
    limit = budget.syllables if budget.syllables is not None else np.inf
    max_count = budget.sentences if budget.sentences is not None else cand.size

    def concepts_of(row: int) -> np.ndarray:
        # the CSR row read directly: `incidence[row]` built a sparse matrix per call (scipy's overhead)
        return indices[indptr[row]:indptr[row + 1]]

    def value(chosen: list[int]) -> float:
        if not chosen:
            return 0.0
        covered = np.zeros(w.size, dtype=bool)
        for row in chosen:
            covered[concepts_of(row)] = True
        return float(w[covered].sum() + sal[chosen].sum())

    remaining = np.ones(cand.size, dtype=bool)
    uncovered = w.copy()
    scale = np.power(np.maximum(lengths, 1.0), length_exponent)  # (the same every round)
    # a news-sized cluster's dense overlap table: the chosen sentence's row, read at the candidates
    table = rep.overlap_table("comparable") if 0.0 <= max_overlap < 1.0 else None
    if table is None:
        position = np.full(len(rep.sentences), -1, dtype=np.intp)  # sentence index -> its place in cand
        position[cand] = np.arange(cand.size)
    chosen: list[int] = []
    used = 0.0
    while len(chosen) < max_count:
        fits = remaining & (lengths + used <= limit)
        if not fits.any():
            break
        gains = product(uncovered) + sal
        ratio = np.where(fits, gains / scale, -np.inf)
        best = int(np.argmax(ratio))
        if gains[best] <= 0:
            break
        chosen.append(best)
        used += lengths[best]
        remaining[best] = False
        uncovered[concepts_of(best)] = 0.0
        if max_overlap < 0.0:
            remaining[:] = False  # every overlap (0 included) is above it
        elif table is not None:
            # (the candidates `overlap_row` below finds above the limit, in three numpy calls instead of nine)
            remaining &= ~(table[cand[best], cand] > max_overlap)
        elif max_overlap < 1.0:
            # coverage alone still admits a paraphrase that adds one new detail; one sparse row: only the
            # sentences sharing a concept with it can be above the limit
            cols, ratio = rep.overlap_row(int(cand[best]), at_least=max_overlap)
            where = position[cols[ratio > max_overlap]]
            remaining[where[where >= 0]] = False
        for block in blockers:
            remaining &= ~block(best)
    singles = np.flatnonzero(lengths <= limit)
    if singles.size:
        # (rows apart: the same values as the rows' product)
        single_values = product(w)[singles] + sal[singles]
        best_single = int(singles[np.argmax(single_values)])
        if single_values.max() > value(chosen):
            chosen = [best_single]
    return [int(cand[i]) for i in chosen]

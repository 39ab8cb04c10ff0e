"""The same-fact rows the story, the timeline and the credits read: computed once per sentence, several rows at a time.

Three stages ask which sentences state the same fact as a given one (concept
overlap of at least SAME_FACT_OVERLAP, `Representation.overlap_row`'s
"comparable" measure): `prefer_dated` for each undated chosen sentence, once
per selection it tries; the timeline for every dated candidate; "also reported
by" for every summary sentence. They asked for the same rows again, and one
row at a time costs about 40 us of numpy calls on ViMs (a few rows through
`overlap_rows` add a sparse matrix around them): that was 1.0 ms of the 20 ms
a ViMs cluster takes. Here each sentence's row is kept in the
representation's memo, and the missing rows of one request are counted
together: the concepts of all of them, their postings and one count of
(row, sentence) pairs. Large requests (the timeline of 200 long articles) go
through `overlap_rows`, which works a block of rows at a time and counts
identical rows once. Every row is the one `overlap_row` gives, in the same
order (ascending sentence index), with the same ratios. Where the
representation keeps its dense overlap table (clusters up to
`DENSE_OVERLAP_ROWS` sentences: every ViMs and AbMuSu cluster), rows are
read off it instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from tomtat.represent import SAME_FACT_OVERLAP, Representation

# at most this many missing rows are counted here (a request this small costs its numpy calls, not
# its pairs); more go through `Representation.overlap_rows`, block by block (the timeline's rows of
# synthetic ViMs clusters: 34 rows 0.5 against 1.3 ms, 66 rows 1.4 against 1.1 ms)
_TOGETHER = 48

Row = tuple[np.ndarray, np.ndarray]  # (sentence indices, ascending; their overlap ratios)


def same_fact_rows(rep: Representation, rows: Iterable[int], at_least: float = SAME_FACT_OVERLAP) -> dict[int, Row]:
    """For each sentence in `rows`: `rep.overlap_row(i, at_least=at_least)`, from the memo where computed before."""
    memo: dict[int, Row] = rep.memo.setdefault(("same_fact_rows", at_least), {})
    wanted = list(dict.fromkeys(int(i) for i in rows))
    missing = [i for i in wanted if i not in memo]
    table = rep.overlap_table("comparable") if missing else None
    if table is not None:
        # a news-sized cluster holds every pair's overlap in one table already (built for the selector):
        # the rows are read off it at once, each `overlap_row`'s columns and ratios (row by row this was
        # four numpy calls a row, 16 rows a ViMs cluster)
        sub = table[missing]
        r, c = np.nonzero((sub >= at_least) & (sub > 0))  # (row by row, columns ascending)
        ratios = sub[r, c]
        bounds = np.searchsorted(r, np.arange(len(missing) + 1)).tolist()
        for k, i in enumerate(missing):
            memo[i] = c[bounds[k]:bounds[k + 1]], ratios[bounds[k]:bounds[k + 1]]
    elif len(missing) > _TOGETHER:
        found = rep.overlap_rows(missing, at_least=at_least)
        indptr, indices, data = found.indptr, found.indices.astype(np.intp), found.data
        for n, i in enumerate(missing):
            memo[i] = indices[indptr[n]:indptr[n + 1]], data[indptr[n]:indptr[n + 1]]
    elif missing:
        memo.update(_count_rows(rep, np.asarray(missing, dtype=np.intp), at_least))
    return {i: memo[i] for i in wanted}


def _spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions starts[k] .. starts[k] + lengths[k] - 1 of every k, in one index array."""
    return np.arange(int(lengths.sum())) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)


def _count_rows(rep: Representation, rows: np.ndarray, at_least: float) -> dict[int, Row]:
    """`overlap_row` of several sentences with one set of numpy calls: each row's concepts, their
    postings, and the shared concepts of every (row, sentence) pair counted by one `np.unique`."""
    m, by_concept, sizes = rep.concept_matrix, rep.concepts_by_concept, rep.concept_sizes
    n = m.shape[0]
    own = m.indptr[rows + 1] - m.indptr[rows]
    concepts = m.indices[_spans(m.indptr[rows], own)]
    posted = by_concept.indptr[concepts + 1] - by_concept.indptr[concepts]
    hits = by_concept.indices[_spans(by_concept.indptr[concepts], posted)]
    owner = np.repeat(np.repeat(np.arange(rows.size, dtype=np.int64), own), posted)
    pairs, shared = np.unique(owner * n + hits, return_counts=True)  # sorted: by row, then by sentence
    row, cols = np.divmod(pairs, n)
    ratio = rep._ratios(sizes[rows][row], sizes[cols], shared.astype(float), "comparable")
    keep = (ratio >= at_least) & (ratio > 0)
    row, cols, ratio = row[keep], cols[keep].astype(np.intp), ratio[keep]
    bounds = np.searchsorted(row, np.arange(rows.size + 1))
    return {int(i): (cols[bounds[k]:bounds[k + 1]], ratio[bounds[k]:bounds[k + 1]]) for k, i in enumerate(rows)}

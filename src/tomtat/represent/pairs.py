"""Similar sentence pairs without comparing every sentence with every other.

`vectors @ vectors.T` over a cluster of 200 long articles (7.7k sentences)
is 69% non-zero: every two sentences share some common syllable. But a pair
can only reach a cosine of `threshold` through the terms that carry weight,
and with TF-IDF those are the rarer ones. So each row is split (the
"prefix filter" of all-pairs similarity search, Bayardo et al. 2007): its
entries on the most common terms, as many as keep their length below
sqrt(threshold), form the prefix; the rest, the row's rarer terms, its
suffix. Two rows whose prefixes alone meet have a dot product there of at
most sqrt(t) x sqrt(t) = t, so any pair at or above `threshold` (strictly
above in the boundary case, see below) shares a term in the suffix of at
least one of the two. Candidates are the pairs that do (a sparse product
over rare terms, near linear in the rows), and their exact cosine decides.

The result is the same set of pairs the full product gives.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from tomtat.represent.rows import entry_rows

# candidate pairs whose exact cosine is computed at once (bounds the temporary rows)
_CHUNK = 200_000
# up to this many rows the full product is computed (at most 1M entries): faster on ViMs-sized clusters
DIRECT_ROWS = 1000
# rows whose candidate pairs are found at once
_BLOCK_ROWS = 2048
PREFIX_SHARE = 0.75  # prefix length^2 below 3/4 of the threshold: fastest on 200 x 3, 6 and 12 ViMs-sized articles


def _suffix(matrix: sparse.csr_matrix, threshold: float, share: float = 1.0) -> sparse.csr_matrix:
    """Each row's entries past its prefix of common terms (whose length stays below sqrt(threshold))."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    per_row = np.diff(matrix.indptr)
    row_of = entry_rows(matrix.indptr)
    # within each row: most common terms first (ties in column order): one stable sort of an int64 key,
    # the order `np.lexsort((-df[indices], row_of))` gives in a quarter of its time
    top = int(df.max()) if df.size else 0
    order = np.argsort(row_of.astype(np.int64) * (top + 1) + (top - df[matrix.indices]), kind="stable")
    squares = matrix.data[order] ** 2
    running = np.cumsum(squares)
    before = np.repeat(np.concatenate([[0.0], running])[matrix.indptr[:-1]], per_row)
    # prefix length^2 < t, i.e. length < sqrt(t) (with a margin for the rounding of the running sum)
    in_prefix = (running - before) < share * threshold * (1 - 1e-9)
    mask = np.zeros(matrix.nnz, dtype=bool)
    mask[order[~in_prefix]] = True
    data = np.where(mask, matrix.data, 0.0)
    out = sparse.csr_matrix((data, matrix.indices.copy(), matrix.indptr.copy()), shape=matrix.shape)
    out.eliminate_zeros()
    return out


def row_dots(matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`matrix[rows[k]] . matrix[cols[k]]` for every k, a chunk of pairs at a time."""
    out = np.empty(rows.size)
    for a in range(0, rows.size, _CHUNK):
        r, c = rows[a:a + _CHUNK], cols[a:a + _CHUNK]
        out[a:a + r.size] = np.asarray(matrix[r].multiply(matrix[c]).sum(axis=1)).ravel()
    return out


def similar_pairs(vectors: sparse.csr_matrix, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Every ordered pair (i, j), i != j, of unit-length non-negative rows with cosine >= `threshold`.

    With S the suffixes and P = vectors - S the prefixes, x.y = xS.y + xP.yS
    + xP.yP: the first two come from sparse products that only meet through
    suffix (rarer) terms, a block of rows at a time, and the third lies between
    0 and |xP| |yP| < threshold. Only pairs that bound leaves undecided get
    their prefix dot computed. Memory and time follow the pairs sharing a rare
    term, not the square of the rows. Each block of rows x meets only the rows
    y before it, in one product of [y, yS] with [xS, xP]: every unordered pair
    is found once (two products over all rows listed each twice; on the
    200 x 100,000-character bench cluster 13M candidates instead of 24M, and
    a quarter less time).
    """
    vectors = vectors.tocsr()
    n = vectors.shape[0]
    if n < 2:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    if threshold <= 0:
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
        return rows, cols
    if n <= DIRECT_ROWS:  # small clusters: the full product is cheaper than finding candidates
        rows, cols = (vectors @ vectors.T >= threshold).nonzero()
        other = rows != cols
        return rows[other].astype(np.intp), cols[other].astype(np.intp)
    suffix = _suffix(vectors, threshold, PREFIX_SHARE)
    prefix = (vectors - suffix).tocsr()
    prefix.eliminate_zeros()
    lengths = np.sqrt(np.asarray(prefix.multiply(prefix).sum(axis=1)).ravel())
    top = float(lengths.max()) if lengths.size else 0.0
    # y.xS + yS.xP as one product: [y, yS] . [xS, xP], every earlier row y against a block of rows x
    earlier = sparse.hstack([vectors, suffix], format="csr")
    found_rows, found_cols = [], []
    for a in range(0, n, _BLOCK_ROWS):  # a block of rows at a time: memory follows the block's candidates
        b = min(n, a + _BLOCK_ROWS)
        # only the rows before each block row: every unordered pair once (the full symmetric product
        # listed each twice), and only the block's own rows transposed
        # (the first b rows as views of the arrays: slicing copied them, a fifth of the search)
        end = earlier.indptr[b]
        head = sparse.csr_matrix((earlier.data[:end], earlier.indices[:end], earlier.indptr[:b + 1]),
                                 shape=(b, earlier.shape[1]), copy=False)
        known = head @ sparse.hstack([suffix[a:b], prefix[a:b]], format="csr").T
        # a pair is open or a hit only if low + |xP| |yP| >= threshold, so only if low + top^2 is
        # (rounding is monotone): most candidates share one middling term and fall below it, and are
        # dropped before any row index or length is gathered for them (that was most of the filtering)
        maybe = np.flatnonzero(known.data + top * top >= threshold)
        rows = (np.searchsorted(known.indptr, maybe, side="right") - 1).astype(np.intp)
        cols, low = known.indices[maybe].astype(np.intp) + a, known.data[maybe]
        before = rows < cols
        rows, cols, low = rows[before], cols[before], low[before]
        hit = low >= threshold
        open_ = ~hit & (low + lengths[rows] * lengths[cols] >= threshold)
        if open_.any():
            exact = low[open_] + row_dots(prefix, rows[open_], cols[open_])
            hit[np.flatnonzero(open_)[exact >= threshold]] = True
        found_rows.append(rows[hit])
        found_cols.append(cols[hit])
    rows, cols = np.concatenate(found_rows), np.concatenate(found_cols)
    return np.concatenate([rows, cols]), np.concatenate([cols, rows])


def duplicate_groups(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(first row of each group of identical rows, each row's group): rows equal entry for entry share one.

    Syndicated copies and repeated boilerplate give identical sentence vectors
    (the same terms, hence the same TF-IDF row). Rows are compared by the bytes
    of their (sorted) column indices and values, one dict look-up a row.
    """
    matrix = matrix.tocsr()
    matrix.sort_indices()
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    seen: dict[bytes, int] = {}
    group = np.empty(matrix.shape[0], dtype=np.intp)
    first: list[int] = []
    for i in range(matrix.shape[0]):
        a, b = indptr[i], indptr[i + 1]
        key = indices[a:b].tobytes() + data[a:b].tobytes()
        g = seen.get(key)
        if g is None:
            g = seen[key] = len(first)
            first.append(i)
        group[i] = g
    return np.asarray(first, dtype=np.intp), group


def support_counts(
    vectors: sparse.csr_matrix, doc: np.ndarray, n_docs: int, threshold: float,
    groups: tuple[np.ndarray, np.ndarray] | None = None, similarities: np.ndarray | None = None,
) -> np.ndarray:
    """For each row, how many articles other than its own hold a row with cosine >= `threshold` to it.

    Exactly what counting the articles of `similar_pairs(vectors, threshold)`
    gives, computed over distinct rows only: identical rows have the same
    neighbours, so the pairs are found among the distinct rows, and each
    distinct row reaches the articles of its neighbours' copies and of its own
    copies (a non-empty unit row is similar to itself). Its own article is then
    taken off once (every non-empty row reaches it through itself; an empty row
    reaches nothing). On the 200 x 100,000-character bench cluster, whose text
    repeats ViMs sentences, this took the support feature from most of the run
    to a fraction of it; memory follows the distinct rows' pairs, and the
    article count per row is bounded by `n_docs` however many copies a row has.
    Up to `DIRECT_ROWS` rows (every ViMs and AbMuSu cluster) one dense table of
    the full product answers instead: the sparse bookkeeping cost more there
    (`similarities`: that dense product, when the caller already has it).
    """
    vectors = vectors.tocsr()
    n = vectors.shape[0]
    if n == 0:
        return np.zeros(0)
    doc = np.asarray(doc, dtype=np.intp)
    if n <= DIRECT_ROWS:  # a news cluster: one dense table of the full product, no sparse bookkeeping
        hit = ((vectors @ vectors.T).toarray() if similarities is None else similarities) >= threshold
        np.fill_diagonal(hit, False)
        in_doc = np.zeros((n, n_docs))
        in_doc[np.arange(n), doc] = 1.0
        reached = (hit @ in_doc) > 0
        reached[np.arange(n), doc] = False
        return reached.sum(axis=1).astype(float)
    first, group = duplicate_groups(vectors) if groups is None else groups  # (given: `duplicate_groups(vectors)`)
    m = first.size
    distinct = vectors[first] if m < n else vectors
    rows, cols = similar_pairs(distinct, threshold)
    nonempty = np.diff(distinct.indptr) > 0
    selfs = np.flatnonzero(nonempty)
    reach = sparse.csr_matrix(
        (np.ones(rows.size + selfs.size), (np.concatenate([rows, selfs]), np.concatenate([cols, selfs]))),
        shape=(m, m),
    )
    holds = sparse.csr_matrix((np.ones(n), (group, doc)), shape=(m, n_docs))
    reached = (reach @ holds).tocsr()
    reached.sum_duplicates()
    counts = np.diff(reached.indptr) - nonempty
    return counts[group].astype(float)

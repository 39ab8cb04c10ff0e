"""One sparse term index per text collection: vocabulary, counts and IDF in a single pass.

Both TF-IDF users on the summarize path (the off-topic detector over
paragraphs, the representation over sentences) build their matrices here from
token lists they already hold, so no text is tokenized twice and
scikit-learn is not imported to summarize: its `TfidfVectorizer` cost 0.7 s of
every process start (`sklearn.feature_extraction.text` pulls in `scipy.stats`)
and tokenized every paragraph twice (fit, then transform).

The weighting is exactly scikit-learn's `TfidfVectorizer(sublinear_tf=True)`
(smoothed IDF `ln((1 + n) / (1 + df)) + 1`, term frequency `1 + ln(tf)`, rows
scaled to unit length) and the columns are in the same (sorted) order, so the
vectors, and every decision taken on them, are bit for bit those of before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, count

import numpy as np
from scipy import sparse

from tomtat.represent.rows import run_starts


def count_matrix(rows: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Raw term counts (one row per item of `rows`) and the sorted vocabulary naming its columns.

    One pass over the terms, the rest in C: `map(dict.setdefault)` finds the
    distinct terms and each term's first position, numpy ranks them into
    columns, and scipy sums the repeats.
    (A Python loop with a dict per row took 3x as long on 200 long articles.)
    """
    flat = list(chain.from_iterable(rows))
    # one hashing pass: each term's first position in `flat` (`setdefault` keeps the first), then the
    # distinct terms ranked in sorted order (two dict passes before: 35% less time on 200 long articles)
    first_at: dict[str, int] = {}
    seen = np.fromiter(map(first_at.setdefault, flat, count()), dtype=np.int64, count=len(flat))
    terms = list(first_at)
    order = sorted(range(len(terms)), key=terms.__getitem__)
    vocabulary = [terms[k] for k in order]
    rank = np.empty(len(flat), dtype=np.int32)  # first position -> column
    rank[np.fromiter(first_at.values(), dtype=np.int64, count=len(terms))[order]] = np.arange(len(terms), dtype=np.int32)
    cols = rank[seen]
    row_of = np.repeat(np.arange(len(rows), dtype=np.int32), [len(r) for r in rows])
    counts = sparse.csr_matrix(
        (np.ones(len(flat)), (row_of, cols)), shape=(len(rows), len(vocabulary)),
    )
    counts.sum_duplicates()  # canonical: sorted columns, one entry per (row, term)
    return counts, vocabulary


def tfidf_rows(
    counts: sparse.csr_matrix, documents: int | None = None, row_weights: np.ndarray | None = None,
    in_place: bool = False,
) -> sparse.csr_matrix:
    """Unit-length sublinear TF-IDF rows from raw `counts` (a new matrix; with `in_place`, `counts` itself
    when it holds floats: its values overwritten, no copy to construct).

    IDF counts every row as a document containing its terms; `documents`
    overrides how many documents there are (rows that are empty on purpose,
    such as missing titles, add no document frequency, only to the count).
    `row_weights` counts a row as that many documents (a distinct sentence
    standing for its copies): the same IDF as repeating the row.
    """
    n = counts.shape[0] if documents is None else documents
    if row_weights is None:
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(float)
    else:
        per_entry = np.repeat(np.asarray(row_weights, dtype=float), np.diff(counts.indptr))
        df = np.bincount(counts.indices, weights=per_entry, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    out = counts if in_place and counts.dtype == np.float64 else counts.astype(float, copy=True)
    np.log(out.data, out=out.data)
    out.data += 1.0
    out.data *= idf[out.indices]
    return unit_rows(out)


def unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """`matrix` (CSR) with every non-zero row scaled to unit L2 length, in place."""
    per_row = np.diff(matrix.indptr)
    squares = np.bincount(np.repeat(np.arange(matrix.shape[0]), per_row), weights=matrix.data ** 2,
                          minlength=matrix.shape[0])
    lengths = np.sqrt(squares)
    lengths[lengths == 0] = 1.0
    matrix.data /= np.repeat(lengths, per_row)
    return matrix


def tfidf(rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Unit-length sublinear TF-IDF rows of `rows` (lists of terms), IDF counted over them."""
    return tfidf_rows(count_matrix(rows)[0])


# `np.unique` with a stable sort: the same sorted values, inverse and counts (they do not depend on the
# sort), in half the time on a cluster's keys (numpy's stable sort of int64 beats its default one there;
# the cells come in runs already sorted by row)
_STABLE_KEYS = 1_000_000


def _unique_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(keys, return_inverse=True)` of a flat int64 array (past `_STABLE_KEYS` keys numpy's own,
    which holds fewer temporaries at once: the peak memory of 200 articles of 100,000 characters)."""
    if keys.size > _STABLE_KEYS:
        values, inverse = np.unique(keys, return_inverse=True)
        return values, inverse.reshape(-1)
    order = np.argsort(keys, kind="stable")
    return _distinct_and_inverse(keys[order], order)


def _distinct_and_inverse(ordered: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of `ordered` (the keys taken in `order`, sorted) and each key's index among them."""
    new = run_starts(ordered)
    inverse = np.empty(ordered.size, dtype=np.intp)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


# numpy sorts integers of 16 bits by radix, in linear time
_RADIX_TOKENS = 1 << 16


def _pair_unique_inverse(first: np.ndarray, second: np.ndarray, width: np.int64) -> tuple[np.ndarray, np.ndarray]:
    """`_unique_inverse(first * width + 1 + second)` for token ranks below `_RADIX_TOKENS`.

    The keys sort as the (first, second) pairs do: by `second`, then stably by
    `first`, two radix sorts of 16-bit integers instead of a comparison sort of
    the keys. The same sorted values and inverse (they do not depend on the
    order among equal keys): 0.3 s instead of 0.86 s on the 4.2 million bigrams
    of the off-topic detector on 200 articles of 100,000 characters, 0.08 ms
    instead of 0.15 ms on a ViMs cluster's.
    """
    by_second = np.argsort(second.astype(np.uint16), kind="stable")
    order = by_second[np.argsort(first[by_second].astype(np.uint16), kind="stable")]
    del by_second
    return _distinct_and_inverse((first * width + 1 + second)[order], order)


def _unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(keys, return_counts=True)` of a flat int64 array (numpy's own past `_STABLE_KEYS`)."""
    if keys.size > _STABLE_KEYS:
        return np.unique(keys, return_counts=True)
    return _runs(np.sort(keys, kind="stable"))


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of the sorted `ordered` and how often each occurs."""
    new = run_starts(ordered)
    starts = np.flatnonzero(new)
    return ordered[starts], np.diff(np.append(starts, ordered.size))


# `_pair_order` sorts by two columns of small numbers with numpy's radix sort (its stable sort of 16-bit
# integers), one pass per column, where a sort of the combined int64 key compared whole keys
_RADIX_MAX = int(np.iinfo(np.int16).max)


def _pair_order(major: np.ndarray, minor: np.ndarray) -> np.ndarray | None:
    """The order that sorts the pairs (major, minor) (the same as sorting `major * width + minor` for any width
    above every minor: ties keep their order), or None when a value does not fit 16 bits (sort the keys)."""
    if major.size > _STABLE_KEYS or (major.size and max(int(major.max()), int(minor.max())) > _RADIX_MAX):
        return None
    by_minor = np.argsort(minor.astype(np.int16), kind="stable")
    return by_minor[np.argsort(major[by_minor].astype(np.int16), kind="stable")]


def _ordered_unique_counts(keys: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_unique_counts(keys)` given an `order` that sorts `keys`."""
    return _runs(keys[order])


# a character at or below the space (`ngram_counts` counts the term strings of tokens holding one): one
# regular-expression scan of the joined tokens, where `min` of them made a string of every character (70 us
# against 20 us a ViMs cluster, in both the off-topic detector and the representation)
_AT_OR_BELOW_SPACE = re.compile(r"[\x00- ]")


def ngram_counts(rows: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, list[str], np.ndarray] | None:
    """`count_matrix(unigrams_and_bigrams(row) for row in rows)` without building a bigram string.

    Returns the counts, the sorted distinct tokens (unigrams) and each column's
    key: `first * (U + 1)` for the unigram `tokens[first]`, `first * (U + 1) +
    1 + second` for the bigram "first second" (U distinct tokens). Only the
    tokens are hashed; bigrams are pairs of token ranks, counted by numpy.

    The columns are in the same order as the sorted term strings, because no
    token holds a character at or below the space (else None: the caller
    counts strings). Then "a b" sorts against "c" or "c d" as a does against
    c, a unigram "a" before every bigram "a ..." and bigrams "a b" among
    themselves as their second tokens do, which is the order of the keys. So
    the TF-IDF rows are bit for bit those of the string terms. On 200 long
    articles the bigram strings and their hashing were half of the off-topic
    detector.
    """
    lengths = list(map(len, rows))
    first_at: dict[str, int] = {}
    seen = np.fromiter(map(first_at.setdefault, chain.from_iterable(rows), count()), dtype=np.int32, count=sum(lengths))
    terms = list(first_at)
    if not all(terms) or _AT_OR_BELOW_SPACE.search("".join(terms)) is not None:
        return None
    # (distinct strings: sorted on their own, in C, rather than their indices through a key function)
    tokens = sorted(terms)
    rank = np.empty(seen.size, dtype=np.int32)  # first position -> rank in sorted order
    rank[np.fromiter(map(first_at.__getitem__, tokens), dtype=np.int64, count=len(terms))] = np.arange(len(terms))
    token_rank = rank[seen].astype(np.int64)
    del seen, rank
    n_tokens = len(terms)
    width = np.int64(n_tokens + 1)
    row_of = np.repeat(np.arange(len(rows), dtype=np.int32), lengths)
    pair = np.flatnonzero(row_of[:-1] == row_of[1:])  # next token in the same row
    first = token_rank[pair]
    if n_tokens <= _RADIX_TOKENS:
        bigram_keys, bigram_rank = _pair_unique_inverse(first, token_rank[pair + 1], width)
    else:
        bigram_keys, bigram_rank = _unique_inverse(first * width + 1 + token_rank[pair + 1])
    # The sorted distinct keys are every unigram key (each token occurs) merged with the distinct bigram
    # keys, so only the bigrams are sorted (half the keys): unigram r's column is r plus the bigram keys
    # below r * width; a bigram's is its rank among the bigrams plus the first + 1 unigrams below it.
    unigram_keys = np.arange(n_tokens, dtype=np.int64) * width
    unigram_col = np.arange(n_tokens, dtype=np.int64) + np.searchsorted(bigram_keys, unigram_keys)
    column_keys = np.empty(n_tokens + bigram_keys.size, dtype=np.int64)
    column_keys[unigram_col] = unigram_keys
    column_keys[np.arange(bigram_keys.size, dtype=np.int64) + bigram_keys // width + 1] = bigram_keys
    cols = np.concatenate([unigram_col[token_rank], bigram_rank.reshape(-1) + first + 1])
    key_rows = np.concatenate([row_of, row_of[pair]])
    del token_rank, row_of, pair, first, bigram_rank
    if key_rows.size > _STABLE_KEYS:
        return _row_counts(key_rows, cols.reshape(-1), len(rows), column_keys.size), tokens, column_keys
    # (row, column) pairs sorted and counted: the canonical CSR, without a COO copy of every term
    cols = cols.reshape(-1)
    order = _pair_order(key_rows, cols)
    cells = key_rows.astype(np.int64) * column_keys.size + cols
    cell, per_cell = _unique_counts(cells) if order is None else _ordered_unique_counts(cells, order)
    del cells, order, cols, key_rows
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    cell_rows = cell // column_keys.size
    np.cumsum(np.bincount(cell_rows, minlength=len(rows)), out=indptr[1:])
    index_type = np.int32 if max(cell.size, column_keys.size) < 2**31 else np.int64
    counts = sparse.csr_matrix(
        (per_cell.astype(float), (cell % column_keys.size).astype(index_type), indptr.astype(index_type)),
        shape=(len(rows), column_keys.size),
    )
    return counts, tokens, column_keys


def _row_counts(key_rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> sparse.csr_matrix:
    """The canonical CSR of the counts of the (row, column) pairs, row by row, for a large collection.

    `key_rows` is two runs in row order (the unigrams', then the bigrams'), so
    a stable sort of it is one merge; each row's columns are then sorted and
    their repeats summed by scipy (`sum_duplicates`, a sort per row of a few
    hundred entries). The same matrix, bit for bit, as sorting every (row,
    column) key of the collection at once (`_unique_counts`), in a third of its
    time: 0.3 s instead of 0.8 s on the 8.4 million terms of the off-topic
    detector's paragraphs on 200 articles of 100,000 characters.
    """
    order = np.argsort(key_rows, kind="stable")
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(key_rows, minlength=n_rows), out=indptr[1:])
    index_type = np.int32 if max(cols.size, n_cols) < 2**31 else np.int64
    indices = cols[order].astype(index_type)
    del order
    counts = sparse.csr_matrix((np.ones(indices.size), indices, indptr.astype(index_type)), shape=(n_rows, n_cols))
    counts.sum_duplicates()
    return counts

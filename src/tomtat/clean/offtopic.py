"""Off-topic tails: scrapers often glue unrelated teasers after the real article.

Which paragraphs are off-topic is decided by content, not by keywords. Every
paragraph is compared (TF-IDF cosine over syllables and syllable bigrams, with
IDF counted over all paragraphs of the cluster, so words every paragraph uses
weigh little) with the cluster's story: the other articles, this article's
title and its head. A trailing run of paragraphs whose similarity is clearly
below that of the article's own body is cut. Only tails are cut, because real
articles digress in the middle but scrapers append at the end; on content alone
only from the second half of an article (a tail below `RATIO` x the body's
median similarity), never from its first third.

Layout hints recorded by the cleaner (`CleanedArticle.breaks`: a closing byline
such as "Theo Reuters" followed by more text, an "OUTLET - " dateline lead
after the first paragraph, a repeated headline) make the cut easier where they
are (a tail mostly below 0.75 x the body's median may then go), but never cut
on their own.
"""

from __future__ import annotations

import math
from bisect import insort
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import accumulate, filterfalse
from statistics import median

import numpy as np
from scipy import sparse

from tomtat.clean.shapes import is_headline_like
from tomtat.model import CleanedArticle, Drop, DropReason
from tomtat.represent.rows import entry_rows, row_sums, run_starts, sorted_rows
from tomtat.represent.terms import count_matrix, ngram_counts, tfidf_rows, unit_rows
from tomtat.text.tokens import _SYLLABLE, unigrams_and_bigrams

# on content alone, a tail is cut when all its paragraphs score below RATIO x the body's median
# similarity: next to nothing in common with the story (on ViMs, real closing sentences score 0.15-0.4)
RATIO = 0.12
# ... or below HINTED_RATIO x that median where the layout says another article starts
HINTED_RATIO = 0.75
# a body this unlike the rest of the cluster gives no baseline to judge a tail by
MIN_BODY_SIMILARITY = 0.03
# on content alone, only from the second half of an article: leads are its most on-topic paragraphs
CONTENT_CUT_FROM = Fraction(1, 2)
# a break this many paragraphs after the tail's start still hints at it when only headlines lie between
HINT_REACH = 2
# with a layout hint, at least this share of the tail must score below the hinted limit
HINTED_LOW_SHARE = Fraction(2, 3)
# `_rowdot_own` reads article vectors off a dense table up to this many cells (8 MB): on ViMs the sorted
# search it replaces was a tenth of the detector
_DENSE_LOOKUP_MAX = 1 << 20
# up to this many stored TF-IDF values (paragraphs and titles) the story's products are taken on raw arrays
# (`_story_arrays`: on ViMs, whose largest cluster holds 15,000, 0.4 ms less per cluster than scipy's); above
# it scipy's (`_story_sparse`), whose C loops grow more slowly than the arrays' sorts
ARRAY_PATH_MAX_ENTRIES = 16_000


def _tokens(text: str) -> list[str]:
    """`syllables(text, normalized=True)` without the numbers, in one pass over the matches."""
    return [t for t in _SYLLABLE.findall(text.lower()) if t != "_" and not t.isdigit()]


def without_numbers(tokens: list[str]) -> list[str]:
    """The detector's terms of a text (`_tokens(text)`) from its `syllables(text, normalized=True)`.

    (The list itself when it holds no number: nothing here changes it.) The
    cleaner calls it on its own scan of every paragraph, so that only the
    terms, not every number as well, are held until the detector reads them.
    """
    return list(filterfalse(str.isdigit, tokens)) if any(map(str.isdigit, tokens)) else tokens


def _term_counts(rows: list[list[str]]):
    """`count_matrix` of the rows' syllables and syllable bigrams (`ngram_counts`: no bigram strings)."""
    found = ngram_counts(rows)
    return found[0] if found is not None else count_matrix([unigrams_and_bigrams(r) for r in rows])[0]


def _rowdot(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    """Dot product of each row of `a` with the same row of `b`."""
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def _row_squares(a: sparse.csr_matrix, distinct: bool = False) -> np.ndarray:
    """`_rowdot(a, a)` without the two sparse matrices it builds, bit for bit.

    scipy squares the stored values of a canonical matrix in place order,
    drops products that are zero and sums each row with `np.add.reduceat`
    (`_minor_reduce`); the same is done here on the arrays. A matrix that is
    not canonical stores its products in the reverse order of each row
    (`_multiply_row_sums`) when no row stores a term twice (`distinct`: a sum
    scipy built); else it takes scipy's own path. (The story vectors of 200
    articles of 100,000 characters, 4.9 million values: 0.05 s instead of 0.1.)
    """
    if not a.has_canonical_format:
        if not distinct:
            return _rowdot(a, a)
        return _multiply_row_sums(entry_rows(a.indptr), a.data * a.data, False, a.shape[0])
    products = a.data * a.data
    keep = products != 0
    rows = entry_rows(a.indptr)[keep]
    return row_sums(products[keep], rows, a.shape[0])


def _dense_total(whole: sparse.csr_matrix) -> tuple[np.ndarray, float]:
    """The sum of `whole`'s rows as a dense vector, and its squared length.

    Dot products with it (`matrix @ vector`, a sequential sum over each row's
    stored values) equal those with the same vector stored as a sparse column,
    as the off-topic detector used to keep it: scipy's sparse product adds the
    same products in the same order, and only skips the zero ones (the vector
    holds no negative values, so adding them changes nothing). The squared
    length is the `np.sum` of the non-zero squares in column order, as scipy's
    `sum()` of the squared sparse vector is.
    """
    total = np.asarray(whole.sum(axis=0)).ravel()
    stored = total[total != 0]
    squares = stored * stored
    squares = squares[squares != 0]
    return total, float(np.sum(squares)) if squares.size else 0.0


def _rowdot_own(
    para: sparse.csr_matrix, per_doc: sparse.csr_matrix, doc_of: np.ndarray, dense_max: int = _DENSE_LOOKUP_MAX,
    distinct: bool = False, para_rows: np.ndarray | None = None,
) -> np.ndarray:
    """Dot product of each paragraph row with its own article's row of `per_doc`.

    Every non-zero of `para` looks its article's value up in `per_doc` (one
    sorted search over all of them), so no article vector is copied once per
    paragraph (a 94k-character article used to cost 221 MB that way) and no
    sparse matrix is built per article (200 small ones cost more than the
    arithmetic on a 5-article cluster). Where the articles x terms table is
    small (`dense_max` cells) it is looked up densely instead: the same
    products, summed in the same order. `distinct` says that no row of
    `per_doc` stores a term twice (a sum scipy built: `csr_binop_csr` stores
    each term once); then, with the paragraphs in article order, each article's
    row is spread into one dense buffer in turn, and no search is needed.
    """
    per_doc = per_doc.tocsr()
    if para_rows is None:  # (each stored value's row: the caller's, when it asks twice)
        para_rows = entry_rows(para.indptr)
    if per_doc.has_canonical_format and per_doc.shape[0] * per_doc.shape[1] <= dense_max:
        # a small cluster: read the values off the dense table, the same numbers the search finds
        # (a term the article lacks reads 0.0, and x * 0.0 adds nothing to a row's sum)
        values = per_doc.toarray()[doc_of[para_rows], para.indices]
        return np.bincount(para_rows, weights=para.data * values, minlength=para.shape[0])
    if distinct and np.all(doc_of[1:] >= doc_of[:-1]):
        # article by article: its row spread into the buffer and read at its paragraphs' terms (the values
        # the search finds, without sorting every row and searching the whole table: on 200 articles of
        # 100,000 characters 0.2 s instead of 1.3 s)
        n_docs = per_doc.shape[0]
        entry_bounds = para.indptr[np.r_[0, np.cumsum(np.bincount(doc_of, minlength=n_docs))]]
        values = np.zeros(para.indices.size)
        buffer = np.zeros(per_doc.shape[1])
        indptr, indices, data, para_indices = per_doc.indptr, per_doc.indices, per_doc.data, para.indices
        for a in range(n_docs):
            lo, hi, start, stop = indptr[a], indptr[a + 1], entry_bounds[a], entry_bounds[a + 1]
            if lo < hi and start < stop:
                terms = indices[lo:hi]
                buffer[terms] = data[lo:hi]
                values[start:stop] = buffer[para_indices[start:stop]]
                buffer[terms] = 0.0
        return np.bincount(para_rows, weights=para.data * values, minlength=para.shape[0])
    per_doc.sort_indices()
    width = np.int64(per_doc.shape[1])
    doc_rows = entry_rows(per_doc.indptr, np.int64)
    keys = doc_rows * width + per_doc.indices
    wanted = doc_of[para_rows].astype(np.int64) * width + para.indices
    at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
    found = keys[at] == wanted if keys.size else np.zeros(wanted.size, dtype=bool)
    products = np.where(found, para.data * per_doc.data[at] if keys.size else 0.0, 0.0)
    return np.bincount(para_rows, weights=products, minlength=para.shape[0])


def tail_similarities(documents: list[list[str]], titles: list[str]) -> list[list[float]]:
    """For every paragraph, its cosine similarity to the story told by the rest of the cluster.

    The story, for a paragraph of article d: every other article in full (title
    and paragraphs, one unit vector each) plus article d's own title and head
    as one more unit vector (a head paragraph itself left out of it). The sums
    are never materialized per paragraph: cosines come from dot products with
    the sparse paragraph vectors, so the cost stays linear in the cluster size.
    """
    paragraphs = [p for doc in documents for p in doc]
    # each text tokenized once
    return _similarities(documents, [_tokens(text) for text in paragraphs], [_tokens(text) for text in titles])


def _similarities(documents: list[list[str]], para_terms: list[list[str]], title_terms: list[list[str]]) -> list[list[float]]:
    """`tail_similarities` from the terms (`_tokens`) of every paragraph, in order, and of every title.

    Both lists are emptied once counted: the terms (a string per syllable) are
    the largest thing held here, and the caller hands them over.
    """
    if not any(para_terms):  # nothing but numbers and symbols
        return [[0.0] * len(doc) for doc in documents]
    sizes = [len(doc) for doc in documents]
    bounds = np.cumsum([0] + sizes)
    doc_of = np.repeat(np.arange(len(documents)), sizes)
    index = np.arange(int(bounds[-1])) - bounds[:-1][doc_of]
    heads = np.array([_head_length(n) for n in sizes])
    in_head = index < heads[doc_of]
    # IDF over every paragraph and every non-empty title of the cluster (one count matrix for both)
    counts = _term_counts(para_terms + title_terms)
    n_paragraphs, n_titles = len(para_terms), sum(1 for t in title_terms if t)
    para_terms.clear()  # (handed over: the token lists, a string per syllable, are the largest thing held here)
    title_terms.clear()
    # (the counts are not read again: at news size their values are overwritten by the weights, no copy
    # constructed; a large collection's counts may sit on the larger arrays they were summed from, which the
    # copy lets go: in place, 200 articles of 100,000 characters peaked 10 MB higher)
    weighted = tfidf_rows(counts, documents=n_paragraphs + n_titles, in_place=counts.nnz <= ARRAY_PATH_MAX_ENTRIES)
    del counts
    build = _story_arrays if weighted.nnz <= ARRAY_PATH_MAX_ENTRIES else _story_sparse
    story = build(weighted, n_paragraphs, doc_of, in_head)
    del weighted
    total_sq = story.total_sq
    whole_total, whole_sq, head_sq = story.whole_total, story.whole_sq, story.head_sq
    others_head = story.head_total - story.whole_head
    others_sq = np.maximum(0.0, total_sq - 2 * whole_total + whole_sq)

    d = doc_of
    v_others = story.para_total - story.para_whole
    v_head = story.para_head
    own_sq, others_own, v_own = head_sq[d].copy(), others_head[d].copy(), v_head.copy()
    # leave a head paragraph out of its own head
    own_sq[in_head] = head_sq[d][in_head] - 2 * v_head[in_head] + 1.0
    others_own[in_head] -= v_others[in_head]
    v_own[in_head] -= 1.0
    own_norm = np.sqrt(np.where(own_sq > 1e-9, own_sq, 0.0))
    has_own = own_norm > 0
    safe = np.where(has_own, own_norm, 1.0)
    others_own = np.where(has_own, others_own / safe, 0.0)
    v_own = np.where(has_own, v_own / safe, 0.0)
    reference_sq = np.where(has_own, others_sq[d] + 2 * others_own + 1.0, others_sq[d])
    reference_norm = np.sqrt(np.maximum(reference_sq, 0.0))
    empty = story.para_sizes == 0
    sims = np.where((reference_norm > 1e-9) & ~empty, (v_others + v_own) / np.where(reference_norm > 1e-9, reference_norm, 1.0), 0.0)
    return [sims[a:b].tolist() for a, b in zip(bounds, bounds[1:])]


@dataclass
class _Story:
    """What `tail_similarities` needs of the per-article story vectors: dot products and squared lengths.

    `whole` is each article's title and paragraphs as one unit vector, `head`
    its title and head paragraphs (not normalized), `total` the sum of the
    wholes; `para_*` are per paragraph, with its own article's vectors.
    """

    total_sq: float
    whole_total: np.ndarray  # whole . total, per article
    head_total: np.ndarray
    whole_sq: np.ndarray
    head_sq: np.ndarray
    whole_head: np.ndarray
    para_total: np.ndarray  # paragraph . total
    para_whole: np.ndarray  # paragraph . its article's whole
    para_head: np.ndarray
    para_sizes: np.ndarray  # stored terms per paragraph


def _row_block(matrix: sparse.csr_matrix, lo: int, hi: int) -> sparse.csr_matrix:
    """Rows `lo` to `hi - 1` of a CSR matrix on views of its arrays: `matrix[lo:hi]`, the same arrays, not copied
    (the paragraphs' rows on 200 articles of 100,000 characters are 8 million stored values)."""
    start, stop = matrix.indptr[lo], matrix.indptr[hi]
    return sparse.csr_matrix((matrix.data[start:stop], matrix.indices[start:stop], matrix.indptr[lo:hi + 1] - start),
                             shape=(hi - lo, matrix.shape[1]))


def _story_sparse(weighted: sparse.csr_matrix, n_paragraphs: int, doc_of: np.ndarray, in_head: np.ndarray) -> _Story:
    """`_Story` with scipy's sparse products: for large clusters, where its C loops beat the sorts of `_story_arrays`
    (on 200 articles of 100,000 characters, 2.7 s against 5 s) and its per-matrix overhead no longer counts."""
    para = _row_block(weighted, 0, n_paragraphs)
    title = _row_block(weighted, n_paragraphs, weighted.shape[0])
    n_docs = title.shape[0]
    bounds = np.r_[0, np.cumsum(np.bincount(doc_of, minlength=n_docs))]
    heads = np.array([_head_length(n) for n in np.diff(bounds)], dtype=np.int64)
    # per article: its whole text as one unit vector, and its title + head (not normalized)
    # (each article's paragraphs are consecutive: its row of ones is a slice, built as CSR arrays)
    whole = unit_rows((title + _ones_rows(bounds[:-1], bounds[1:], n_paragraphs) @ para).tocsr())
    head = title + _ones_rows(bounds[:-1], bounds[:-1] + np.minimum(heads, np.diff(bounds)), n_paragraphs) @ para
    total, total_sq = _dense_total(whole)
    whole_total = whole @ total
    whole_sq = _row_squares(whole, distinct=True)
    head_sq = _row_squares(head, distinct=True)
    head_total = head @ total
    whole_head = _rowdot(whole, head)
    para_total = para @ total
    para_rows = entry_rows(para.indptr)
    para_whole = _rowdot_own(para, whole, doc_of, distinct=True, para_rows=para_rows)
    para_head = _rowdot_own(para, head, doc_of, distinct=True, para_rows=para_rows)
    return _Story(total_sq, whole_total, head_total, whole_sq, head_sq, whole_head, para_total, para_whole, para_head,
                  np.diff(para.indptr))


def _story_arrays(weighted: sparse.csr_matrix, n_paragraphs: int, doc_of: np.ndarray, in_head: np.ndarray) -> _Story:
    """`_Story` on raw arrays, for clusters of news size.

    scipy's products (`_story_sparse`: `whole = unit_rows(title + members @
    para)`, `head = title + head_members @ para`, then `multiply`, `sum` and
    `@` with the cluster's total) build about 20 sparse matrices per cluster,
    whose construction (format checks, index types) cost more than their
    arithmetic on a ViMs cluster. Every number here is bit for bit the one
    scipy gives, because each is the same floating-point operations in the
    same order (tests/test_clean.py compares the two on every shape of
    input):

    - `members @ para` (`csr_matmat`) sums an article's paragraph values per
      term in paragraph order, from 0.0: `np.bincount` over the (article, term)
      groups, which adds in input order. It stores an article's terms in the
      reverse order of their first occurrence; `title + that` (the general
      `csr_binop_csr`, as the product is not sorted) then stores the terms the
      title lacks in first-occurrence order, then the title's terms from the
      last to the first (`_story_order`; where the product happens to be
      sorted, the two are merged in term order). Sums over a row in stored
      order (the unit length, `@ total`) follow that order.
    - `sum(axis=0)` adds the articles' rows in article order; `@ vector` adds a
      row's products in stored order (`np.bincount` does both).
    - `a.multiply(b).sum(axis=1)` sums the non-zero products with
      `np.add.reduceat`, in stored order when both matrices are sorted
      (canonical), else in the reverse of the first's order (`row_sums`).
    """
    n_docs = weighted.shape[0] - n_paragraphs
    width = weighted.shape[1]
    indptr = weighted.indptr.astype(np.int64)
    cols = weighted.indices.astype(np.int64)
    split = int(indptr[n_paragraphs])
    para_sizes = np.diff(indptr[:n_paragraphs + 1])
    para_row = np.repeat(np.arange(n_paragraphs), para_sizes)
    p_cols, p_data = cols[:split], weighted.data[:split]
    t_sizes = np.diff(indptr[n_paragraphs:])
    t_doc = np.repeat(np.arange(n_docs, dtype=np.int64), t_sizes)
    t_cols, t_data = cols[split:], weighted.data[split:]

    # the (article, term) groups of the paragraph values; `first`: each group's first position
    keys = doc_of[para_row].astype(np.int64) * width + p_cols
    order = _stable_order(doc_of[para_row], p_cols)
    sorted_keys = keys[order]
    new = run_starts(sorted_keys)
    starts = np.flatnonzero(new)
    n_groups = starts.size
    group = np.empty(keys.size, dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    group_keys = sorted_keys[starts]
    first = order[starts]
    # the head's groups: the first head entry of each group, in the same (group, position) order
    head_entry = in_head[para_row]
    head_order = order[head_entry[order]]
    head_groups = group[head_order]
    head_new = run_starts(head_groups)
    head_first = np.full(n_groups, -1, dtype=np.int64)
    head_first[head_groups[head_new]] = head_order[head_new]

    # each title term's group (-1: no paragraph of its article has it); titles are sorted like the groups
    t_keys = t_doc * width + t_cols
    at = np.minimum(np.searchsorted(group_keys, t_keys), max(n_groups - 1, 0))
    t_group = np.where(group_keys[at] == t_keys, at, -1) if n_groups else np.full(t_keys.size, -1)
    # the title's terms from the last to the first, article by article
    t_end = np.cumsum(t_sizes)
    backwards = (2 * t_end - t_sizes - 1)[t_doc] - np.arange(t_keys.size)
    titles = (t_doc, t_cols, t_data, t_group, backwards)

    # whole: title + every paragraph, then unit length; head: title + the head paragraphs
    sums = np.bincount(group, weights=p_data, minlength=n_groups)
    group_doc, group_col = group_keys // width, group_keys % width
    w_doc, w_cols, w_vals, w_ent = _story_order(group_doc, group_col, group, first, sums,
                                                np.ones(n_groups, dtype=bool), titles, every=True)
    squares = np.bincount(w_doc, weights=w_vals ** 2, minlength=n_docs)
    lengths = np.sqrt(squares)
    lengths[lengths == 0] = 1.0
    w_vals /= lengths[w_doc]
    head_sums = np.bincount(group[head_entry], weights=p_data[head_entry], minlength=n_groups)
    h_doc, h_cols, h_vals, h_ent = _story_order(group_doc, group_col, group, head_first, head_sums, head_first >= 0,
                                                titles)

    total = np.bincount(w_cols, weights=w_vals, minlength=width)
    stored = total[total != 0]
    stored = stored * stored
    stored = stored[stored != 0]
    total_sq = float(np.sum(stored)) if stored.size else 0.0
    whole_total = np.bincount(w_doc, weights=w_vals * total[w_cols], minlength=n_docs)
    head_total = np.bincount(h_doc, weights=h_vals * total[h_cols], minlength=n_docs)
    whole_sorted, head_sorted = sorted_rows(w_doc, w_cols), sorted_rows(h_doc, h_cols)
    whole_sq = _multiply_row_sums(w_doc, w_vals * w_vals, whole_sorted, n_docs)
    head_sq = _multiply_row_sums(h_doc, h_vals * h_vals, head_sorted, n_docs)
    # every (article, term) of the head is one of the whole's: one slot each, by group or title term
    whole_of = np.zeros(n_groups + t_keys.size)
    whole_of[w_ent] = w_vals
    head_of = np.zeros(n_groups + t_keys.size)
    head_of[h_ent] = h_vals
    whole_head = _multiply_row_sums(w_doc, w_vals * head_of[w_ent], whole_sorted and head_sorted, n_docs)
    # each paragraph with its own article's whole and head
    para_total = np.bincount(para_row, weights=p_data * total[p_cols], minlength=n_paragraphs)
    para_whole = np.bincount(para_row, weights=p_data * whole_of[group], minlength=n_paragraphs)
    para_head = np.bincount(para_row, weights=p_data * head_of[group], minlength=n_paragraphs)
    return _Story(total_sq, whole_total, head_total, whole_sq, head_sq, whole_head, para_total, para_whole, para_head,
                  para_sizes)


# numpy sorts integers of 16 bits by radix, in linear time
_RADIX = 1 << 16


def _stable_order(major: np.ndarray, minor: np.ndarray | None = None) -> np.ndarray:
    """`np.argsort(major, kind="stable")`, or `np.lexsort((minor, major))` (by major, then minor), of
    non-negative integers.

    A stable sort has one answer, so where the values fit in 16 bits they are
    sorted as such, by radix (the minor key first, then stably the major),
    instead of by comparisons: the argument sorts of `_story_arrays` were a
    fifth of its time on ViMs, and 15,000 keys sort in 0.1 ms instead of 0.7.
    """
    if minor is None:
        if major.size and int(major.max()) < _RADIX:
            return np.argsort(major.astype(np.uint16), kind="stable")
        return np.argsort(major, kind="stable")
    if major.size and int(major.max()) < _RADIX and int(minor.max()) < _RADIX:
        by_minor = np.argsort(minor.astype(np.uint16), kind="stable")
        return by_minor[np.argsort(major[by_minor].astype(np.uint16), kind="stable")]
    return np.lexsort((minor, major))


def _multiply_row_sums(rows: np.ndarray, products: np.ndarray, sorted_: bool, n_rows: int) -> np.ndarray:
    """Per row, the sum of the non-zero `products` (one per stored entry) as scipy's
    `x.multiply(y).sum(axis=1)` adds them: in stored order when both are sorted, else in the reverse."""
    keep = products != 0
    rows, products = rows[keep], products[keep]
    if not sorted_ and rows.size:
        # each row's entries reversed, the rows kept in order
        sizes = np.bincount(rows)
        end = np.cumsum(sizes)
        flip = (2 * end - sizes - 1)[rows] - np.arange(rows.size)
        products = products[flip]
    return row_sums(products, rows, n_rows)


def _runs_backwards(f_doc: np.ndarray, f_col: np.ndarray) -> bool:
    """Do the terms of each article, in order of first occurrence, decrease (the product is then sorted)?"""
    return bool(np.all((f_col[1:] < f_col[:-1]) | (f_doc[1:] != f_doc[:-1])))


def _story_order(
    group_doc: np.ndarray, group_col: np.ndarray, group: np.ndarray, first: np.ndarray, sums: np.ndarray,
    present: np.ndarray, titles: tuple[np.ndarray, ...], every: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`title + members @ para` as scipy stores it: (article, term, value, slot) per entry.

    Per article: the `present` groups the title lacks in order of first
    occurrence in the paragraphs (`first`), then the title's terms from the
    last to the first; a value is title + sum, the title's alone, or the sum
    alone (the other side counting as 0.0, as the general `csr_binop_csr` adds
    it). A slot is the group, or past the groups the title term's index.
    `every`: every group is present.
    """
    t_doc, t_cols, t_data, t_group, backwards = titles
    n_groups = sums.size
    hit = t_group >= 0
    both = hit.copy()
    both[hit] = present[t_group[hit]]
    t_vals = t_data.copy()
    t_vals[both] = t_data[both] + sums[t_group[both]]
    covered = np.zeros(n_groups, dtype=bool)
    covered[t_group[hit]] = True
    t_slot = np.where(hit, t_group, n_groups + np.arange(t_group.size))
    # the groups by first position (distinct positions, in article order): each group read off the entry at its
    # first position, the entries in order (the same order as sorting the positions, without the sort)
    at_first = np.zeros(group.size, dtype=bool)
    at_first[first if every else first[present]] = True
    by_first = group[at_first]
    # (a paragraph brings its new terms in increasing order: where the first two groups are one article's and
    # increase, as in nearly every cluster, the product is not sorted, and the whole test is not needed)
    increasing = (by_first.size >= 2 and group_doc[by_first[0]] == group_doc[by_first[1]]
                  and group_col[by_first[0]] < group_col[by_first[1]])
    if not increasing and _runs_backwards(group_doc[by_first], group_col[by_first]):
        # the product stored its terms in increasing order (each article's first occurrences ran backwards):
        # canonical on both sides, `csr_binop_csr` merges them in increasing order
        rest = np.flatnonzero(present & ~covered)
        doc = np.concatenate([group_doc[rest], t_doc])
        col = np.concatenate([group_col[rest], t_cols])
        order = _stable_order(doc, col)
        return (doc[order], col[order], np.concatenate([sums[rest], t_vals])[order],
                np.concatenate([rest, t_slot])[order])
    rest = by_first[~covered[by_first]]
    doc = np.concatenate([group_doc[rest], t_doc])  # (`t_doc[backwards]`: the same articles)
    order = _stable_order(doc)  # per article: its rest, then its title
    return (doc[order], np.concatenate([group_col[rest], t_cols[backwards]])[order],
            np.concatenate([sums[rest], t_vals[backwards]])[order], np.concatenate([rest, t_slot[backwards]])[order])


def _ones_rows(starts: np.ndarray, stops: np.ndarray, width: int) -> sparse.csr_matrix:
    """The canonical CSR matrix whose row k holds 1.0 in columns starts[k] to stops[k] - 1.

    The same arrays as the COO-built membership matrix (restricted to the head
    paragraphs by a broadcast `multiply`) that this replaces, so products with
    it are bit for bit the same, without the four intermediate matrices.
    """
    starts, stops = np.asarray(starts, dtype=np.int64), np.asarray(stops, dtype=np.int64)
    lengths = stops - starts
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.arange(int(indptr[-1]), dtype=np.int64) + np.repeat(starts - indptr[:-1], lengths)
    index_type = np.int32 if max(width, int(indptr[-1])) < 2**31 else np.int64
    return sparse.csr_matrix((np.ones(indices.size), indices.astype(index_type), indptr.astype(index_type)),
                             shape=(starts.size, width))


def _head_length(n: int) -> int:
    """Paragraphs at the start of an article that are never cut: at least a third."""
    return max(1, math.ceil(n / 3))


def _hinted(c: int, doc: list[str], breaks: frozenset[int]) -> bool:
    """Does the layout say another article starts at paragraph c?

    Either c itself is a break, or a break follows within two paragraphs and
    everything between is a headline (a short line that is not a sentence).
    """
    if c in breaks:
        return True
    for b in range(c + 1, min(len(doc), c + HINT_REACH + 1)):
        if b in breaks:
            return all(is_headline_like(p) for p in doc[c:b])
    return False


def _cut_point(sims: list[float], doc: list[str], breaks: frozenset[int], ratio: float, hinted_ratio: float) -> int:
    """Start of the off-topic tail (len(sims) when there is none).

    Without a layout hint at or after the head (`_hinted` needs a break past
    it), only a content cut can start a tail, and none can when the last
    paragraph scores at least `ratio` x the best of the others: every tail's
    maximum is at least the last paragraph's score, and every body's median at
    most that best score (on ViMs most articles end so, and skip the walk over
    every candidate start).
    """
    n = len(sims)
    head = _head_length(n)
    if (not breaks or max(breaks) < head) and sims[-1] >= ratio * max(sims[:-1]):
        return n
    content_from = math.ceil(CONTENT_CUT_FROM * n)
    # the body's similarities kept sorted as it grows (its median was a sort per candidate start: quadratic
    # in an article's paragraphs), and the maximum of every tail, read off the end once
    body_sorted = sorted(sims[:head])
    tail_max = list(accumulate(reversed(sims), max))[::-1]
    for c in range(head, n):
        if c > head:
            insort(body_sorted, sims[c - 1])
        body = median(body_sorted)  # (the same numbers, already in order)
        if body < MIN_BODY_SIMILARITY:
            continue
        # content alone: every trailing paragraph is far below the body, and only in
        # the second half (leads are the most on-topic paragraphs of any article)
        if c >= content_from and tail_max[c] < ratio * body:
            return c
        # content backed by layout: the tail is mostly below the body, at both its ends
        if _hinted(c, doc, breaks):
            tail = sims[c:]
            limit = hinted_ratio * body
            low = sum(1 for s in tail if s < limit)
            if tail[0] < limit and tail[-1] < limit and median(tail) < limit and low >= HINTED_LOW_SHARE * len(tail):
                return c
    return n


def drop_offtopic_tails(
    articles: list[CleanedArticle], threshold: float = RATIO, terms: list[tuple[list[str], list[list[str]]]] | None = None,
) -> list[CleanedArticle]:
    """Each article with the trailing run of paragraphs that does not fit the cluster cut.

    The cut paragraphs join the article's `removed` as `DropReason.OFFTOPIC_TAIL`.
    `threshold` is the share of the body's median similarity below which a
    trailing run of paragraphs counts as off-topic. `terms`, when given, holds
    each article's (title terms, paragraph terms) from the cleaner
    (`clean_article_terms`); the list is handed over and emptied once read
    (held until the end, the terms were 90 MB more at the peak on 200 articles
    of 100,000 characters). Without it the texts are tokenized here.
    """
    documents = [a.paragraphs for a in articles]
    if terms is not None:
        para_terms = [t for _, paragraphs in terms for t in paragraphs]
        title_terms = [title for title, _ in terms]
        terms.clear()
        sims = _similarities(documents, para_terms, title_terms)
    else:
        sims = tail_similarities(documents, [a.title for a in articles])
    out = []
    for article, doc_sims in zip(articles, sims):
        doc = article.paragraphs
        cut = _cut_point(doc_sims, doc, article.breaks, threshold, max(threshold, HINTED_RATIO)) if len(doc) > 1 else len(doc)
        if cut == len(doc):
            out.append(article)  # (nothing cut: the article as it was, not a copy of every field)
            continue
        out.append(replace(
            article, paragraphs=doc[:cut], breaks=frozenset(b for b in article.breaks if b < cut),
            removed=article.removed + [Drop(p, DropReason.OFFTOPIC_TAIL) for p in doc[cut:]],
        ))
    return out

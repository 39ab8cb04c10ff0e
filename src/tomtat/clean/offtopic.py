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
from dataclasses import replace
from fractions import Fraction
from statistics import median

import numpy as np
from scipy import sparse

from tomtat.clean.shapes import is_headline_like
from tomtat.model import CleanedArticle, Drop, DropReason
from tomtat.represent.terms import count_matrix, ngram_counts, tfidf_rows, unit_rows
from tomtat.text.tokens import syllables, unigrams_and_bigrams

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


def _tokens(text: str) -> list[str]:
    return [t for t in syllables(text, normalized=True) if not t.isdigit()]


def _term_counts(rows: list[list[str]]):
    """`count_matrix` of the rows' syllables and syllable bigrams (`ngram_counts`: no bigram strings)."""
    found = ngram_counts(rows)
    return found[0] if found is not None else count_matrix([unigrams_and_bigrams(r) for r in rows])[0]


def _rowdot(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    """Dot product of each row of `a` with the same row of `b`."""
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def _rowdot_own(para: sparse.csr_matrix, per_doc: sparse.csr_matrix, doc_of: np.ndarray) -> np.ndarray:
    """Dot product of each paragraph row with its own article's row of `per_doc`.

    Every non-zero of `para` looks its article's value up in `per_doc` (one
    sorted search over all of them), so no article vector is copied once per
    paragraph (a 94k-character article used to cost 221 MB that way) and no
    sparse matrix is built per article (200 small ones cost more than the
    arithmetic on a 5-article cluster).
    """
    per_doc = per_doc.tocsr()
    per_doc.sort_indices()
    width = np.int64(per_doc.shape[1])
    doc_rows = np.repeat(np.arange(per_doc.shape[0], dtype=np.int64), np.diff(per_doc.indptr))
    keys = doc_rows * width + per_doc.indices
    para_rows = np.repeat(np.arange(para.shape[0]), np.diff(para.indptr))
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
    para_terms = [_tokens(text) for text in paragraphs]  # each text tokenized once
    if not any(para_terms):  # nothing but numbers and symbols
        return [[0.0] * len(doc) for doc in documents]
    title_terms = [_tokens(text) for text in titles]
    bounds = np.cumsum([0] + [len(doc) for doc in documents])
    doc_of = np.repeat(np.arange(len(documents)), [len(doc) for doc in documents])
    index = np.concatenate([np.arange(len(doc)) for doc in documents])
    heads = np.array([_head_length(len(doc)) for doc in documents])
    in_head = index < heads[doc_of]
    # IDF over every paragraph and every non-empty title of the cluster (one count matrix for both)
    counts = _term_counts(para_terms + title_terms)
    n_paragraphs, n_titles = len(para_terms), sum(1 for t in title_terms if t)
    del para_terms, title_terms  # the token lists (a string per syllable) are the largest thing held here
    weighted = tfidf_rows(counts, documents=n_paragraphs + n_titles)
    del counts
    para = weighted[:n_paragraphs]
    title = weighted[n_paragraphs:]
    del weighted

    # per article: its whole text as one unit vector, and its title + head (not normalized)
    membership = sparse.csr_matrix((np.ones(len(paragraphs)), (doc_of, np.arange(len(paragraphs)))),
                                   shape=(len(documents), len(paragraphs)))
    whole = unit_rows((title + membership @ para).tocsr())
    head = title + membership.multiply(in_head[None, :]).tocsr() @ para
    total = sparse.csr_matrix(whole.sum(axis=0))

    total_sq = float(total.multiply(total).sum())
    whole_total = np.asarray((whole @ total.T).todense()).ravel()
    whole_sq = _rowdot(whole, whole)
    head_sq = _rowdot(head, head)
    others_head = np.asarray((head @ total.T).todense()).ravel() - _rowdot(whole, head)
    others_sq = np.maximum(0.0, total_sq - 2 * whole_total + whole_sq)

    d = doc_of
    v_others = np.asarray((para @ total.T).todense()).ravel() - _rowdot_own(para, whole, doc_of)
    v_head = _rowdot_own(para, head, doc_of)
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
    empty = np.diff(para.indptr) == 0
    sims = np.where((reference_norm > 1e-9) & ~empty, (v_others + v_own) / np.where(reference_norm > 1e-9, reference_norm, 1.0), 0.0)
    return [sims[a:b].tolist() for a, b in zip(bounds, bounds[1:])]


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
    """Start of the off-topic tail (len(sims) when there is none)."""
    n = len(sims)
    content_from = math.ceil(CONTENT_CUT_FROM * n)
    for c in range(_head_length(n), n):
        body = median(sims[:c])
        if body < MIN_BODY_SIMILARITY:
            continue
        tail = sims[c:]
        # content alone: every trailing paragraph is far below the body, and only in
        # the second half (leads are the most on-topic paragraphs of any article)
        if c >= content_from and max(tail) < ratio * body:
            return c
        # content backed by layout: the tail is mostly below the body, at both its ends
        if _hinted(c, doc, breaks):
            limit = hinted_ratio * body
            low = sum(1 for s in tail if s < limit)
            if tail[0] < limit and tail[-1] < limit and median(tail) < limit and low >= HINTED_LOW_SHARE * len(tail):
                return c
    return n


def drop_offtopic_tails(articles: list[CleanedArticle], threshold: float = RATIO) -> list[CleanedArticle]:
    """Each article with the trailing run of paragraphs that does not fit the cluster cut.

    The cut paragraphs join the article's `removed` as `DropReason.OFFTOPIC_TAIL`.
    `threshold` is the share of the body's median similarity below which a
    trailing run of paragraphs counts as off-topic.
    """
    sims = tail_similarities([a.paragraphs for a in articles], [a.title for a in articles])
    out = []
    for article, doc_sims in zip(articles, sims):
        doc = article.paragraphs
        cut = _cut_point(doc_sims, doc, article.breaks, threshold, max(threshold, HINTED_RATIO)) if len(doc) > 1 else len(doc)
        out.append(replace(
            article, paragraphs=doc[:cut], breaks=frozenset(b for b in article.breaks if b < cut),
            removed=article.removed + [Drop(p, DropReason.OFFTOPIC_TAIL) for p in doc[cut:]],
        ))
    return out

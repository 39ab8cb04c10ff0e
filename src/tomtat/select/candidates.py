"""Which sentences may enter a summary at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tomtat.text.punctuation import COMPLETE_END

if TYPE_CHECKING:
    import numpy as np

    from tomtat.represent import Representation

# Fragments shorter than this are headings or leftovers; longer ones are run-ons
# that would eat most of a 200-syllable budget on their own.
MIN_SENTENCE_SYLLABLES = 6
MAX_SENTENCE_SYLLABLES = 80
# A short line without end punctuation is a sub-heading or a link, not a statement.
HEADING_SYLLABLES = 20


def candidates(rep: Representation) -> np.ndarray:
    """Indices of the sentences a summary may hold (read-only; computed once per representation:
    the story stage asks for them once per selection it tries)."""
    cached = rep.memo.get("candidates")
    if cached is None:
        cached = rep.memo["candidates"] = _candidates(rep)
        cached.flags.writeable = False
    return cached


def _candidates(rep: Representation) -> np.ndarray:
    import numpy as np  # here, not at the top: `tomtat.select` is read by `tomtat --help`

    lengths = rep.lengths
    complete = np.array([s.text.rstrip().endswith(COMPLETE_END) for s in rep.sentences], dtype=bool)
    cand = np.flatnonzero(
        (lengths >= MIN_SENTENCE_SYLLABLES) & (lengths <= MAX_SENTENCE_SYLLABLES)
        & (complete | (lengths > HEADING_SYLLABLES))
    )
    return cand if cand.size else np.arange(len(rep.sentences))


# articles whose openings `restated` compares with their bodies in one sparse product
_RESTATED_DOCS = 16


def restated(rep: Representation, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """(opening, restated): which sentences are in their article's first paragraph when the article has
    more paragraphs (the sapo, or AbMuSu's anchor text), and which of those a later paragraph of the same
    article restates (same-fact overlap above `threshold`, the selector's "comparable" measure).
    """
    import numpy as np

    sents = rep.sentences
    doc = rep.docs
    paragraph = np.fromiter((s.paragraph for s in sents), dtype=np.intp, count=len(sents))
    first = np.full(len(rep.documents), -1, dtype=np.intp)
    docs, start = np.unique(doc, return_index=True)  # each article's first sentence (document order)
    first[docs] = paragraph[start]
    opening = paragraph == first[doc]
    several = np.zeros(len(rep.documents), dtype=bool)
    several[doc[~opening]] = True
    opening &= several[doc]
    again = np.zeros(len(sents), dtype=bool)
    rows, body = np.flatnonzero(opening), np.flatnonzero(~opening & several[doc])
    table = rep.overlap_table("comparable") if rows.size and body.size else None
    if table is not None:  # (the same ratios, read off the dense table: a ViMs-sized cluster)
        sub = table[np.ix_(rows, body)]
        own = doc[rows][:, None] == doc[body][None, :]
        again[rows[(own & (sub > threshold) & (sub > 0)).any(axis=1)]] = True
    elif rows.size and body.size:
        if np.all(doc[1:] >= doc[:-1]):
            # sentences in article order: a few articles' openings against the same articles' body at a
            # time (only pairs within an article count; the product of every opening with the whole
            # cluster's body was most of the select stage's own time on the 200 x 100,000-character bench
            # cluster, and one product per article paid scipy's transposition 200 times)
            docs = np.arange(0, len(rep.documents) + _RESTATED_DOCS, _RESTATED_DOCS)
            row_at, body_at = np.searchsorted(doc[rows], docs), np.searchsorted(doc[body], docs)
            for d in np.flatnonzero((np.diff(row_at) > 0) & (np.diff(body_at) > 0)).tolist():
                mine, theirs = rows[row_at[d]:row_at[d + 1]], body[body_at[d]:body_at[d + 1]]
                again[mine[_restating(rep, mine, theirs, threshold, doc)]] = True
        else:
            again[rows[_restating(rep, rows, body, threshold, doc)]] = True
    return opening, again


def _restating(
    rep: Representation, rows: np.ndarray, body: np.ndarray, threshold: float, doc: np.ndarray | None = None,
) -> np.ndarray:
    """Positions in `rows` of the sentences overlapping one of `body` above `threshold` (of their own
    article only, when `doc` is given), through one sparse product: only the pairs sharing a concept."""
    import numpy as np

    m = rep.concept_matrix
    shared = (m[rows] @ m[body].T).tocoo()
    own = doc[rows[shared.row]] == doc[body[shared.col]] if doc is not None else True
    sizes = rep.concept_sizes
    small = np.minimum(sizes[rows[shared.row]], sizes[body[shared.col]])
    large = np.maximum(sizes[rows[shared.row]], sizes[body[shared.col]])
    size = np.where(2 * small >= large, small, large)  # Representation.overlap's "comparable" measure
    share = np.divide(shared.data, size, out=np.zeros(shared.nnz), where=size > 0)
    return shared.row[own & (share > threshold)]


def anchor_openings(rep: Representation, share: float, threshold: float) -> np.ndarray:
    """The first-paragraph sentences of every article, when the cluster's first paragraphs are anchor text.

    Some outlets open with a teaser paragraph that the body then tells again in
    full (AbMuSu's anchor text: 40% of its first-paragraph sentences have a
    same-fact twin in their own article's body, 8% of ViMs'), and references
    written from such articles summarize the body, not the teaser (AbMuSu's
    greedy oracle takes 42 of 1,067 first-paragraph sentences, ViMs' 409 of
    2,302). When at least `share` of the articles with several paragraphs
    restate a first-paragraph sentence in their body, the cluster is of that
    style and none of its first paragraphs is summary material; otherwise
    nothing is excluded. Decided per cluster, from the text alone.
    """
    import numpy as np

    key = ("anchor_openings", share, threshold)  # once per representation: the story stage selects several times
    found = rep.memo.get(key)
    if found is None:
        opening, again = restated(rep, threshold)
        docs = rep.docs
        with_opening = np.unique(docs[opening])
        if not with_opening.size or np.unique(docs[again]).size < share * with_opening.size:
            found = np.zeros(0, dtype=np.intp)
        else:
            found = np.flatnonzero(opening)
        found.flags.writeable = False
        rep.memo[key] = found
    return found

"""Sentence features for the learned scorer: few, cheap, and meant to transfer across outlets.

Every feature comes from the `Representation` the pipeline already builds (no
extra model, no word segmentation) and is scaled per cluster, so a cluster of
one article and a cluster of two hundred give features on the same scale.
Nothing here names an outlet, a topic or a word: what is learned is *where* and
*how* salient sentences look, not *what* ViMs writes about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, repeat
from operator import attrgetter, itemgetter

import numpy as np
from scipy import sparse

from tomtat.represent import Representation
from tomtat.represent.pairs import DIRECT_ROWS, support_counts
from tomtat.represent.rows import entry_rows, mean_row, row_dot, row_sums, run_starts, sorted_rows

# the three position features times the cluster's lead heaviness (`lead_heaviness`), the last features:
# how far a sentence's place in its article matters depends on whether this cluster's outlets open alike
HEAVY = (("heavy_lead", "lead"), ("heavy_first_paragraph", "first_paragraph"), ("heavy_paragraph_lead", "paragraph_lead"))
FEATURES = (
    "lead",  # 1 / (1 + position in article): news puts the core facts first
    "relative_position",  # position / sentences in the article
    "log_length",  # log syllables
    "centroid",  # cosine to the cluster centroid, over the cluster's max
    "titles",  # cosine to the mean headline, over the cluster's max
    "own_title",  # cosine to the sentence's own headline
    "support",  # share of the other articles with a similar sentence (0 for one article)
    "numbers",  # share of syllables that are numbers (dates, tolls, amounts)
    "names",  # share of capitalized syllables after the first (proper names)
    "quote_or_question",  # quoted speech, questions, trailing colons: rarely summary material
    "first_paragraph",  # in the article's first paragraph: the sapo, when the outlet has one
    "paragraph_lead",  # 1 / (1 + paragraph index): the body's lead comes right after the sapo
    "opens_paragraph",  # first sentence of its paragraph
    "lead_agreement",  # best cosine to another article's opening sentences (0 for one article)
    "article_centrality",  # cosine of the sentence's article to the cluster centroid, over the max
    "heading_like",  # no end punctuation: sub-headings, captions, bylines
    "caption_like",  # photo credit, source tag or caption marker inside the sentence
) + tuple(name for name, _ in HEAVY)
SUPPORT_SIMILARITY = 0.3
OPENING_SENTENCES = 3  # an article's "lead": its first sentences, sapo and body lead together
# sentences compared with the openings at once: bounds the dense block (rows x 3 per article)
_BLOCK_ROWS = 4096
_CAPITAL = re.compile(r"\b[^\W\d_]", re.UNICODE)
_QUOTE = re.compile(r"[\"“”«»]|\?\s*$|:\s*$")
_ENDINGS = tuple(".!?…\"'”’»)")
# Generic caption/credit shapes, never an outlet's name: "Ảnh: ...", "(Ảnh ...)", "Nguồn: ...",
# "Clip: ...", "./." end marks.
_CAPTION = re.compile(r"(?:^|[\s(\-–|])(?:ảnh|nguồn|clip|video|đồ họa)\s*(?::|minh họa)|\(ảnh\b|\./\.\s*$",
                      re.IGNORECASE)


def _caption_like(text: str) -> bool:
    """`_CAPTION.search(text)`, after a substring check that rules out most sentences (the regex tried
    every position of every sentence: 0.9 ms of a ViMs cluster, the check a fifth of that)."""
    low = text.lower()
    # every `_CAPTION` match holds one of these once lowercased, or a dotted or dotless i, the letters
    # `re.IGNORECASE` matches to an "i" that `str.lower` does not map to one (spelled out: no generator)
    if not ("ảnh" in low or "nguồn" in low or "clip" in low or "video" in low or "đồ họa" in low or "./." in low
            or "ı" in text or "İ" in text):
        return False
    return _CAPTION.search(text) is not None


# code points whose class `_char_classes` tabulates (Latin, Vietnamese, punctuation); others are looked up
_TABLE_SIZE = 0x3000
_WORD, _LETTER, _UPPER, _QUOTE_MARK, _DIGIT = 1, 2, 4, 8, 16


def _classes_of(code: int) -> int:
    """The classes of one code point as the regular expressions see them: a word character (`\\w`,
    `str.isalnum` or "_"), a letter (`[^\\W\\d_]`: a word character, neither decimal nor "_"), upper
    case (`str.isupper`), a quote mark of `_QUOTE`, a digit (`str.isdigit`)."""
    ch = chr(code)
    word = ch.isalnum() or ch == "_"
    letter = word and not ch.isdecimal() and ch != "_"
    return ((_WORD if word else 0) | (_LETTER if letter else 0) | (_UPPER if ch.isupper() else 0)
            | (_QUOTE_MARK if ch in "\"“”«»" else 0) | (_DIGIT if ch.isdigit() else 0))


@lru_cache(maxsize=1)
def _char_classes() -> np.ndarray:
    """`_classes_of` for the first `_TABLE_SIZE` code points, built on first use (a few ms, once)."""
    return np.array([_classes_of(c) for c in range(_TABLE_SIZE)], dtype=np.uint8)


def _classes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The code points of `text` and their `_classes_of`."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _char_classes()[np.minimum(codes, _TABLE_SIZE - 1)]
    high = np.flatnonzero(codes >= _TABLE_SIZE)
    if high.size:  # (rare: CJK, emoji) looked up one by one
        classes[high] = [_classes_of(int(c)) for c in codes[high]]
    return codes, classes


_TEXTS_AT_ONCE = 4096


def _text_features(texts: list[str]) -> np.ndarray:
    """Per text: capitalized words after the first word (`_CAPITAL`), quote or question (`_QUOTE`),
    no end punctuation, caption-like; one row each.

    The capitals and the quote marks are read off the code points of all the
    texts at once (numpy over one array, a table of each character's classes),
    not by a regular expression per text, which tried every position of every
    sentence (0.7 ms of a ViMs cluster, most of this function). A `_CAPITAL`
    match is the first character of a maximal run of word characters when that
    character is a letter, which is what is counted here, so the counts are
    exactly the expression's.
    """
    k = len(texts)
    if k > _TEXTS_AT_ONCE:  # (memory follows a chunk of texts: four bytes a character, and a few more)
        return np.vstack([_text_features(texts[a:a + _TEXTS_AT_ONCE]) for a in range(0, k, _TEXTS_AT_ONCE)])
    out = np.zeros((k, 4))
    if not k:
        return out
    joined = "\x00".join(texts)
    codes, classes = _classes(joined)
    separator = codes == 0
    if int(separator.sum()) != k - 1:  # a text holding a NUL: the per-text expressions
        return np.array([
            (sum(map(str.isupper, _CAPITAL.findall(t)[1:])), 1.0 if _QUOTE.search(t) else 0.0,
             0.0 if t.rstrip().endswith(_ENDINGS) else 1.0, 1.0 if _caption_like(t) else 0.0)
            for t in texts
        ], dtype=float).reshape(k, 4)
    separators = np.flatnonzero(separator)
    word = (classes & _WORD) > 0
    starts = word.copy()
    starts[1:] &= ~word[:-1]
    capital = np.flatnonzero(starts & ((classes & _LETTER) > 0))  # every `_CAPITAL` match
    upper = (classes[capital] & _UPPER) > 0
    owner = np.searchsorted(separators, capital)  # the text holding each: the separators before it
    counts = np.bincount(owner[upper], minlength=k).astype(float)
    first = run_starts(owner)
    counts -= np.bincount(owner[first & upper], minlength=k)  # (the first match does not count)
    out[:, 0] = counts
    quoted = np.bincount(np.searchsorted(separators, np.flatnonzero(classes & _QUOTE_MARK)), minlength=k) > 0
    stripped = list(map(str.rstrip, texts))  # (once for both columns, and `str.endswith` mapped in C)
    # `_QUOTE`: a quote mark anywhere, or "?" or ":" before trailing white space (`\s` is `str.isspace`)
    out[:, 1] = quoted | np.fromiter(map(str.endswith, stripped, repeat(("?", ":"), k)), dtype=bool, count=k)
    out[:, 2] = ~np.fromiter(map(str.endswith, stripped, repeat(_ENDINGS, k)), dtype=bool, count=k)
    out[:, 3] = _captions(texts, joined, separators, codes)
    return out


def _captions(texts: list[str], joined: str, separators: np.ndarray, codes: np.ndarray | None = None) -> list[float]:
    """`_caption_like` of each text (1.0 or 0.0), given `joined`, the texts joined by NULs at `separators`
    (and its code points, `codes`, when the caller has them).

    Every `_CAPTION` match holds a ":" or a "(" (the caption marks), the
    letters "họa" (of "minh họa"), or "./.", and `re.IGNORECASE` matches
    these characters only to themselves and to "Ọ", "H" and "A"
    (tests/test_feature_tables.py checks every code point). So only the texts
    holding one of them, found on the code points at once, are asked
    (`_caption_like`); the others cannot match. On ViMs about a third of the
    texts are asked, and no text is lowercased or scanned six times for the
    hints: 0.15 -> 0.09 ms a cluster.
    """
    if codes is None:
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    marks = np.flatnonzero((codes == 0x3A) | (codes == 0x28))  # ":", "("
    # the middle of "họa" ("ọ", "Ọ") or of "./." ("/"), then its neighbours
    middle = codes[1:-1]
    at = np.flatnonzero((middle == 0x1ECD) | (middle == 0x1ECC) | (middle == 0x2F)) + 1
    before, after = codes[at - 1], codes[at + 1]
    at = at[np.where(codes[at] == 0x2F, (before == 0x2E) & (after == 0x2E),
                     ((before == 0x68) | (before == 0x48)) & ((after == 0x61) | (after == 0x41)))]
    out = [0.0] * len(texts)
    for k in set(np.searchsorted(separators, np.concatenate([marks, at])).tolist()):
        if _caption_like(texts[k]):
            out[k] = 1.0
    return out


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else values


def sentence_features(rep: Representation) -> np.ndarray:
    """One row of `FEATURES` per sentence of `rep` (float64)."""
    sents = rep.sentences
    n = len(sents)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    n_docs = len(rep.documents)
    doc = rep.docs
    position = np.fromiter(map(attrgetter("position"), sents), dtype=float, count=n)  # (C-level attribute reads)
    per_doc = np.bincount(doc, minlength=n_docs).astype(float)
    lengths = rep.lengths

    out[:, 0] = 1.0 / (1.0 + position)
    out[:, 1] = position / np.maximum(per_doc[doc], 1.0)
    out[:, 2] = np.log1p(lengths)
    vectors = rep.vectors
    # each stored entry's sentence, for the array computations (None past `_ARRAY_ENTRIES`: scipy's own)
    row_of = entry_rows(vectors.indptr) if vectors.nnz <= _ARRAY_ENTRIES else None
    out[:, 3] = _scaled(np.clip(_matvec(vectors, row_of, rep.centroid), 0, None))
    titles = rep.title_vectors
    if titles.shape[0]:
        out[:, 4] = _scaled(np.clip(_matvec(vectors, row_of, mean_row(titles)), 0, None))
        out[:, 5] = _own_title(vectors, row_of, titles, doc)
    # up to `DIRECT_ROWS` sentences (a news cluster) every cosine, once: the support and lead agreement
    # features both read it (each built its own sparse product before)
    similarities = _cosine_table(vectors) if 1 < n_docs and n <= DIRECT_ROWS else None
    if n_docs > 1:
        # only the similar pairs, found through shared rare terms (no sentence x sentence matrix)
        # (identical sentences, syndicated copies, are compared once: `support_counts`)
        out[:, 6] = support_counts(rep.vectors, doc, n_docs, SUPPORT_SIMILARITY, rep.vector_duplicates,
                                   similarities=similarities) / (n_docs - 1)
    # the per-sentence text features: counts in C (`map` over str methods), one division per column; the
    # regular expressions run once per distinct text (syndicated copies repeat sentences)
    all_texts = list(map(attrgetter("text"), sents))
    distinct_text = dict.fromkeys(all_texts)
    texts = list(distinct_text)
    text_row = np.zeros(0, dtype=np.intp)
    if len(texts) < n:
        for k, t in enumerate(texts):
            distinct_text[t] = k
        text_row = np.fromiter(map(distinct_text.__getitem__, all_texts), dtype=np.intp, count=n)
    n_syl = rep.lengths  # (syllables per sentence, as floats)
    # does each syllable start with a digit: the first characters joined, classed at once (over one
    # sentence per distinct text, whose syllables its copies share: on the 100k bench cluster this join
    # over 5.6 copies of each sentence was a fifth of the features' time)
    if text_row.size:
        one = np.zeros(len(texts), dtype=np.intp)
        one[text_row] = np.arange(n)  # a sentence of each text (any copy: they share their syllables)
        counted = [sents[i] for i in one.tolist()]
        per_counted = n_syl[one].astype(np.intp)
    else:
        counted, per_counted = sents, n_syl.astype(np.intp)
    digit = (_classes("".join(map(itemgetter(0), chain.from_iterable(s.syllables for s in counted))))[1] & _DIGIT) > 0
    numbers = np.bincount(np.repeat(np.arange(len(counted)), per_counted), weights=digit, minlength=len(counted))
    if text_row.size:
        numbers = numbers[text_row]
    text_features = _text_features(texts)
    if text_row.size:
        text_features = text_features[text_row]
    has = n_syl > 0
    out[has, 7] = numbers[has] / n_syl[has]
    out[has, 8] = text_features[has, 0] / n_syl[has]
    out[:, 9] = text_features[:, 1]
    out[:, 15] = text_features[:, 2]
    out[:, 16] = text_features[:, 3]
    paragraph = np.fromiter(map(attrgetter("paragraph"), sents), dtype=float, count=n)
    first_paragraph = paragraph[_first_of_article(doc)]  # (once for both columns)
    out[:, 10] = paragraph == first_paragraph
    out[:, 11] = 1.0 / (1.0 + paragraph - first_paragraph)
    out[0, 12] = 1.0  # (`np.r_` builds its arrays in Python: a few microseconds a call, several a cluster)
    out[1:, 12] = (paragraph[1:] != paragraph[:-1]) | (doc[1:] != doc[:-1])
    if n_docs > 1:
        opening = np.flatnonzero(position < OPENING_SENTENCES)
        if opening.size:
            out[:, 13] = _lead_agreement(rep, doc, opening, similarities)
    centrality, norms = _article_centrality(vectors, row_of, rep.centroid, doc, n_docs)
    centrality = np.divide(centrality, norms, out=np.zeros(n_docs), where=norms > 0)
    out[:, 14] = _scaled(np.clip(centrality, 0, None))[doc]
    heaviness = lead_heaviness(out[:, 13], position)
    for name, base in HEAVY:
        out[:, FEATURES.index(name)] = out[:, FEATURES.index(base)] * heaviness
    return out


# The helpers below compute on the CSR arrays what a scipy expression computed, adding the same
# products in the same order, so every value is bit for bit scipy's (the shipped model is rebuilt byte
# for byte from these features): scipy's per-call overhead (building, checking and converting sparse
# matrices, 16 a cluster) was most of this function's time on ViMs-sized clusters.


# articles x terms up to which `_article_centrality` and `_own_title` work on the arrays (and the former
# adds into dense tables, 32 MB of float64): past it scipy's per-call overhead no longer counts
_DENSE_CELLS = 4_000_000
# stored entries of the sentence vectors up to which the features are computed on the arrays at all (past
# it scipy's temporaries are the smaller ones: an int64 row index per entry was 65 MB on 200 x 100k chars)
_ARRAY_ENTRIES = 100_000


def _matvec(matrix: sparse.csr_matrix, row_of: np.ndarray | None, x: np.ndarray) -> np.ndarray:
    """`matrix @ x`, on the CSR arrays where `row_of` is given (`row_dot`), else scipy's."""
    if row_of is None:
        return matrix @ x
    return row_dot(matrix.data, matrix.indices, row_of, x, matrix.shape[0])


def _cosine_table(vectors: sparse.csr_matrix) -> np.ndarray:
    """`(vectors @ vectors.T).toarray()` off the diagonal, bit for bit; the diagonal is not (see below).

    scipy's sparse product adds, for each pair (i, j), the products
    v[i, k] * v[j, k] over row i's stored terms k in order, from 0; a sparse
    row times a dense matrix (`csr_matvecs`) adds v[i, k] * x[k, j] over the
    same terms in the same order, from 0, where x[k, j] = v[j, k] (+0.0 when
    sentence j lacks term k, which leaves the non-negative sum as it was). So
    every pair of different sentences gets scipy's number, without building a
    sparse result that is mostly non-zero. The dense operand keeps only the
    terms at least two sentences hold: a term of one sentence meets no other
    row, so only that sentence's own entry (its squared length) loses it. Both
    readers ignore the diagonal: `support_counts` clears it, and
    `_lead_agreement` clears each sentence's own article's openings (itself
    included) before taking its best.
    On ViMs 0.44 -> 0.31 ms a cluster (0.334 -> 0.319 ms on a later machine, the new rows' starts
    taken from the old ones, the columns counted in the index type).
    """
    n = vectors.shape[0]
    entries = vectors.indptr[-1]
    terms = vectors.indices[:entries]
    shared = np.bincount(terms, minlength=vectors.shape[1]) > 1
    column = np.cumsum(shared, dtype=vectors.indices.dtype) - 1  # (in the index type: no conversion below)
    kept = shared[terms]
    cols, data = column[terms[kept]], vectors.data[:entries][kept]
    # each row's start among the kept entries: the kept entries before its old start
    indptr = np.zeros(entries + 1, dtype=vectors.indptr.dtype)
    np.cumsum(kept, out=indptr[1:])
    indptr = indptr[vectors.indptr]
    dense = np.zeros((int(column[-1]) + 1 if column.size else 0, n))
    dense[cols, entry_rows(indptr)] = data
    return sparse.csr_matrix((data, cols, indptr), shape=(n, dense.shape[0])) @ dense


def _own_title(
    vectors: sparse.csr_matrix, row_of: np.ndarray | None, titles: sparse.csr_matrix, doc: np.ndarray,
) -> np.ndarray:
    """`vectors.multiply(titles[doc]).sum(axis=1)`: each sentence's cosine to its article's title.

    scipy multiplies two canonical rows column by column in order and keeps
    the non-zero products: here each entry of a sentence looks its column up in
    a dense (title, column) table of the titles' values (a gather; a sorted
    search over (title, column) keys before, 0.17 -> 0.11 ms a ViMs cluster).
    A cell holds a non-zero value exactly where the title stores one, as
    every stored title value is non-zero (checked; NaN included), so the
    entries found, and their products in order, are the search's.
    """
    title_of = entry_rows(titles.indptr)
    if (row_of is None or titles.shape[0] * titles.shape[1] > _DENSE_CELLS  # (a large cluster: scipy's)
            or not (sorted_rows(row_of, vectors.indices) and sorted_rows(title_of, titles.indices))
            or not titles.data.all()):
        return np.asarray(vectors.multiply(titles[doc]).sum(axis=1)).ravel()
    width = titles.shape[1]
    table = np.zeros(titles.shape[0] * width)
    table[title_of * width + titles.indices] = titles.data
    values = table[doc[row_of] * width + vectors.indices]
    found = values != 0
    products = vectors.data[found] * values[found]
    kept = products != 0
    return row_sums(products[kept], row_of[found][kept], vectors.shape[0])


def _article_centrality(
    vectors: sparse.csr_matrix, row_of: np.ndarray | None, centroid: np.ndarray, doc: np.ndarray, n_docs: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(`docs @ centroid`, the row lengths of `docs`) for `docs`, the sum of each article's sentence
    vectors, as scipy computed them from `membership @ vectors`.

    scipy's sparse product adds each column's values in sentence order and
    stores a row's columns in the reverse order of their first appearance; its
    `docs @ centroid` adds in that stored order, and `docs.multiply(docs)` of
    such (unsorted) rows lists the squares in first-appearance order (sorted
    order, if every row happens to be sorted) before `reduceat` adds them.
    """
    if row_of is not None and n_docs * vectors.shape[1] <= _DENSE_CELLS:
        keys = doc[row_of].astype(np.int64) * vectors.shape[1] + vectors.indices
        found = _article_centrality_dense(vectors, keys, doc[row_of], centroid, n_docs)
        if found is not None:
            return found
    # a large cluster (scipy's overhead does not count there), or sentences out of article order
    docs = sparse.csr_matrix((np.ones(doc.size), (doc, np.arange(doc.size))), shape=(n_docs, doc.size)) @ vectors
    return np.asarray(docs @ centroid).ravel(), np.sqrt(np.asarray(docs.multiply(docs).sum(axis=1)).ravel())


def _article_centrality_dense(
    vectors: sparse.csr_matrix, keys: np.ndarray, article_of: np.ndarray, centroid: np.ndarray, n_docs: int,
) -> tuple[np.ndarray, np.ndarray] | None:
    """`_article_centrality` with its sums and first appearances in (article, term) tables instead of
    sorted keys (a ViMs cluster: a tenth of the time); None when the articles' sentences are not in
    article order."""
    size = int(n_docs * vectors.shape[1])
    sums = np.bincount(keys, weights=vectors.data, minlength=size)
    entry = np.arange(keys.size)
    first = np.full(size, keys.size, dtype=np.intp)
    np.minimum.at(first, keys, entry)
    appear = np.flatnonzero(first[keys] == entry)  # each (article, term) at its first entry, in order
    appear = appear[sums[keys[appear]] != 0]
    article = article_of[appear]
    if np.any(article[1:] < article[:-1]):
        return None
    # scipy stores an article's terms last seen first: the whole list reversed holds each article's run in
    # that order (the articles in reverse too, which neither per-article sum sees: `np.bincount` adds each
    # bin in array order, `row_sums` each contiguous run; reversing the whole list instead of each run cut
    # this function 0.20 -> 0.15 ms a ViMs cluster)
    stored, article = appear[::-1], article[::-1]
    values, column = sums[keys[stored]], vectors.indices[stored]
    centrality = np.bincount(article, weights=values * centroid[column], minlength=n_docs)
    squares = values * values
    if not sorted_rows(article, column):  # (squared in first-appearance order: the forward list)
        squares, article = squares[::-1], article[::-1]
    kept = squares != 0
    return centrality, np.sqrt(row_sums(squares[kept], article[kept], n_docs))


def lead_heaviness(agreement: np.ndarray, position: np.ndarray) -> float:
    """How much the cluster's articles open with the same facts: the mean `lead_agreement` of their openings.

    One number per cluster (0 for one article: no other lead to agree with).
    Where outlets open alike, the opening sentences carry the shared core of the
    story and references copy them; where every outlet opens on its own angle,
    position says less. Alone the number would shift a whole cluster's
    sentences alike, so the model sees it times `lead`, `first_paragraph` and
    `paragraph_lead` (issue 8, `python bench/learner_variants.py`): with the
    anchor rule, ROUGE-2 5-fold CV ViMs 40.54 -> 40.61, ViMs -> AbMuSu 34.67 ->
    34.69, AbMuSu -> ViMs 37.57 -> 38.02, AbMuSu 36.57 -> 36.58, joint 40.02 /
    35.82 -> 40.02 / 36.04.
    """
    opening = position < OPENING_SENTENCES
    return float(agreement[opening].mean()) if opening.any() else 0.0


def _lead_agreement(
    rep: Representation, doc: np.ndarray, opening: np.ndarray, similarities: np.ndarray | None = None,
) -> np.ndarray:
    """Each sentence's best cosine to an opening sentence of another article (0 when none).

    Computed once per distinct vector (identical sentences have the same
    cosines; only their own article differs): per distinct row the best
    opening, its article, and the best over openings of the other articles. A
    copy in that best article gets the latter, any other copy the former,
    exactly the maximum over the openings not in its own article. A block of
    rows at a time: memory linear in sentences. `similarities`, the dense
    `vectors @ vectors.T` when the caller has it, is read instead: its entries
    are the same sums, term by term in the same order, as the block products.
    """
    lead_doc = doc[opening]
    if similarities is not None:
        # (a news cluster, at most `DIRECT_ROWS` sentences: every sentence's row of the table read at once,
        # its own article's openings cleared, and the maximum taken: the same value as the per-distinct-row
        # bookkeeping below, as a maximum of cosines, all >= +0.0, does no arithmetic; 5 array steps fewer)
        sims = similarities[:, opening]
        sims[doc[:, None] == lead_doc[None, :]] = 0.0
        return sims.max(axis=1)
    first, group = rep.vector_duplicates
    vectors = rep.vectors[first] if first.size < doc.size else rep.vectors
    leads = rep.vectors[opening].T.tocsc()
    best = np.empty(first.size)
    best_doc = np.empty(first.size, dtype=lead_doc.dtype)
    second = np.empty(first.size)
    for a in range(0, first.size, _BLOCK_ROWS):
        sims = (vectors[a:a + _BLOCK_ROWS] @ leads).toarray()
        top = sims.argmax(axis=1)
        best[a:a + _BLOCK_ROWS] = sims[np.arange(top.size), top]
        best_doc[a:a + _BLOCK_ROWS] = top_doc = lead_doc[top]
        sims[lead_doc[None, :] == top_doc[:, None]] = 0.0
        second[a:a + _BLOCK_ROWS] = sims.max(axis=1)
    return np.where(doc != best_doc[group], best[group], second[group])


def _first_of_article(article: np.ndarray) -> np.ndarray:
    """For each sentence, the index of its article's first sentence (sentences come in document order)."""
    starts = run_starts(article)
    return np.maximum.accumulate(np.where(starts, np.arange(article.size), 0))

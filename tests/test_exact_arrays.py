"""The middle stages compute on CSR arrays what scipy expressions computed: bit for bit the same numbers.

Issue 11 replaced scipy calls that paid more in per-call overhead than in
arithmetic (ViMs clusters hold ~90 sentences) by numpy on the matrices' arrays,
adding the same products in the same order. The shipped model is rebuilt byte
for byte from these features, so every test here compares bits
(`np.array_equal`), never a tolerance: against the scipy expression each
replaced, on real clusters and on random matrices built to reach every branch.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from tomtat.pipeline import analyze
from vi_news import METRO, STORM


def _rep():
    return analyze(METRO + STORM).rep


def _random_rows(rng: np.random.Generator, rows: int, cols: int, density: float) -> sparse.csr_matrix:
    """Unit-length non-negative rows, some empty, canonical (sorted, no duplicates)."""
    m = sparse.random(rows, cols, density=density, format="csr", random_state=rng, dtype=float)
    m.data = np.abs(m.data) + 0.01
    m.data[np.isin(_row_of(m), rng.integers(0, rows, size=max(1, rows // 8)))] = 0.0
    m.eliminate_zeros()
    lengths = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    lengths[lengths == 0] = 1.0
    return sparse.csr_matrix(m.multiply(1 / lengths[:, None]))


def _row_of(m: sparse.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))


@pytest.mark.parametrize("seed", range(6))
def test_feature_helpers_are_scipys_expressions_bit_for_bit(seed):
    from tomtat.represent.rows import mean_row
    from tomtat.score import features

    rng = np.random.default_rng(seed)
    n, n_docs = int(rng.integers(2, 60)), int(rng.integers(1, 7))
    vectors = _random_rows(rng, n, int(rng.integers(5, 80)), 0.2)
    titles = _random_rows(rng, n_docs, vectors.shape[1], 0.3)
    doc = np.sort(rng.integers(0, n_docs, size=n))  # sentences in article order
    row_of = _row_of(vectors)
    x = rng.random(vectors.shape[1])
    assert np.array_equal(features._matvec(vectors, row_of, x), vectors @ x)
    assert np.array_equal(mean_row(titles), np.asarray(titles.mean(axis=0)).ravel())
    own = np.asarray(vectors.multiply(titles[doc]).sum(axis=1)).ravel()
    assert np.array_equal(features._own_title(vectors, row_of, titles, doc), own)
    docs = sparse.csr_matrix((np.ones(n), (doc, np.arange(n))), shape=(n_docs, n)) @ vectors
    centrality, norms = features._article_centrality(vectors, row_of, x, doc, n_docs)
    assert np.array_equal(centrality, np.asarray(docs @ x).ravel())
    assert np.array_equal(norms, np.sqrt(np.asarray(docs.multiply(docs).sum(axis=1)).ravel()))


def test_article_centrality_with_sorted_rows_and_sentences_out_of_order():
    """Articles whose terms first appear in falling column order (scipy's product rows come out sorted:
    its other multiply order), and sentences not in article order (the scipy expression answers)."""
    from tomtat.score import features

    falling = np.array([[0, 0, 1.0], [0, 1.0, 0], [1.0, 0, 0], [0, 0, 1.0], [0, 1.0, 0]])
    mixed = np.array([[0, 0, 1.0], [0, 1.0, 0], [1.0, 0, 0], [0, 0, 1.0], [0.6, 0.8, 0]])
    x = np.array([0.3, 0.5, 0.2])
    for dense, doc in ((falling, [0, 0, 0, 1, 2]), (mixed, [0, 0, 0, 1, 1]), (mixed, [1, 0, 1, 0, 2])):
        vectors, doc = sparse.csr_matrix(dense), np.array(doc)
        docs = sparse.csr_matrix((np.ones(5), (doc, np.arange(5))), shape=(3, 5)) @ vectors
        centrality, norms = features._article_centrality(vectors, _row_of(vectors), x, doc, 3)
        assert np.array_equal(centrality, np.asarray(docs @ x).ravel())
        assert np.array_equal(norms, np.sqrt(np.asarray(docs.multiply(docs).sum(axis=1)).ravel()))


def test_sentence_features_are_those_of_the_scipy_expressions(monkeypatch):
    """Past `_DENSE_CELLS` the features run scipy's own expressions: the small-cluster arrays give the
    same matrix bit for bit, and so does a cluster too small for the dense cosine table."""
    from tomtat.represent import pairs
    from tomtat.score import features

    rep = _rep()
    fast = features.sentence_features(rep)
    monkeypatch.setattr(features, "_DENSE_CELLS", 0)
    monkeypatch.setattr(features, "_ARRAY_ENTRIES", -1)
    monkeypatch.setattr(features, "DIRECT_ROWS", 0)  # support and lead agreement from their own products
    monkeypatch.setattr(pairs, "DIRECT_ROWS", 0)
    assert np.array_equal(features.sentence_features(rep), fast)


TEXTS = [
    "Ông Nguyễn Văn An, Chủ tịch UBND TP.HCM, cho biết 13/4 là hạn chót.",
    "  “Chúng tôi sẽ làm hết sức”, bà Lan nói.  ",
    "Vì sao giá xăng tăng ?  ",
    "Diễn biến chính:",
    "123abc Đà Nẵng _Huế __ _a 2Xe ²Tổng Ⅻ Hội nghị",
    "Ảnh: Minh Họa",
    "(ẢNH TTXVN) Lũ dâng cao",
    "Xem video :cận cảnh vụ tai nạn",
    "Mưa lớn kéo dài đến hết tuần./.",
    "Hình ảnh đẹp ở Huế, nguồn nước dồi dào.",
    "東京 Tokyo và 🙂 Seoul «Hàn Quốc»",
    "",
    "tin ngắn",
]


def _text_features_by_text(texts):
    from tomtat.score.features import _CAPITAL, _ENDINGS, _QUOTE, _caption_like

    return np.array([
        (sum(map(str.isupper, _CAPITAL.findall(t)[1:])), 1.0 if _QUOTE.search(t) else 0.0,
         0.0 if t.rstrip().endswith(_ENDINGS) else 1.0, 1.0 if _caption_like(t) else 0.0)
        for t in texts
    ], dtype=float).reshape(len(texts), 4)


@pytest.mark.parametrize("texts", [
    TEXTS,
    TEXTS + ["Clİp: cảnh sát giao thông"],  # lowercasing lengthens "İ": the captions text by text
    TEXTS + ["ıstanbul"],
    TEXTS + ["a\x00B Cờ"],  # a NUL in a text: every feature text by text
    [],
    ["Một câu"],
])
def test_text_features_are_the_regular_expressions_counts(texts, monkeypatch):
    from tomtat.score import features

    assert np.array_equal(features._text_features(texts), _text_features_by_text(texts))
    monkeypatch.setattr(features, "_TEXTS_AT_ONCE", 3)  # a few texts at a time
    assert np.array_equal(features._text_features(texts), _text_features_by_text(texts))


def test_character_classes_are_the_regular_expressions_classes():
    """Every code point the table holds, and a sample above it, classed as `\\w` and `[^\\W\\d_]` class it."""
    import re

    from tomtat.score.features import _DIGIT, _LETTER, _TABLE_SIZE, _UPPER, _WORD, _char_classes, _classes_of

    word, letter = re.compile(r"\w"), re.compile(r"[^\W\d_]")
    table = _char_classes()
    for code in [*range(_TABLE_SIZE), *range(_TABLE_SIZE, 0x110000, 97)]:
        ch, got = chr(code), _classes_of(code)
        assert (table[code] if code < _TABLE_SIZE else got) == got
        assert bool(got & _WORD) == bool(word.match(ch)) and bool(got & _LETTER) == bool(letter.match(ch))
        assert bool(got & _UPPER) == ch.isupper() and bool(got & _DIGIT) == ch.isdigit()


@pytest.mark.parametrize("against", ["comparable", "smaller", "larger"])
def test_dense_overlap_table_gives_the_sparse_rows_bit_for_bit(against, monkeypatch):
    """`overlap_row`, `overlap_rows`, `overlapping_pairs` and `restated` read off the dense table equal the
    row-by-row and block computations, values, columns and index types alike."""
    import tomtat.represent.vectors as vectors
    from tomtat.select.candidates import restated

    dense, sparse_rep = _rep(), _rep()
    monkeypatch.setattr(vectors, "_OVERLAP_BLOCK", 7)
    monkeypatch.setattr(vectors, "_ROW_BY_ROW", 4)
    n = len(dense.sentences)
    assert dense.overlap_table(against) is not None
    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
    assert sparse_rep.overlap_table(against) is None
    for i in range(n):
        for at_least in (0.0, 0.35):
            monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
            cols, ratio = dense.overlap_row(i, against, at_least)
            monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
            want_cols, want_ratio = sparse_rep.overlap_row(i, against, at_least)
            assert np.array_equal(cols, want_cols) and np.array_equal(ratio, want_ratio) and cols.dtype == want_cols.dtype
    rows = (np.arange(n), np.arange(0, n, 3)[:3], np.array([], dtype=np.intp), np.array([2, 2, 5]))
    _assert_overlap_rows_equal(dense, sparse_rep, rows, against, monkeypatch)
    for threshold in (0.2, 0.35, 0.6):
        monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
        pairs, again = dense.overlapping_pairs(np.arange(n), threshold), restated(dense, threshold)
        monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
        assert np.array_equal(pairs, sparse_rep.overlapping_pairs(np.arange(n), threshold))
        assert all(np.array_equal(a, b) for a, b in zip(again, restated(sparse_rep, threshold)))


@pytest.mark.parametrize("against", ["comparable", "smaller", "larger"])
def test_sparse_overlap_rows_with_copied_sentences_are_the_dense_tables(against, monkeypatch):
    """Past the dense table, a cluster whose outlets copy each other's sentences counts each group of
    identical concept rows once, as a column too, and lists every copy: the rows equal the dense table's."""
    import tomtat.represent.vectors as vectors

    # every metro article followed by the storm's first article, copied word for word
    copied = [dict(a, text=a["text"] + "\n" + STORM[0]["text"]) for a in METRO]
    dense, sparse_rep = analyze(METRO + STORM + copied).rep, analyze(METRO + STORM + copied).rep
    n = len(dense.sentences)
    assert dense.concept_firsts.size < n  # copies
    monkeypatch.setattr(vectors, "_OVERLAP_BLOCK", 7)
    monkeypatch.setattr(vectors, "_ROW_BY_ROW", 4)
    _assert_overlap_rows_equal(dense, sparse_rep, (np.arange(n), np.arange(n)[::-1], np.arange(0, n, 2)), against,
                               monkeypatch)


def _assert_overlap_rows_equal(dense, sparse_rep, row_sets, against, monkeypatch):
    """`overlap_rows` off the dense table (`dense`) equals the block computation (`sparse_rep`), bit for bit."""
    import tomtat.represent.vectors as vectors

    for rows in row_sets:
        for at_least in (0.0, 0.35):
            monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
            got = dense.overlap_rows(rows, against, at_least)
            monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
            want = sparse_rep.overlap_rows(rows, against, at_least)
            for a, b in ((got.data, want.data), (got.indices, want.indices), (got.indptr, want.indptr)):
                assert np.array_equal(a, b) and a.dtype == b.dtype


def test_represent_centroid_and_concept_counts_are_scipys():
    """The centroid is `vectors.mean(axis=0)` (normalized), the concept document counts the columns of
    `membership @ concept_matrix`: counted in one table, article by article, or from sorted pairs."""
    from tomtat.represent.vectors import _articles_per_column

    rep = _rep()
    centroid = np.asarray(rep.vectors.mean(axis=0)).ravel()
    centroid /= np.linalg.norm(centroid)
    assert np.array_equal(rep.centroid, centroid)
    doc = np.array([s.doc for s in rep.sentences])
    n, n_docs = len(rep.sentences), len(rep.documents)
    for order in (np.arange(n), np.random.default_rng(0).permutation(n)):  # in article order, and not
        matrix, d = rep.concept_matrix[order], doc[order]
        membership = sparse.csr_matrix((np.ones(n), (d, np.arange(n))), shape=(n_docs, n))
        want = np.diff((membership @ matrix).tocsc().indptr).astype(float)
        assert np.array_equal(_articles_per_column(matrix, d, n_docs), want)
        too_many = n_docs + 4_000_000 // matrix.shape[1] + 1  # (articles without sentences: past the table)
        assert np.array_equal(_articles_per_column(matrix, d, too_many), want)
    assert np.array_equal(rep.concept_df, np.diff((membership @ matrix).tocsc().indptr).astype(float))


def test_learned_combine_is_the_transposed_products():
    from tomtat.score.learned import LearnedScorer, combine, shipped_model

    rep = _rep()
    p = LearnedScorer().salience(rep)
    got = combine(rep, p, shipped_model()["combine"])
    incidence = rep.concept_matrix.T
    total = np.asarray(incidence @ p).ravel()
    count = np.asarray(incidence.sum(axis=1)).ravel()
    mean_p = np.divide(total, count, out=np.zeros(total.size), where=count > 0)
    settings = shipped_model()["combine"]
    df = rep.concept_df
    keep = df >= (int(settings.get("min_df", 2)) if len(rep.documents) >= int(settings.get("min_df", 2)) else 1)
    want = np.where(keep, df ** float(settings.get("concept_df_power", 1.0))
                    * mean_p ** float(settings.get("concept_salience_power", 1.0)), 0.0)
    assert np.array_equal(got.concept_weights, want)


@pytest.mark.parametrize("budget", [(225, None), (None, 3), (60, 2)])
def test_greedy_gains_on_arrays_choose_as_scipys_products(budget, monkeypatch):
    from tomtat.score.learned import LearnedScorer
    from tomtat.select import Budget, candidates
    from tomtat.select import greedy

    rep = _rep()
    scores = LearnedScorer().score(rep)
    cand = candidates(rep)
    fast = greedy.select_greedy(rep, cand, scores, Budget(*budget))
    monkeypatch.setattr(greedy, "_ARRAY_ENTRIES", -1)
    assert greedy.select_greedy(rep, cand, scores, Budget(*budget)) == fast


@pytest.mark.parametrize("text", ["Hà Nội mưa to", "biến_số x_y _ __ a_", "İstanbul ĐÀ NẴNG", ""])
def test_syllables_skip_the_underscore_filter_only_without_underscores(text):
    from tomtat.text.tokens import _SYLLABLE, syllables

    assert syllables(text) == [t for t in _SYLLABLE.findall(text.lower()) if t != "_"]


@pytest.mark.parametrize("stable_keys", [0, 1_000_000])  # numpy's own past the limit
def test_unique_helpers_are_numpys_unique(stable_keys, monkeypatch):
    from tomtat.represent import terms
    from tomtat.represent.terms import _unique_counts, _unique_inverse

    monkeypatch.setattr(terms, "_STABLE_KEYS", stable_keys)
    rng = np.random.default_rng(5)
    for keys in (rng.integers(0, 50, 300), np.sort(rng.integers(0, 10**9, 1000)), np.zeros(0, dtype=np.int64)):
        keys = keys.astype(np.int64)
        values, inverse = np.unique(keys, return_inverse=True)
        got_values, got_inverse = _unique_inverse(keys)
        assert np.array_equal(got_values, values) and np.array_equal(got_inverse, inverse.reshape(-1))
        values, counts = np.unique(keys, return_counts=True)
        got_values, got_counts = _unique_counts(keys)
        assert np.array_equal(got_values, values) and np.array_equal(got_counts, counts)


def test_ngram_counts_row_by_row_are_the_sorted_keys_counts(monkeypatch):
    """Past `_STABLE_KEYS` the counts are built row by row (`_row_counts`): the same canonical CSR, bit for bit."""
    from tomtat.represent import terms

    rng = np.random.default_rng(7)
    vocab = "mưa lũ miền trung hà nội người dân sơ tán cứu hộ đêm qua nước lên nhanh và của".split()
    rows = [list(rng.choice(vocab, size=rng.integers(0, 40))) for _ in range(300)] + [[], ["mưa", "mưa", "mưa"]]
    monkeypatch.setattr(terms, "_STABLE_KEYS", 10**9)
    counts, tokens, keys = terms.ngram_counts(rows)
    monkeypatch.setattr(terms, "_STABLE_KEYS", 0)
    by_row, by_row_tokens, by_row_keys = terms.ngram_counts(rows)
    assert by_row.has_canonical_format and tokens == by_row_tokens and np.array_equal(keys, by_row_keys)
    for name in ("indptr", "indices", "data"):
        a, b = getattr(counts, name), getattr(by_row, name)
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_pair_unique_inverse_is_numpys_unique():
    from tomtat.represent.terms import _RADIX_TOKENS, _pair_unique_inverse

    rng = np.random.default_rng(11)
    for n_tokens, size in ((3, 50), (40, 2000), (_RADIX_TOKENS, 5000), (1, 0)):
        first, second = (rng.integers(0, n_tokens, size).astype(np.int64) for _ in range(2))
        width = np.int64(n_tokens + 1)
        values, inverse = np.unique(first * width + 1 + second, return_inverse=True)
        got_values, got_inverse = _pair_unique_inverse(first, second, width)
        assert np.array_equal(got_values, values) and np.array_equal(got_inverse, inverse.reshape(-1))


@pytest.mark.parametrize("dense_limit", [10**9, 0])  # the dense transpose, and the sparse product past it
def test_shared_concept_counts_are_the_sparse_product(dense_limit, monkeypatch):
    """`shared_counts` (rows times a dense transpose) is `(m @ m.T).toarray()` bit for bit: on a real
    cluster's concept matrix, on random binary ones (empty rows and columns included), and on none."""
    from tomtat.represent import vectors

    monkeypatch.setattr(vectors, "_DENSE_TRANSPOSE", dense_limit)
    rng = np.random.default_rng(5)
    matrices = [_rep().concept_matrix, sparse.csr_matrix((0, 4)), sparse.csr_matrix((3, 0))]
    for rows, cols in ((1, 1), (9, 40), (60, 300)):
        m = sparse.random(rows, cols, density=0.05, format="csr", random_state=rng)
        m.data[:] = 1.0
        matrices.append(m)
    for m in matrices:
        got, want = vectors.shared_counts(m), (m @ m.T.tocsr()).toarray()
        assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)


@pytest.mark.parametrize("token, strings", [
    ("mưa", False), ("!", False), ("a b", True), ("x\x1f", True), ("\x00", True), ("\t", True), ("\u00a0", False),
])
def test_ngram_counts_hands_tokens_at_or_below_the_space_to_the_string_counts(token, strings):
    """`ngram_counts` orders columns by token ranks only when no token holds a character at or below the
    space (`min` of the joined tokens, as it was written before the regular expression)."""
    from tomtat.represent.terms import ngram_counts

    rows = [["hà", "nội", token], [token, "mưa"]]
    assert (min("".join(t for row in rows for t in row)) <= " ") == strings
    assert (ngram_counts(rows) is None) == strings


@pytest.mark.parametrize("seed", range(4))
def test_concept_columns_kept_on_the_arrays_are_scipys_column_and_row_selection(seed):
    """`_keep_columns` (the concept matrix built on the term counts' arrays, each distinct sentence's row
    repeated for its copies) is scipy's selection of the used concept columns and then of the rows:
    the same entries, in the same order, with the same index types."""
    from tomtat.represent.vectors import _keep_columns

    rng = np.random.default_rng(seed)
    rows, cols = int(rng.integers(1, 40)), int(rng.integers(1, 120))
    counts = sparse.random(rows, cols, density=0.1, format="csr", random_state=rng, dtype=float)
    counts.indices, counts.indptr = counts.indices.astype(np.int32), counts.indptr.astype(np.int32)
    is_concept = rng.random(cols) < 0.6
    used = np.zeros(cols, dtype=bool)
    used[counts.indices] = True
    kept = np.flatnonzero(is_concept & used)
    for copies in (None, rng.integers(0, rows, size=int(rng.integers(0, 2 * rows)))):
        got = _keep_columns(counts.indptr, counts.indices, is_concept, copies)
        want = counts[:, kept].astype(bool).astype(float)
        want = want[copies] if copies is not None else want
        assert got.shape == want.shape and got.indices.dtype == np.int32 and got.indptr.dtype == np.int32
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, np.ones(want.nnz))


def test_tfidf_rows_in_place_are_the_copied_rows():
    """`represent` weights its term counts in place: the same rows, bit for bit, as on a copy."""
    from tomtat.represent.terms import tfidf_rows

    rng = np.random.default_rng(3)
    counts = sparse.random(30, 50, density=0.2, format="csr", random_state=rng, dtype=float)
    counts.data = np.ceil(counts.data * 4)
    weights = rng.integers(1, 4, size=30).astype(float)
    want = tfidf_rows(counts, documents=34, row_weights=weights)
    got = tfidf_rows(counts, documents=34, row_weights=weights, in_place=True)
    assert got is counts
    assert np.array_equal(got.data, want.data) and np.array_equal(got.indices, want.indices)

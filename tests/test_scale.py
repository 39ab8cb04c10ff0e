"""Issue 11: one term index, no sentence x sentence matrices, and a fast start.

The fast paths must give exactly what the slow ones gave: the TF-IDF rows of
scikit-learn's vectorizer, every cosine pair of the full product, every
same-fact pair of the dense overlap matrix.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tomtat.pipeline import analyze
from tomtat.represent.pairs import duplicate_groups, similar_pairs, support_counts
from tomtat.represent.terms import count_matrix, tfidf, tfidf_rows
from tomtat.select.candidates import candidates
from tomtat.text.tokens import syllables, unigrams_and_bigrams
from vi_news import METRO, STORM

PARAGRAPHS = [
    "Bão số 3 đổ bộ vào các tỉnh ven biển miền Trung chiều nay.",
    "Hàng nghìn hộ dân ở Quảng Nam đã được sơ tán đến nơi an toàn.",
    "",  # an empty paragraph keeps its row, all zeros
    "Bão số 3 gây mưa lớn, nhiều tuyến đường ở Đà Nẵng bị ngập sâu.",
    "Giá xăng dầu giảm nhẹ từ 15 giờ chiều nay.",
]


def test_tfidf_is_scikit_learns_bit_for_bit():
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = [unigrams_and_bigrams(syllables(p)) for p in PARAGRAPHS]
    expected = TfidfVectorizer(analyzer=lambda r: r, sublinear_tf=True).fit_transform(rows).tocsr()
    expected.sort_indices()  # fit_transform leaves them in first-seen order; same matrix
    got = tfidf(rows)
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)


def test_tfidf_rows_counts_only_the_given_documents():
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = [unigrams_and_bigrams(syllables(p)) for p in PARAGRAPHS]
    filled = [r for r in rows if r]
    expected = TfidfVectorizer(analyzer=lambda r: r, sublinear_tf=True).fit(filled).transform(rows).tocsr()
    counts, vocabulary = count_matrix(rows)
    assert vocabulary == sorted(vocabulary) and counts.shape == (len(rows), len(vocabulary))
    got = tfidf_rows(counts, documents=len(filled))
    assert np.array_equal(got.data, expected.data) and np.array_equal(got.indices, expected.indices)



def test_ngram_counts_are_the_string_terms_counts():
    """Bigrams as pairs of token ranks: the same columns, in the same sorted order, as the strings."""
    from tomtat.represent.terms import ngram_counts

    rows = [syllables(p) for p in PARAGRAPHS] + [
        ["an", "anh", "an", "b"], ["anh", "an", "an"], ["tổng_thống", "an_ninh", "an"], ["13", "4", "an"], [],
    ]
    expected, vocabulary = count_matrix([unigrams_and_bigrams(r) for r in rows])
    counts, tokens, keys = ngram_counts(rows)
    assert (counts != expected).nnz == 0 and np.array_equal(counts.indices, expected.indices)
    width = len(tokens) + 1
    assert [tokens[k // width] if k % width == 0 else f"{tokens[k // width]} {tokens[k % width - 1]}"
            for k in keys] == vocabulary
    assert ngram_counts([["a b", "c"]]) is None  # a token the key order cannot place: strings count

def _cluster_rep():
    return analyze(METRO + STORM).rep


@pytest.mark.parametrize("direct_rows", [0, 1000])  # the prefix filter, and the small-cluster shortcut
@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.6])
def test_similar_pairs_are_those_of_the_full_product(threshold, direct_rows, monkeypatch):
    from tomtat.represent import pairs

    monkeypatch.setattr(pairs, "DIRECT_ROWS", direct_rows)
    monkeypatch.setattr(pairs, "_BLOCK_ROWS", 7)  # several blocks even on a small cluster
    vectors = _cluster_rep().vectors
    full = (vectors @ vectors.T).toarray() >= threshold
    np.fill_diagonal(full, False)
    rows, cols = similar_pairs(vectors, threshold)
    got = np.zeros_like(full)
    got[rows, cols] = True
    assert rows.size == full.sum() and (got == full).all()



def _support_by_pairs(vectors, doc, n_docs, threshold):
    """The support count as the feature first defined it: articles of every similar pair, all rows compared."""
    rows, cols = similar_pairs(vectors, threshold)
    other = doc[cols] != doc[rows]
    hits = np.unique(rows[other].astype(np.int64) * n_docs + doc[cols[other]])
    return np.bincount(hits // n_docs, minlength=vectors.shape[0]).astype(float)


@pytest.mark.parametrize("direct_rows", [0, 1000])
def test_support_counted_over_distinct_sentences_is_the_pairwise_count(direct_rows, monkeypatch):
    """Syndicated copies (the same sentence in many articles, and twice in one) collapse to one row each,
    and every copy still credits its article: the count equals the all-pairs one, empty rows included."""
    from scipy import sparse

    from tomtat.represent import pairs

    monkeypatch.setattr(pairs, "DIRECT_ROWS", direct_rows)
    monkeypatch.setattr(pairs, "_BLOCK_ROWS", 7)
    rep = _cluster_rep()
    base, doc = rep.vectors, np.array([s.doc for s in rep.sentences])
    rng = np.random.default_rng(3)
    n_docs = int(doc.max()) + 1 + 4  # four more outlets that copy sentences of the others
    copies = rng.integers(0, base.shape[0], size=3 * base.shape[0])
    vectors = sparse.vstack([base, base[copies], sparse.csr_matrix((2, base.shape[1]))], format="csr")
    docs = np.concatenate([doc, rng.integers(0, n_docs, size=copies.size), [0, n_docs - 1]])
    for threshold in (0.3, 0.6):
        expected = _support_by_pairs(vectors, docs, n_docs, threshold)
        got = support_counts(vectors, docs, n_docs, threshold)
        assert np.array_equal(got, expected)
    assert expected.max() > 1 and expected[-2:].tolist() == [0.0, 0.0]


def test_duplicate_groups_join_identical_rows_only():
    rep = _cluster_rep()
    from scipy import sparse

    vectors = sparse.vstack([rep.vectors, rep.vectors[[0, 0, 3]]], format="csr")
    first, group = duplicate_groups(vectors)
    n = rep.vectors.shape[0]
    assert group[n] == group[n + 1] == group[0] and group[n + 2] == group[3]
    assert first.size == len({(r.indices.tobytes(), r.data.tobytes()) for r in vectors})
    assert (group[first] == np.arange(first.size)).all()

@pytest.mark.parametrize("dense_rows", [0, 600])  # the sparse pairs, and the dense overlap table
def test_overlapping_pairs_are_those_of_the_dense_overlap(dense_rows, monkeypatch):
    import tomtat.represent.vectors as vectors

    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", dense_rows)
    rep = _cluster_rep()
    cand = candidates(rep)
    for threshold in (0.2, 0.35, 0.6):
        dense = np.argwhere(np.triu(rep.overlap(cand)[:, cand] > threshold, k=1))
        assert np.array_equal(rep.overlapping_pairs(cand, threshold), dense)


def _dense_overlap(rep, against: str) -> np.ndarray:
    """The overlap measure straight from its definition, on the dense concept matrix."""
    m = rep.concept_matrix.toarray()
    shared, sizes = m @ m.T, m.sum(axis=1)
    small, large = np.minimum.outer(sizes, sizes), np.maximum.outer(sizes, sizes)
    size = {"smaller": small, "larger": large}.get(against, np.where(2 * small >= large, small, large))
    return np.divide(shared, size, out=np.zeros_like(shared), where=size > 0)


@pytest.mark.parametrize("dense_rows", [0, 600])  # sparse rows and blocks, and the dense overlap table
@pytest.mark.parametrize("against", ["comparable", "smaller", "larger"])
def test_sparse_overlap_rows_equal_the_dense_definition(against, dense_rows, monkeypatch):
    """Row by row (`overlap_row`), in blocks of the sparse product, thresholded: the same numbers."""
    import tomtat.represent.vectors as vectors

    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", dense_rows)
    rep = _cluster_rep()
    dense = _dense_overlap(rep, against)
    rows = np.arange(len(rep.sentences))
    for i in rows:
        cols, ratio = rep.overlap_row(int(i), against, at_least=0.35)
        assert np.array_equal(cols, np.flatnonzero(dense[i] >= 0.35)) and np.allclose(ratio, dense[i, cols])
    few = rows[:5]
    assert np.allclose(rep.overlap_rows(few, against).toarray(), dense[few])  # row by row
    monkeypatch.setattr(vectors, "_OVERLAP_BLOCK", 7)
    monkeypatch.setattr(vectors, "_ROW_BY_ROW", 4)  # the sparse product, in blocks of 7 rows
    assert np.allclose(rep.overlap_rows(rows, against).toarray(), dense)
    kept = rep.overlap_rows(rows, against, at_least=0.1).toarray()
    assert np.array_equal(kept > 0, dense >= 0.1) and np.allclose(kept[kept > 0], dense[dense >= 0.1])



def test_overlap_rows_of_syndicated_copies_are_computed_once_and_equal(monkeypatch):
    """A cluster where outlets repeat each other's sentences: identical concept rows share one computed
    row, and every row still equals the dense definition."""
    import tomtat.represent.vectors as vectors

    monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)  # (the sparse rows: a large cluster's)
    copies = [dict(a, text=a["text"] + "\nBài viết được tổng hợp từ nhiều nguồn tin trong nước.") for a in METRO]
    rep = analyze(METRO + STORM + copies).rep
    assert np.unique(rep.concept_groups).size < len(rep.sentences)  # there are copies
    monkeypatch.setattr(vectors, "_ROW_BY_ROW", 4)
    rows = np.arange(len(rep.sentences))
    dense = _dense_overlap(rep, "comparable")
    for at_least in (0.0, 0.35):
        got = rep.overlap_rows(rows, at_least=at_least).toarray()
        assert np.array_equal(got > 0, (dense >= at_least) & (dense > 0)) and np.allclose(got, np.where(dense >= at_least, dense, 0))

@pytest.mark.parametrize("code", [
    "import tomtat",
    "import tomtat.cli",
])
def test_start_up_imports_no_numerics(code):
    """`import tomtat`, `tomtat --version` and `--help` load neither numpy, scipy nor scikit-learn."""
    probe = f"{code}; import sys; print(sorted(m for m in ('numpy', 'scipy', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("text", [
    "Ảnh: Minh Họa", "(ẢNH TTXVN) Lũ dâng cao", "NGUỒN: VTV", "Clİp: cảnh sát giao thông", "ĐỒ HỌA: Báo Mới",
    "Mưa lớn kéo dài đến hết tuần./.", "Xem video :cận cảnh", "Ảnh minh họa", "Hình ảnh đẹp ở Huế.",
    "Nguồn tin cho biết vụ việc đang được điều tra.", "Bão số 3 đổ bộ vào Quảng Nam.", "clip-ảnh: a",
])
def test_caption_check_agrees_with_the_caption_pattern(text):
    from tomtat.score.features import _CAPTION, _caption_like

    assert _caption_like(text) == (_CAPTION.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["an", "anh", "b", "ba", "bà", "13", "tổng_thống", "z", "à"]), max_size=8),
                max_size=6))
def test_ngram_counts_columns_merge_unigrams_and_bigrams(rows):
    """Columns placed without sorting the unigram keys: still the string terms' counts, columns and order."""
    from tomtat.represent.terms import ngram_counts

    expected, vocabulary = count_matrix([unigrams_and_bigrams(r) for r in rows])
    counts, tokens, keys = ngram_counts(rows)
    assert counts.shape == expected.shape and (counts != expected).nnz == 0
    assert np.array_equal(counts.indptr, expected.indptr) and np.array_equal(counts.indices, expected.indices)
    width = len(tokens) + 1
    assert [tokens[k // width] if k % width == 0 else f"{tokens[k // width]} {tokens[k % width - 1]}"
            for k in keys] == vocabulary


def test_selections_of_a_large_cluster_share_one_gathering_of_the_candidates_concepts(monkeypatch):
    """Past `_SHARED_ROWS` candidates, each selection's arrays are read off those of every candidate:
    the same arrays as gathering its own candidates, for subsets, repeated calls and other weights."""
    from tomtat.select import greedy

    monkeypatch.setattr(greedy, "_SHARED_ROWS", 0)
    rep = _cluster_rep()
    everyone = candidates(rep)
    rng = np.random.default_rng(5)
    weights = rep.concept_df.copy()
    for k, cand in enumerate([everyone, everyone[rng.random(everyone.size) > 0.3], everyone[::2], everyone[:1],
                              everyone[:0]]):
        if k == 3:
            weights = np.where(rng.random(weights.size) > 0.5, weights, 0.0)  # other weights: gathered again
        got, want = greedy._subset_arrays(rep, cand, weights), greedy._candidate_arrays(rep, cand, weights)
        assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(got, want))


@pytest.mark.parametrize("per_product", [1, 2, 16])
def test_restated_openings_past_the_dense_table_are_those_of_the_table(per_product, monkeypatch):
    """Openings restated in their own article's body, found a few articles per sparse product: the same
    sentences as read off the dense overlap table."""
    from importlib import import_module

    import tomtat.represent.vectors as vectors

    module = import_module("tomtat.select.candidates")  # (the package's `candidates` is the function)
    rep, sparse_rep = _cluster_rep(), _cluster_rep()
    for threshold in (0.1, 0.35):
        want = module.restated(rep, threshold)
        monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 0)
        monkeypatch.setattr(module, "_RESTATED_DOCS", per_product)
        got = module.restated(sparse_rep, threshold)
        monkeypatch.setattr(vectors, "DENSE_OVERLAP_ROWS", 600)
        assert all(np.array_equal(a, b) for a, b in zip(got, want))
    assert want[0].any()

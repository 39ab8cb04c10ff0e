"""The learned scorer's table lookups give scipy's numbers bit for bit, on the branches the random matrices of
test_exact_arrays.py do not reach (a title storing an explicit zero, rows whose columns are not sorted), and
the caption test asked of the texts holding its marks only."""

from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import sparse


def _row_of(m: sparse.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))


def test_own_title_with_a_stored_zero_in_a_title_is_scipys():
    """A title value stored as 0.0 multiplies a sentence's value as scipy does (a non-finite one included):
    the dense table cannot tell a stored zero from a missing term, so scipy's expression answers."""
    from tomtat.score import features

    vectors = sparse.csr_matrix(np.array([[0.6, 0.8, 0.0], [0.0, np.inf, 1.0], [1.0, 0.0, 0.0]]))
    titles = sparse.csr_matrix((np.array([0.0, 1.0, 0.5]), np.array([1, 2, 0]), np.array([0, 2, 3])), shape=(2, 3))
    doc = np.array([0, 0, 1])
    expected = np.asarray(vectors.multiply(titles[doc]).sum(axis=1)).ravel()
    got = features._own_title(vectors, _row_of(vectors), titles, doc)
    assert np.array_equal(got, expected, equal_nan=True)


@pytest.mark.parametrize("seed", range(8))
def test_article_centrality_on_unsorted_rows_is_scipys(seed):
    """Sentence rows whose columns come in any order (not canonical): each article's terms in the order
    they first appear, summed and squared as scipy's product stores them."""
    from tomtat.score import features

    rng = np.random.default_rng(seed)
    n, cols, n_docs = int(rng.integers(2, 40)), int(rng.integers(3, 30)), int(rng.integers(1, 5))
    indptr, indices = [0], []
    for _ in range(n):
        row = rng.permutation(cols)[: int(rng.integers(0, min(cols, 6) + 1))]
        if rng.random() < 0.5:
            row = np.sort(row)[:: 1 if rng.random() < 0.5 else -1]
        indices.extend(row.tolist())
        indptr.append(len(indices))
    data = rng.random(len(indices)) + 0.01
    vectors = sparse.csr_matrix((data, np.array(indices, dtype=np.int32), np.array(indptr)), shape=(n, cols))
    doc = np.sort(rng.integers(0, n_docs, size=n))
    x = rng.random(cols)
    docs = sparse.csr_matrix((np.ones(n), (doc, np.arange(n))), shape=(n_docs, n)) @ vectors
    centrality, norms = features._article_centrality(vectors, _row_of(vectors), x, doc, n_docs)
    assert np.array_equal(centrality, np.asarray(docs @ x).ravel())
    assert np.array_equal(norms, np.sqrt(np.asarray(docs.multiply(docs).sum(axis=1)).ravel()))


def test_caption_marks_fold_only_to_the_characters_looked_for():
    """`_captions` asks only texts holding ":", "(", "họa" or "./.": `re.IGNORECASE` matches each of
    those characters to no code point but the ones `_captions` looks for."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for char, folds in ((":", ":"), ("(", "("), ("ọ", "ọỌ"), ("h", "hH"), ("a", "aA"), (".", "."), ("/", "/")):
        assert set(re.findall("(?i)" + re.escape(char), every)) == set(folds)


CAPTIONS = [
    "Ảnh: Minh Họa", "(ẢNH TTXVN) Lũ dâng cao", "Xem VIDEO :cận cảnh", "Mưa lớn kéo dài./.  ",
    "Đồ họa minh họa diễn biến", "ĐỒ HỌA: Thu Hà", "nguồn MINH HỌA", "Clip:hiện trường", "ảnh hưởng của bão",
    "Hình ảnh (tư liệu)", "Ông Hùng nói: sẽ làm", "giá 13/4 và 1./.2", "Học sinh họp lớp", "ảnh", "", "a",
    "Thông tin – ảnh : Lê Văn Tám", "Hồ sơ|video: toàn cảnh", "Tin (Ảnh) 2", "TIN ẢNH:",
]


@pytest.mark.parametrize("start", range(0, len(CAPTIONS), 5))
def test_captions_asked_by_their_marks_are_the_expression(start):
    from tomtat.score import features

    texts = CAPTIONS[start:] + CAPTIONS[:start]
    joined = "\x00".join(texts)
    separators = np.array([k for k, c in enumerate(joined) if c == "\x00"], dtype=np.intp)
    expected = [1.0 if features._CAPTION.search(t) else 0.0 for t in texts]
    assert features._captions(texts, joined, separators) == expected
    assert sum(expected) >= 10

"""The learned scorer's table lookups give scipy's numbers bit for bit, on the branches the random matrices of
test_exact_arrays.py do not reach (a title storing an explicit zero, rows whose columns are not sorted)."""

from __future__ import annotations

import numpy as np
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

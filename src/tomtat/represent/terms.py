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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass
class TermIndex:
    """The vocabulary of a collection and the IDF of each term in it."""

    vocabulary: dict[str, int]  # term -> column
    idf: np.ndarray  # one per column

    @classmethod
    def fit(cls, rows: Sequence[Sequence[str]]) -> TermIndex:
        """Vocabulary (sorted, like scikit-learn's) and smoothed IDF over `rows` (each a list of terms)."""
        ids: dict[str, int] = {}
        df: list[int] = []
        for terms in rows:
            for term in set(terms):
                j = ids.get(term)
                if j is None:
                    ids[term] = len(df)
                    df.append(1)
                else:
                    df[j] += 1
        order = sorted(ids)
        vocabulary = {term: k for k, term in enumerate(order)}
        counts = np.array(df, dtype=float)[np.array([ids[t] for t in order], dtype=np.intp)] if order else np.zeros(0)
        idf = np.log((1.0 + len(rows)) / (1.0 + counts)) + 1.0
        return cls(vocabulary, idf)

    def counts(self, rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Raw term counts, one row per item of `rows`; terms outside the vocabulary are ignored."""
        vocabulary = self.vocabulary
        indptr = [0]
        indices: list[int] = []
        data: list[int] = []
        for terms in rows:
            row: dict[int, int] = {}
            for term in terms:
                j = vocabulary.get(term)
                if j is not None:
                    row[j] = row.get(j, 0) + 1
            cols = sorted(row)
            indices.extend(cols)
            data.extend(row[j] for j in cols)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(data, dtype=float), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
            shape=(len(rows), len(vocabulary)),
        )

    def transform(self, rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Unit-length sublinear TF-IDF rows (all-zero rows for items with no known term)."""
        matrix = self.counts(rows)
        np.log(matrix.data, out=matrix.data)
        matrix.data += 1.0
        matrix.data *= self.idf[matrix.indices]
        return unit_rows(matrix)


def unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """`matrix` (CSR) with every non-zero row scaled to unit L2 length, in place."""
    per_row = np.diff(matrix.indptr)
    squares = np.bincount(np.repeat(np.arange(matrix.shape[0]), per_row), weights=matrix.data ** 2,
                          minlength=matrix.shape[0])
    lengths = np.sqrt(squares)
    lengths[lengths == 0] = 1.0
    matrix.data /= np.repeat(lengths, per_row)
    return matrix


def tfidf(rows: Sequence[Sequence[str]], fit_rows: Sequence[Sequence[str]] | None = None) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows of `rows`, with IDF counted over `fit_rows` (default: `rows` themselves)."""
    return TermIndex.fit(rows if fit_rows is None else fit_rows).transform(rows)

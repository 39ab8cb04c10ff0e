"""TF-IDF sentence vectors and bigram concepts for one cluster."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from tomtat.model import Document, Sentence
from tomtat.represent.stopwords import STOP_SYLLABLES
from tomtat.represent.terms import count_matrix, tfidf
from tomtat.text.tokens import unigrams_and_bigrams


# Two sentences sharing this share of the comparable one's concepts (Representation.overlap) report the same
# fact: used both to keep paraphrases out of a summary and to credit the other
# outlets that reported it. On ViMs, forbidding such pairs cost no ROUGE down to 0.4.
SAME_FACT_OVERLAP = 0.35


@dataclass
class Representation:
    documents: list[Document]
    sentences: list[Sentence]  # every candidate sentence of the cluster, in document order
    vectors: sparse.csr_matrix  # L2-normalized TF-IDF rows, one per sentence
    title_vectors: sparse.csr_matrix  # one row per document
    centroid: np.ndarray  # mean of sentence vectors, L2-normalized
    concept_df: np.ndarray  # how many articles mention each concept
    concept_matrix: sparse.csr_matrix  # binary sentence x concept incidence

    @property
    def lengths(self) -> np.ndarray:
        return np.array([s.length for s in self.sentences], dtype=float)

    def overlap(self, rows: list[int] | np.ndarray, against: str = "comparable") -> np.ndarray:
        """Share of concepts two sentences have in common, over one sentence's concepts.

        "comparable" (default): over the smaller sentence's when it holds at least
        half as many concepts as the larger, else over the larger's. Two
        paraphrased leads (25 and 41 concepts, 40% shared) still state the same
        fact, while a 3-syllable heading or a 13-syllable sentence contained in a
        40-syllable lead (1.0 over the smaller, the old measure) neither blocks
        that lead nor is credited as reporting it. "larger" and "smaller" use
        that sentence alone.
        """
        m = self.concept_matrix
        rows = np.asarray(rows, dtype=np.intp).reshape(-1)
        shared = (m[rows] @ m.T).tocoo()  # only the pairs sharing a concept are computed
        sizes = np.diff(m.indptr)  # concepts per sentence (the matrix is binary)
        a, b = sizes[rows][shared.row], sizes[shared.col]
        small, large = np.minimum(a, b), np.maximum(a, b)
        size = {"smaller": small, "larger": large}.get(against)
        if size is None:
            size = np.where(2 * small >= large, small, large)
        out = np.zeros((rows.size, m.shape[0]))
        out[shared.row, shared.col] = np.divide(shared.data, size, out=np.zeros(shared.nnz), where=size > 0)
        return out

    def overlapping_pairs(self, rows: np.ndarray, threshold: float) -> np.ndarray:
        """Pairs (a, b), a < b, of positions in `rows` whose sentences overlap above `threshold`.

        The same measure as `overlap` ("comparable"), computed only for the
        pairs that share a concept (one sparse product), so memory follows
        those pairs instead of len(rows) x all sentences.
        """
        m = self.concept_matrix[np.asarray(rows, dtype=np.intp)]
        shared = sparse.triu(m @ m.T, k=1).tocoo()
        sizes = np.diff(m.indptr)
        small = np.minimum(sizes[shared.row], sizes[shared.col])
        large = np.maximum(sizes[shared.row], sizes[shared.col])
        size = np.where(2 * small >= large, small, large)
        share = np.divide(shared.data, size, out=np.zeros(shared.nnz), where=size > 0)
        keep = share > threshold
        a, b = shared.row[keep], shared.col[keep]
        order = np.lexsort((b, a))  # row by row, as np.argwhere on the dense matrix gave them
        return np.column_stack([a[order], b[order]]).astype(np.intp)


def sentence_concepts(tokens: list[str]) -> set[tuple[str, str]]:
    return {
        (a, b) for a, b in zip(tokens, tokens[1:])
        if not (a in STOP_SYLLABLES and b in STOP_SYLLABLES)
    }


def represent(documents: list[Document]) -> Representation:
    sentences = [s for d in documents for s in d.sentences]
    corpus = [unigrams_and_bigrams(s.words or s.syllables) for s in sentences]
    corpus += [unigrams_and_bigrams(d.title_words or d.title_syllables) for d in documents]
    vectors = tfidf(corpus)
    title_vectors = vectors[len(sentences):]
    vectors = vectors[: len(sentences)]
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm

    # concepts: distinct bigrams per sentence (binary), counted in C like the TF-IDF terms
    concept_counts, _ = count_matrix([[f"{a} {b}" for a, b in sentence_concepts(s.syllables)] for s in sentences])
    concept_matrix = concept_counts.astype(bool).astype(float)
    doc_of = np.array([s.doc for s in sentences], dtype=np.intp)
    membership = sparse.csr_matrix(
        (np.ones(len(sentences)), (doc_of, np.arange(len(sentences)))), shape=(len(documents), len(sentences)),
    )
    in_docs = (membership @ concept_matrix).tocsc()
    concept_df = np.diff(in_docs.indptr).astype(float)  # articles mentioning each concept
    return Representation(
        documents, sentences, vectors, title_vectors, centroid, concept_df, concept_matrix,
    )

"""TF-IDF sentence vectors and bigram concepts for one cluster."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import count
from typing import Any

import numpy as np
from scipy import sparse

from tomtat.model import Document, Sentence
from tomtat.represent.pairs import duplicate_groups
from tomtat.represent.rows import entry_rows, mean_row, run_starts, take_rows
from tomtat.represent.stopwords import STOP_SYLLABLES
from tomtat.represent.terms import count_matrix, ngram_counts, tfidf_rows
from tomtat.text.tokens import unigrams_and_bigrams


# Two sentences sharing this share of the comparable one's concepts (Representation.overlap) report the same
# fact: used both to keep paraphrases out of a summary and to credit the other
# outlets that reported it. On ViMs, forbidding such pairs cost no ROUGE down to 0.4.
SAME_FACT_OVERLAP = 0.35
# rows of `Representation.overlap_rows` computed at once (bounds the temporaries of the sparse product)
_OVERLAP_BLOCK = 256
# up to this many rows, `overlap_rows` counts row by row (`overlap_row`): cheaper than a sparse product
_ROW_BY_ROW = 32
# up to this many sentences (every ViMs and AbMuSu cluster: at most 312) the overlap of every two
# sentences is one dense table, built on first use (`Representation.overlap_table`)
DENSE_OVERLAP_ROWS = 600


@dataclass
class Representation:
    documents: list[Document]
    sentences: list[Sentence]  # every candidate sentence of the cluster, in document order
    vectors: sparse.csr_matrix  # L2-normalized TF-IDF rows, one per sentence
    title_vectors: sparse.csr_matrix  # one row per document
    centroid: np.ndarray  # mean of sentence vectors, L2-normalized
    concept_df: np.ndarray  # how many articles mention each concept
    concept_matrix: sparse.csr_matrix  # binary sentence x concept incidence
    # what later stages derive from this representation once and read many times (the selector's
    # candidates, the teaser rule's restated openings: the story stage selects several times per cluster)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def lengths(self) -> np.ndarray:
        """Syllables per sentence, built once (read-only): the selectors, the story and the features
        all read it, and rebuilding it per call was 1.5M `Sentence.length` calls on 200 long articles."""
        out = np.array([len(s.syllables) for s in self.sentences], dtype=float)
        out.flags.writeable = False
        return out

    @cached_property
    def docs(self) -> np.ndarray:
        """Each sentence's article index, built once (read-only): the features, the teaser rule and the
        selector read it (each built its own array from the sentences, the selector once per selection)."""
        out = np.fromiter((s.doc for s in self.sentences), dtype=np.intp, count=len(self.sentences))
        out.flags.writeable = False
        return out

    @cached_property
    def concepts_by_concept(self) -> sparse.csr_matrix:
        """The concept matrix transposed, built once: `m[rows] @ m.T` in CSR without a conversion per call."""
        return self.concept_matrix.T.tocsr()

    @cached_property
    def vector_duplicates(self) -> tuple[np.ndarray, np.ndarray]:
        """(first sentence of each group of identical vectors, each sentence's group): `duplicate_groups`."""
        return duplicate_groups(self.vectors)

    @cached_property
    def _concept_duplicates(self) -> tuple[np.ndarray, np.ndarray]:
        return duplicate_groups(self.concept_matrix)

    @cached_property
    def distinct_concepts_by_concept(self) -> sparse.csr_matrix:
        """`concepts_by_concept` over the first sentence of each `concept_groups` group only (column g:
        group g)."""
        return self.concept_matrix[self.concept_firsts].T.tocsr()

    @cached_property
    def concept_members(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(the sentences ordered by group, each in ascending order; where each group starts; its size)."""
        group = self.concept_groups
        counts = np.bincount(group, minlength=self.concept_firsts.size)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.intp)
        return np.argsort(group, kind="stable").astype(np.intp), starts, counts

    @property
    def concept_groups(self) -> np.ndarray:
        """For each sentence, a group of sentences with exactly its concepts (`duplicate_groups`, or finer
        groups: `represent` gives each distinct text its own)."""
        return self._concept_duplicates[1]

    @property
    def concept_firsts(self) -> np.ndarray:
        """The first sentence of each group of `concept_groups`."""
        return self._concept_duplicates[0]

    @cached_property
    def concept_sizes(self) -> np.ndarray:
        """Concepts per sentence (the concept matrix is binary)."""
        return np.diff(self.concept_matrix.indptr)

    def _ratios(self, first: np.ndarray, second: np.ndarray, shared: np.ndarray, against: str) -> np.ndarray:
        """The overlap of pairs with `shared` concepts in common, between sentences of these sizes."""
        small, large = np.minimum(first, second), np.maximum(first, second)
        size = {"smaller": small, "larger": large}.get(against)
        if size is None:
            size = np.where(2 * small >= large, small, large)
        return np.divide(shared, size, out=np.zeros(np.shape(shared)), where=size > 0)

    def overlap_table(self, against: str = "comparable") -> np.ndarray | None:
        """The overlap of every two sentences (sentences x sentences, read-only), or None past
        `DENSE_OVERLAP_ROWS` sentences: `overlap` of all rows, built once per measure.

        One sparse product and one division per pair, where the row-by-row
        methods below paid scipy's and numpy's per-call overhead each time
        (issue 11: on ViMs the selector, the story, the timeline and the
        "also reported by" credits asked for 33 rows a cluster, 1.75 ms of
        `overlap_row` plus 1.1 ms of `overlap_rows`). Every entry is the same
        division of the same counts, so the rows read off it are bit for bit
        those computed row by row.
        """
        key = ("overlap_table", against)
        table = self.memo.get(key)
        if table is None:
            shared = self.shared_concepts()
            if shared is None:
                return None
            sizes = self.concept_sizes
            table = self.memo[key] = self._ratios(sizes[:, None], sizes[None, :], shared, against)
            table.flags.writeable = False
        return table

    def shared_concepts(self) -> np.ndarray | None:
        """How many concepts every two sentences share (sentences x sentences, exact counts as floats,
        read-only), or None past `DENSE_OVERLAP_ROWS` sentences: built once, on first use (the selector's
        `overlap_table` builds it; the timeline reads it)."""
        shared = self.memo.get("shared_concepts")
        if shared is None:
            if self.concept_matrix.shape[0] > DENSE_OVERLAP_ROWS:
                return None
            shared = self.memo["shared_concepts"] = shared_counts(self.concept_matrix)
            shared.flags.writeable = False
        return shared

    def overlap_row(self, i: int, against: str = "comparable", at_least: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """One row of `overlap_rows` as (sentence indices in order, ratios), without scipy's per-call overhead.

        The sentences sharing a concept with sentence i are read off the
        transposed concept matrix and counted (2 ms a row through a sparse
        product on ViMs, the select and assemble stages' largest cost, against
        a few tens of microseconds).
        """
        table = self.overlap_table(against)
        if table is not None:
            row = table[i]
            cols = np.flatnonzero((row >= at_least) & (row > 0))
            return cols, row[cols]
        m, by_concept, sizes = self.concept_matrix, self.concepts_by_concept, self.concept_sizes
        concepts = m.indices[m.indptr[i]:m.indptr[i + 1]]
        if not concepts.size:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        starts, ends = by_concept.indptr[concepts], by_concept.indptr[concepts + 1]
        sizes_c = ends - starts
        # every position of every listed concept's row, in one index array (no Python list of slices)
        at = np.arange(int(sizes_c.sum())) + np.repeat(starts - np.cumsum(sizes_c) + sizes_c, sizes_c)
        hits = by_concept.indices[at]
        if hits.size * 8 >= m.shape[0]:  # a count per sentence is cheaper than sorting the hits
            per_sentence = np.bincount(hits, minlength=m.shape[0])
            cols = np.flatnonzero(per_sentence)
            shared = per_sentence[cols]
        else:
            cols, shared = np.unique(hits, return_counts=True)
        ratio = self._ratios(np.full(cols.size, sizes[i]), sizes[cols], shared.astype(float), against)
        keep = (ratio >= at_least) & (ratio > 0)
        return cols[keep].astype(np.intp), ratio[keep]

    def overlap_rows(
        self, rows: list[int] | np.ndarray, against: str = "comparable", at_least: float = 0.0,
    ) -> sparse.csr_matrix:
        """`overlap(rows)` as a sparse matrix: only the pairs sharing a concept, and of those only the
        ratios >= `at_least` (every positive one by default).

        Computed `_OVERLAP_BLOCK` rows at a time, so the temporaries follow one
        block's pairs and the result the pairs kept: on 200 articles of 100,000
        characters the dense rows x all-sentences tables of `overlap` ran out of
        2 GB in the story stage. Rows with identical concepts are computed once
        (that cluster repeats ViMs sentences about 5 times: the timeline's call
        over every dated sentence was most of the order stage).
        """
        m = self.concept_matrix
        rows = np.asarray(rows, dtype=np.intp).reshape(-1)
        sizes = self.concept_sizes
        n = m.shape[0]
        table = self.overlap_table(against)
        if table is not None:
            sub = table[rows]
            r, c = np.nonzero((sub >= at_least) & (sub > 0))
            indptr = np.zeros(rows.size + 1, dtype=np.intp)
            np.cumsum(np.bincount(r, minlength=rows.size), out=indptr[1:])
            return sparse.csr_matrix((sub[r, c], c, indptr), shape=(rows.size, n))
        if rows.size <= _ROW_BY_ROW:
            found = [self.overlap_row(int(i), against, at_least) for i in rows]
            indptr = np.concatenate([[0], np.cumsum([c.size for c, _ in found])]).astype(np.intp)
            cols = np.concatenate([c for c, _ in found]) if found else np.zeros(0, dtype=np.intp)
            data = np.concatenate([r for _, r in found]) if found else np.zeros(0)
            return sparse.csr_matrix((data, cols, indptr), shape=(rows.size, n))
        group = self.concept_groups
        distinct, back = np.unique(group[rows], return_inverse=True)
        if distinct.size < rows.size:
            # identical concept rows (syndicated copies) have identical overlap rows: each computed once
            first = self.concept_firsts[distinct]
            return self.overlap_rows(first, against, at_least)[back.reshape(-1)]
        firsts = self.concept_firsts
        copies = firsts.size < n
        # with copies, the columns too are counted once per group of identical concept rows and the kept
        # pairs then listed for every copy (a copy has its group's counts and size, so the same ratios):
        # the timeline's 15.8k dated rows of the 200 x 100,000-character bench cluster met 5.6 copies of
        # each partner, and the product and the divisions were most of the order stage
        by_concept = self.distinct_concepts_by_concept if copies else self.concepts_by_concept
        column_sizes = sizes[firsts] if copies else sizes
        pieces = []
        for a in range(0, rows.size, _OVERLAP_BLOCK):
            block = rows[a:a + _OVERLAP_BLOCK]
            shared = (m[block] @ by_concept).tocoo()  # only the pairs sharing a concept
            ratio = self._ratios(sizes[block][shared.row], column_sizes[shared.col], shared.data, against)
            keep = (ratio >= at_least) & (ratio > 0)
            row, col, ratio = shared.row[keep], shared.col[keep], ratio[keep]
            if copies:  # every member of each kept group (coo -> csr sorts each row's columns)
                members, starts, counts = self.concept_members
                per = counts[col]
                col = members[np.arange(int(per.sum())) + np.repeat(starts[col] - np.cumsum(per) + per, per)]
                row, ratio = np.repeat(row, per), np.repeat(ratio, per)
            pieces.append(sparse.csr_matrix((ratio, (row, col)), shape=(block.size, n)))
        return sparse.vstack(pieces, format="csr")

    def overlap(self, rows: list[int] | np.ndarray, against: str = "comparable") -> np.ndarray:
        """Share of concepts two sentences have in common, over one sentence's concepts.

        "comparable" (default): over the smaller sentence's when it holds at least
        half as many concepts as the larger, else over the larger's. Two
        paraphrased leads (25 and 41 concepts, 40% shared) still state the same
        fact, while a 3-syllable heading or a 13-syllable sentence contained in a
        40-syllable lead (1.0 over the smaller, the old measure) neither blocks
        that lead nor is credited as reporting it. "larger" and "smaller" use
        that sentence alone. The measure is symmetric. A dense rows x sentences
        table: for a few rows only; the pipeline reads `overlap_rows`.
        """
        return self.overlap_rows(rows, against).toarray()

    def overlapping_pairs(self, rows: np.ndarray, threshold: float) -> np.ndarray:
        """Pairs (a, b), a < b, of positions in `rows` whose sentences overlap above `threshold`.

        The same measure as `overlap` ("comparable"), computed only for the
        pairs that share a concept (one sparse product), so memory follows
        those pairs instead of len(rows) x all sentences.
        """
        table = self.overlap_table("comparable")
        if table is not None:
            rows = np.asarray(rows, dtype=np.intp)
            sub = table[np.ix_(rows, rows)]
            a, b = np.nonzero(np.triu((sub > threshold) & (sub > 0), 1))  # row by row, as below
            return np.column_stack([a, b]).astype(np.intp)
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


# concept x sentence entries up to which `shared_counts` multiplies by a dense transpose (1.2 MB of float64).
# Its cost follows the entries times the sentences, the sparse product's the pairs of sentences sharing a
# concept: over the first 100 ViMs and 100 AbMuSu clusters (130k and 97k entries on average, at most 1.1
# million) the counts took 27.0 ms as sparse products, 25.4 all dense, 19.6 dense up to 150k or 200k
# entries (20.1 up to 100k, 20.1 up to 300k)
_DENSE_TRANSPOSE = 150_000


def shared_counts(matrix: sparse.csr_matrix) -> np.ndarray:
    """`(matrix @ matrix.T).toarray()` of a small binary CSR matrix (rows x rows, dense): concepts each two
    sentences share.

    A small matrix's CSR rows times a dense transpose (scipy's `csr_matvecs`, one pass over the stored
    values) instead of a transposition, a sparse x sparse product and its densification, whose fixed
    costs dominate at news size (see `_DENSE_TRANSPOSE`). The counts are sums of products of ones, exact
    in any order, so the table is the same bit for bit. (The dense transpose must not hold a (row,
    concept) twice: the concept matrix is canonical, one entry per pair.)
    """
    n, k = matrix.shape
    if n * k > _DENSE_TRANSPOSE:
        return (matrix @ matrix.T.tocsr()).toarray()
    transposed = np.zeros((k, n))
    transposed[matrix.indices, entry_rows(matrix.indptr)] = matrix.data
    return np.asarray(matrix @ transposed)


def sentence_concepts(tokens: list[str]) -> set[tuple[str, str]]:
    return {
        (a, b) for a, b in zip(tokens, tokens[1:])
        if not (a in STOP_SYLLABLES and b in STOP_SYLLABLES)
    }


@lru_cache(maxsize=1)
def _stop_pairs() -> frozenset[str]:
    """Every bigram term of two function syllables (no concept), built once: one set look-up a term."""
    return frozenset(f"{a} {b}" for a in STOP_SYLLABLES for b in STOP_SYLLABLES)


def _concept_columns_from_keys(tokens: list[str], keys: np.ndarray) -> np.ndarray:
    """`_concept_columns_from_terms` for columns named by `ngram_counts` keys (bigrams of token ranks)."""
    width = len(tokens) + 1
    stop = np.fromiter(map(STOP_SYLLABLES.__contains__, tokens), dtype=bool, count=len(tokens))
    first, second = keys // width, keys % width - 1
    is_concept = second >= 0
    is_concept[is_concept] = ~(stop[first[is_concept]] & stop[second[is_concept]])
    return is_concept


def _concept_columns_from_terms(vocabulary: list[str]) -> np.ndarray:
    """Which term columns are concepts, read off the term strings.

    Concepts are the distinct syllable bigrams of a sentence that are not two
    function syllables (`sentence_concepts`); when the TF-IDF terms are syllables
    and their bigrams (no word segmentation), those bigrams are already columns
    of the term index, in the same sorted order. Keeping those columns of the
    sentences' term counts (`_keep_columns`) gives exactly the matrix a second
    `count_matrix` over `sentence_concepts` built, without tokenizing every
    sentence again (a third of `represent` on ViMs).
    """
    stop_pairs = _stop_pairs()
    return np.array([" " in t and t not in stop_pairs for t in vocabulary], dtype=bool)


def _keep_columns(
    indptr: np.ndarray, indices: np.ndarray, is_concept: np.ndarray, rows: np.ndarray | None = None,
) -> sparse.csr_matrix:
    """The binary matrix of the CSR rows (`indptr`, `indices`) over the concept columns that some row holds,
    in column order; with `rows`, its rows `rows` in that order (`take_rows`: each distinct sentence's row
    for each of its copies).

    Built on the arrays and constructed once: the term counts' first rows and the copies were two more
    sparse matrices (scipy's construction and checks, ~15 us each on a ViMs cluster). The same entries in
    the same order and the same index types as `take_rows` of those matrices.
    """
    used = np.zeros(is_concept.size, dtype=bool)
    used[indices] = True
    column = np.full(is_concept.size, -1, dtype=np.intp)
    kept = np.flatnonzero(is_concept & used)
    column[kept] = np.arange(kept.size)
    new_col = column[indices]
    keep = new_col >= 0
    # each row's kept entries end where the running count of kept entries stands at the row's end
    running = np.zeros(indices.size + 1, dtype=np.intp)
    np.cumsum(keep, out=running[1:])
    new_indptr, cols = running[indptr], new_col[keep]
    if rows is not None:
        starts = new_indptr[rows]
        sizes = new_indptr[rows + 1] - starts
        new_indptr = np.zeros(rows.size + 1, dtype=np.intp)
        np.cumsum(sizes, out=new_indptr[1:])
        cols = cols[np.arange(int(new_indptr[-1])) + np.repeat(starts - new_indptr[:-1], sizes)]
    n_rows = indptr.size - 1 if rows is None else rows.size
    return sparse.csr_matrix(
        (np.ones(cols.size), cols.astype(indices.dtype), new_indptr.astype(indptr.dtype)), shape=(n_rows, kept.size),
    )


def _articles_per_column(matrix: sparse.csr_matrix, doc_of: np.ndarray, n_docs: int) -> np.ndarray:
    """How many articles hold each column (a row's article is `doc_of[row]`), as floats: the columns of
    `membership @ matrix`, counted from the (article, column) pairs, in a dense table where it is small."""
    m = matrix.shape[1]
    if n_docs * m <= 4_000_000:
        keys = np.repeat(doc_of, np.diff(matrix.indptr)).astype(np.int64) * m + matrix.indices
        seen = np.zeros(n_docs * m, dtype=bool)
        seen[keys] = True
        return np.count_nonzero(seen.reshape(n_docs, m), axis=0).astype(float)
    if np.any(doc_of[1:] < doc_of[:-1]):  # (sentences out of article order: sort the pairs)
        keys = np.repeat(doc_of, np.diff(matrix.indptr)).astype(np.int64) * m + matrix.indices
        keys.sort(kind="stable")
        return np.bincount(keys[run_starts(keys)] % m, minlength=m).astype(float)
    # one article's sentences at a time, each a run of rows (200 articles of 100,000 characters: a sort
    # of every (article, concept) pair took seconds, and numpy's hashing `unique` five)
    df = np.zeros(m)
    bounds = matrix.indptr[np.searchsorted(doc_of, np.arange(n_docs + 1))]
    seen = np.zeros(m, dtype=bool)
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        if a < b:
            seen[:] = False
            seen[matrix.indices[a:b]] = True
            df += seen
    return df


def represent(documents: list[Document]) -> Representation:
    sentences = [s for d in documents for s in d.sentences]
    # each distinct sentence tokenized, counted and weighted once, then its row repeated for every copy:
    # the same IDF and vectors as counting every copy (syndicated copies; the 200 x 100,000-character
    # bench cluster repeats ViMs sentences: represent went from 15 s to 3.6 s there, and its peak memory
    # from +528 to +249 MB)
    first_of: dict[tuple[str, ...], int] = {}
    # (each sentence's first copy's index, in C; then numbered in order of first appearance)
    first_copy = np.fromiter(
        map(first_of.setdefault, (tuple(s.words or s.syllables) for s in sentences), count()),
        dtype=np.intp, count=len(sentences),
    )
    firsts, row_of = np.unique(first_copy, return_inverse=True)
    row_of = row_of.reshape(-1).astype(np.intp)
    token_rows = [*first_of, *(d.title_words or d.title_syllables for d in documents)]
    # one term index for the vectors and the concepts: syllables and their bigrams
    found = ngram_counts(token_rows)
    if found is None:  # (tokens `ngram_counts` cannot order: count the term strings)
        counts, vocabulary = count_matrix([unigrams_and_bigrams(list(tokens)) for tokens in token_rows])
        keys = None
    else:
        counts, tokens, keys = found
    distinct = len(first_of)
    copies = distinct < len(sentences)
    # IDF over every sentence, each distinct row counted as its copies; the rows are then repeated
    weights = np.concatenate([np.bincount(row_of, minlength=distinct), np.ones(len(documents))]) if copies else None
    # (in place: only the structure of the counts is read after this, by the concepts)
    weighted = tfidf_rows(counts, documents=len(sentences) + len(documents), row_weights=weights, in_place=True)
    # (rows gathered on the CSR arrays: `take_rows` is `weighted[distinct:]`, `weighted[:distinct]`, ...)
    title_vectors = take_rows(weighted, slice(distinct, None))
    vectors = take_rows(weighted, row_of if copies else slice(0, distinct))
    del weighted
    # `vectors.mean(axis=0)` on the arrays (`mean_row`: bit for bit the same centroid, without three sparse
    # matrices; past a million entries scipy's, whose temporaries are smaller than bincount's int64 copy of
    # the indices)
    if vectors.nnz <= 1_000_000:
        centroid = mean_row(vectors)
    else:
        centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm > 0:
        centroid /= norm

    # concepts: distinct bigrams per sentence (binary)
    words = any(s.words for s in sentences)
    if words:  # word units as terms: the syllable bigrams are counted apart
        concept_counts, _ = count_matrix([[f"{a} {b}" for a, b in sentence_concepts(s.syllables)] for s in sentences])
        concept_matrix = concept_counts.astype(bool).astype(float)
    else:
        # the sentences' rows of the term index (the titles' follow them), each distinct one repeated for its copies
        is_concept = _concept_columns_from_terms(vocabulary) if keys is None else _concept_columns_from_keys(tokens, keys)
        indptr = counts.indptr[:distinct + 1]
        concept_matrix = _keep_columns(indptr, counts.indices[:indptr[-1]], is_concept, row_of if copies else None)
    del counts
    doc_of = np.array([s.doc for s in sentences], dtype=np.intp)
    concept_df = _articles_per_column(concept_matrix, doc_of, len(documents))
    rep = Representation(
        documents, sentences, vectors, title_vectors, centroid, concept_df, concept_matrix,
    )
    # sentences with the same terms have the same vector: the groups `duplicate_groups` would find (or
    # finer ones, which serve as well), known here without comparing rows
    rep.__dict__["vector_duplicates"] = (firsts.astype(np.intp), row_of)
    if not words:
        # and the same concept row (the concept matrix is the distinct rows' repeated): groups of identical
        # concept rows too, without `duplicate_groups`' loop over every row (0.2-0.3 s of the order stage
        # on the 200 x 100,000-character bench cluster); every reader takes finer groups as well
        rep.__dict__["_concept_duplicates"] = rep.vector_duplicates
    doc_of.flags.writeable = False
    rep.__dict__["docs"] = doc_of
    return rep

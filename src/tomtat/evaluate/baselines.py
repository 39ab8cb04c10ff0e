"""Reference systems for `tomtat eval`, each built on the same prepare()/represent() stages.

Every baseline takes a cluster's `Representation` (so cleaning, splitting and
vectors are exactly the pipeline's) plus the syllable budget, and returns the
summary text. They fill the budget greedily; ROUGE then cuts the output at the
budget, so the last sentence may be partly counted, the usual convention.

- lead: first sentence of each article in turn, then the second, ...
- lead-body: the same after skipping each article's first paragraph when a
  later one follows: the sapo (AbMuSu's anchor text), which references there
  rarely copy. Unseen sets may be written from either lead, so both are rows.
- lexrank: Erkan & Radev's graph centrality (threshold 0.1, damping 0.85)
- centroid: cosine to the cluster's TF-IDF centroid (Radev et al.)
- oracle: greedy ROUGE-2 against the references (the extractive upper bound)
- human: one reference scored against the others (not a system: see evaluate.run)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tomtat.text.tokens import syllables

if TYPE_CHECKING:
    import numpy as np

    from tomtat.represent import Representation

REDUNDANCY = 0.5  # cosine above which a candidate repeats a chosen sentence
MIN_SYLLABLES = 6  # fragments shorter than this are never picked by the baselines
LEXRANK_THRESHOLD = 0.1
LEXRANK_DAMPING = 0.85

# numpy is imported inside the baselines that use it: `tomtat --help` lists their names only
Baseline = Callable[["Representation", int, Sequence[str]], str]


def _join(rep: Representation, chosen: Sequence[int]) -> str:
    return " ".join(rep.sentences[i].text for i in chosen)


def _fill(rep: Representation, ranking: Sequence[int], syllables: int, redundancy: float | None = REDUNDANCY) -> list[int]:
    """Take sentences in `ranking` order until the budget is reached, skipping near-duplicates."""
    chosen: list[int] = []
    used = 0
    for i in ranking:
        if used >= syllables:
            break
        s = rep.sentences[i]
        if s.length < MIN_SYLLABLES and any(x.length >= MIN_SYLLABLES for x in rep.sentences):
            continue
        if redundancy is not None and chosen:
            sims = rep.vectors[chosen] @ rep.vectors[i].T
            if sims.nnz and sims.max() > redundancy:
                continue
        chosen.append(int(i))
        used += s.length
    return chosen


def lead(rep: Representation, syllables: int, references: Sequence[str] = (), skip_first_paragraph: bool = False) -> str:
    """First sentences of each article in turn (article order), no redundancy check."""
    by_article: dict[int, list[int]] = {}
    for i, s in enumerate(rep.sentences):
        by_article.setdefault(s.doc, []).append(i)
    if skip_first_paragraph:
        for a, rows in by_article.items():
            body = [i for i in rows if rep.sentences[i].paragraph > rep.sentences[rows[0]].paragraph]
            by_article[a] = body or rows
    ranking = []
    depth = max((len(v) for v in by_article.values()), default=0)
    for k in range(depth):
        for a in sorted(by_article):
            if k < len(by_article[a]):
                ranking.append(by_article[a][k])
    return _join(rep, _fill(rep, ranking, syllables, redundancy=None))


def lead_body(rep: Representation, syllables: int, references: Sequence[str] = ()) -> str:
    """`lead` without each article's first paragraph (the sapo), where the article has more."""
    return lead(rep, syllables, references, skip_first_paragraph=True)


def lexrank_scores(rep: Representation, threshold: float = LEXRANK_THRESHOLD, damping: float = LEXRANK_DAMPING) -> np.ndarray:
    """Stationary distribution of the thresholded cosine graph (power iteration)."""
    import numpy as np

    n = len(rep.sentences)
    if n == 0:
        return np.zeros(0)
    sims = (rep.vectors @ rep.vectors.T).toarray()
    adj = (sims > threshold).astype(float)
    degree = adj.sum(axis=1, keepdims=True)
    transition = adj / np.where(degree > 0, degree, 1.0)
    p = np.full(n, 1.0 / n)
    for _ in range(100):
        nxt = (1 - damping) / n + damping * (transition.T @ p)
        if np.abs(nxt - p).sum() < 1e-8:
            p = nxt
            break
        p = nxt
    return p


def lexrank(rep: Representation, syllables: int, references: Sequence[str] = ()) -> str:
    import numpy as np

    scores = lexrank_scores(rep)
    return _join(rep, _fill(rep, np.argsort(-scores, kind="stable"), syllables))


def centroid(rep: Representation, syllables: int, references: Sequence[str] = ()) -> str:
    import numpy as np

    scores = np.asarray(rep.vectors @ rep.centroid).ravel()
    return _join(rep, _fill(rep, np.argsort(-scores, kind="stable"), syllables))


def _bigrams(tokens: Sequence[str]) -> Counter:
    return Counter(zip(tokens, tokens[1:]))


def _mean_f(total: int, overlaps: Sequence[int], refs: list[tuple[Counter, int]]) -> float:
    """Mean ROUGE-2 F1 over `refs` of a summary with `total` bigrams sharing `overlaps` (clipped counts) with each."""
    score = 0.0
    for (_, ref_total), overlap in zip(refs, overlaps):
        if overlap:
            p, r = overlap / total, overlap / ref_total
            score += 2 * p * r / (p + r)
    return score / max(len(refs), 1)


def greedy_oracle(units: Sequence[Sequence[str]], budget: int, refs: list[tuple[Counter, int]]) -> tuple[float, list[int]]:
    """Greedy ROUGE-2 F1 oracle over token lists: add the unit that most raises the mean F1 (over `refs`, each
    (bigram counts, bigram total)) of the summary, their concatenation cut at `budget`. Returns (that F1, the
    units taken in order).

    A unit that fits is scored incrementally: the summary's bigrams so far plus its own and the one across
    the junction, each reference's clipped overlap raised by what those add; only a unit the budget cuts is
    counted again from its cut text. The overlaps are the same integers as a recount, so the F1 values and
    picks are those of recounting every candidate summary (the test keeps that recount), in a fraction of
    the time.
    """
    refs = [r for r in refs if r[0]]
    if not refs:
        return 0.0, []
    grams = [_bigrams(t) for t in units]
    chosen: list[int] = []
    current: list[str] = []
    held: Counter = Counter()  # the bigrams of `current`
    overlaps = [0] * len(refs)
    best = 0.0
    while len(current) < budget:
        gain_best, pick, pick_overlaps = best, None, overlaps
        for i, t in enumerate(units):
            if not t or i in chosen:
                continue
            if len(current) + len(t) > budget:  # cut by the budget: count the cut summary
                cut = [*current, *t][:budget]
                g = _bigrams(cut)
                trial = [sum((g & ref).values()) for ref, _ in refs]
                total = max(len(cut) - 1, 1)
            else:
                g = grams[i].copy()
                if current:
                    g[(current[-1], t[0])] += 1
                trial = []
                for (ref, _), overlap in zip(refs, overlaps):
                    for b, n in g.items():
                        have = ref.get(b)
                        if have:
                            c = held.get(b, 0)
                            overlap += min(c + n, have) - min(c, have)
                    trial.append(overlap)
                total = max(len(current) + len(t) - 1, 1)
            f = _mean_f(total, trial, refs)
            if f > gain_best + 1e-12:
                gain_best, pick, pick_overlaps = f, i, trial
        if pick is None:
            break
        t = units[pick]
        if current:
            held[(current[-1], t[0])] += 1
        held.update(grams[pick])
        chosen.append(pick)
        current = [*current, *t]
        overlaps = pick_overlaps
        best = gain_best
    return best, chosen


def oracle_indices(rep: Representation, budget: int, references: Sequence[str]) -> list[int]:
    """Greedy ROUGE-2 F1 oracle: add the sentence that most raises the mean F1 of the cut summary."""
    refs = [(_bigrams(t), max(len(t) - 1, 1)) for t in (syllables(r) for r in references)]
    return greedy_oracle([s.syllables for s in rep.sentences], budget, refs)[1]


def oracle(rep: Representation, syllables: int, references: Sequence[str]) -> str:
    return _join(rep, oracle_indices(rep, syllables, references))


BASELINES: dict[str, Baseline] = {
    "lead": lead,
    "lead-body": lead_body,
    "lexrank": lexrank,
    "centroid": centroid,
    "oracle": oracle,
}

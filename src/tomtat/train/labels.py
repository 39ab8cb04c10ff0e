"""Training targets from human summaries: membership in the greedy ROUGE-2 oracle, and sample weights.

The oracle label is sparse and noisy: of two sentences that share most of
their bigrams with the references, the greedy oracle takes one and calls the
other a negative as firmly as an unrelated sentence. `sample_weights` softens
that: a negative counts in the logistic loss by how little of it the
references contain (1 - its reference-bigram precision, scaled by the
cluster's highest), positives count fully. Measured (issue 8 round 3, 5-fold
CV, ROUGE-2 F1 syllables, ViMs/AbMuSu): within each set 39.94/36.30 ->
40.50/36.58, joint 39.36/34.74 -> 39.98/34.82, AbMuSu->ViMs 37.23 -> 37.57,
ViMs->AbMuSu 33.25 -> 33.22. Graded targets instead of the oracle (soft
logistic or Ridge on each sentence's ROUGE-2 recall or F1, top-k by
precision, oracle OR precision >= 0.5) lifted ViMs but cost AbMuSu 1-3
points (README "Results").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from tomtat.evaluate.baselines import oracle_indices
from tomtat.represent import Representation
from tomtat.text.tokens import syllables as syllables_of

NEGATIVE_FLOOR = 1e-3  # every sentence keeps some weight (added to all, positives included)
# weight of a sentence that one reference's own oracle takes but the joint oracle does not (`per_reference`)
PER_REFERENCE_WEIGHT = 0.75


def oracle_labels(rep: Representation, references: Sequence[str], syllables: int) -> np.ndarray:
    out = np.zeros(len(rep.sentences))
    out[oracle_indices(rep, syllables, references)] = 1.0
    return out


def per_reference(rep: Representation, references: Sequence[str], syllables: int,
                  labels: np.ndarray) -> np.ndarray:
    """The sentences that some reference's own greedy oracle takes and the joint oracle (`labels`) does not.

    With several references the joint oracle picks the sentences that best
    serve all of them at once, and a sentence that is the best match for one
    human's summary becomes a negative. Such sentences are summary material
    all the same: training counts them as positives of weight
    `PER_REFERENCE_WEIGHT`. With one reference there are none. Measured
    (issue 8 round 5, `python bench/learner_variants.py per-reference`; only
    ViMs has several references): README "Results".
    """
    out = np.zeros(len(rep.sentences), dtype=bool)
    if len(references) < 2:
        return out
    for reference in references:
        out[oracle_indices(rep, syllables, [reference])] = True
    return out & (labels <= 0)


def _bigrams(tokens: Sequence[str]) -> Counter:
    return Counter(zip(tokens, tokens[1:]))


def reference_precision(rep: Representation, references: Sequence[str]) -> np.ndarray:
    """Each sentence's ROUGE-2 precision against the references (the share of its bigrams they hold), averaged."""
    refs = [r for r in (_bigrams(syllables_of(t)) for t in references) if r]
    out = np.zeros(len(rep.sentences))
    if not refs:
        return out
    for i, sentence in enumerate(rep.sentences):
        grams = _bigrams(sentence.syllables)
        total = max(sum(grams.values()), 1)
        out[i] = sum(sum((grams & ref).values()) / total for ref in refs) / len(refs)
    return out


def sample_weights(labels: np.ndarray, precision: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
    """Positives 1; a negative 1 - precision / (the cluster's highest precision); plus a small floor.

    `extra` (`per_reference`): sentences labelled positive with weight `PER_REFERENCE_WEIGHT`.
    """
    top = precision.max() if precision.size else 0.0
    share = precision / top if top > 0 else precision
    weights = np.where(labels > 0, 1.0, 1.0 - share)
    if extra is not None:
        weights = np.where(extra, PER_REFERENCE_WEIGHT, weights)
    return weights + NEGATIVE_FLOOR


def concept_names(rep: Representation) -> list[tuple[str, str]]:
    """The syllable bigram each column of `rep.concept_matrix` stands for (training only: Python per sentence).

    `represent` keeps the concept columns in the sorted order of their "a b"
    term strings (`terms.ngram_counts`: token ranks sort as the strings do), and
    the concepts are the distinct non-stop bigrams of the sentences
    (`sentence_concepts`), so the sorted union of every sentence's concepts
    names the columns in order. Checked against the matrix: a mismatch raises.
    """
    from tomtat.represent.vectors import sentence_concepts

    found: set[tuple[str, str]] = set()
    for s in rep.sentences:
        found |= sentence_concepts(s.syllables)
    names = sorted(found, key=lambda pair: f"{pair[0]} {pair[1]}")
    if len(names) != rep.concept_matrix.shape[1]:
        raise ValueError(f"{len(names)} distinct concepts for {rep.concept_matrix.shape[1]} concept columns")
    return names


def concept_labels(rep: Representation, references: Sequence[str]) -> np.ndarray:
    """For each concept column: the share of the references that hold its bigram (0, 1/R, ..., 1).

    The target of the concept-weight model (`tomtat.score.learned`, Li, Qian &
    Liu 2013: a bigram's importance is whether the human summary uses it);
    with ViMs's 2-3 references a bigram one human used is half a positive.
    """
    refs = [set(zip(t, t[1:])) for t in (syllables_of(r) for r in references)]
    refs = [r for r in refs if r]
    names = concept_names(rep)
    out = np.zeros(len(names))
    if not refs:
        return out
    for ref in refs:
        out += np.fromiter((name in ref for name in names), dtype=float, count=len(names))
    return out / len(refs)

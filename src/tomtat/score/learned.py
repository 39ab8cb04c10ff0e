"""Learned scoring: a small linear model of sentence salience, trained on ViMs.

The model file (tomtat/data/salience-v2.json) is plain JSON: feature names,
standardization, coefficients, how salience feeds the selector ("combine"),
the selector's settings ("select": salience weight, greedy length exponent,
same-fact threshold, and the teaser rule's `anchor_share`, see
`tomtat.select.anchor_openings`), version and training settings. It loads with json +
numpy alone, and `tomtat train vims:../shared/data/vims
abmusu:../shared/data/abmusu/train.jsonl -o FILE` rebuilds it byte for byte.
Format 1 files (no "select") still load and use the selector's defaults.

Salience p_i = sigmoid(w . standardized features_i + b), a logistic model of
"is this sentence in the greedy ROUGE-2 oracle". It feeds the same
redundancy-aware selector as the unsupervised scorer in two ways:

- concept weight = df^concept_df_power x (mean salience of the sentences
  holding the concept)^concept_salience_power, where concepts seen in fewer
  than min_df articles get 0 when the cluster has that many articles;
- sentence weight = p_i^sentence_power.

So a fact several outlets repeat still counts most, but only as much as the
sentences stating it look like summary material.

A model file may also hold a learned concept weight under its own key
"concepts" (`CONCEPT_FEATURES`, `concept_features`, `concept_weights`): q_c =
sigmoid(v . standardized concept features_c + b), a logistic model of "a
reference holds this bigram" (Li, Qian & Liu 2013; Hong & Nenkova 2014) over
how the cluster uses the concept (how many articles and sentences hold it, how
early, in openings or first paragraphs, how salient its sentences are), never
which word it is. Its "use" says whether q replaces the hand-set weight above
or multiplies it (the variants of bench/learner_variants.py also try "excess",
max(0, q - the cluster's mean q), and "df", df x q). Files without the key
weigh concepts as above.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from tomtat.represent import Representation
from tomtat.represent.rows import entry_rows
from tomtat.score.base import Scores
from tomtat.score.features import FEATURES, OPENING_SENTENCES, sentence_features

MODEL_FORMAT = 2
READ_FORMATS = (1, 2)
DEFAULT_MODEL = "salience-v2.json"


class ModelError(ValueError):
    pass


def default_model_path() -> Path:
    return Path(str(resources.files("tomtat") / "data" / DEFAULT_MODEL))


def load_model(path: str | Path | None = None) -> dict[str, Any]:
    path = Path(path) if path is not None else default_model_path()
    model = json.loads(path.read_text(encoding="utf-8"))
    if model.get("format") not in READ_FORMATS:
        raise ModelError(f"{path}: model format {model.get('format')!r}, this tomtat reads {', '.join(map(str, READ_FORMATS))}")
    if list(model["features"]) != list(FEATURES):
        raise ModelError(f"{path}: trained on features {model['features']}, this tomtat computes {list(FEATURES)}")
    concepts = model.get("concepts")
    if concepts is not None and list(concepts.get("features", ())) != list(CONCEPT_FEATURES):
        raise ModelError(f"{path}: concept weights trained on {concepts.get('features')}, this tomtat computes "
                         f"{list(CONCEPT_FEATURES)}")
    return model


def salience(model: dict[str, Any], features: np.ndarray) -> np.ndarray:
    mean = np.asarray(model["mean"], dtype=float)
    scale = np.asarray(model["scale"], dtype=float)
    coef = np.asarray(model["coef"], dtype=float)
    z = ((features - mean) / scale) @ coef + float(model["intercept"])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


CONCEPT_FEATURES = (
    "df_share",  # articles holding it / articles
    "log_df",  # log articles holding it
    "log_holders",  # log sentences holding it (how often it is said)
    "rarity",  # log((1 + sentences) / (1 + holders)): its IDF within the cluster
    "first_lead",  # max over its sentences of 1 / (1 + position in article): how early it is first said
    "first_relative",  # min over its sentences of position / sentences in the article
    "opening_share",  # share of its sentences that open their article
    "first_paragraph_share",  # share of its sentences in their article's first paragraph
    "mean_p",  # mean salience of its sentences (today's hand-set weight's factor)
    "max_p",  # the salience of its most salient sentence
    "title",  # max over its sentences of the cosine to their headline
    "numbers",  # mean share of number syllables in its sentences (dates, tolls, amounts)
    "names",  # mean share of capitalized syllables in its sentences (proper names)
    "opening_df_share",  # its sentences among the articles' first OPENING_SENTENCES, over the articles
    "heavy_first_lead",  # first_lead x the cluster's lead heaviness (features.lead_heaviness)
    "heavy_opening_share",  # opening_share x the cluster's lead heaviness
)
# the sentence features whose mean over a concept's sentences is a concept feature (by name: a feature
# variant may append columns)
_MEAN_OF = ("first_paragraph", "numbers", "names")


def concept_features(rep: Representation, p: np.ndarray, features: np.ndarray) -> np.ndarray:
    """One row of `CONCEPT_FEATURES` per concept of `rep`, from the sentences holding it (float64).

    `p` is the sentence salience and `features` the sentence features the
    scorer already computed. The means are one sparse product of the
    transposed concept matrix (`rep.concepts_by_concept`, which the selector's
    overlap table builds anyway) with the few sentence columns they read; each
    max or min is one `reduceat` over its concept-ordered entries. 1-D
    reductions: the same over a 2-D gather of the columns cost four times as
    much (0.3 ms a ViMs cluster for the whole weight, now under 0.1).
    """
    m = len(rep.concept_df)
    if m == 0:
        return np.zeros((0, len(CONCEPT_FEATURES)))
    by_concept = rep.concepts_by_concept
    holder = by_concept.indices  # the sentences holding each concept, concept by concept
    starts = by_concept.indptr[:-1]
    holders = np.diff(by_concept.indptr).astype(float)  # every concept column has a sentence (`represent`)
    n_sent, n_docs = len(rep.sentences), max(len(rep.documents), 1)
    df = rep.concept_df
    f = FEATURES.index
    lead = features[:, f("lead")]
    sums = by_concept @ np.column_stack([p, lead == 1.0, *(features[:, f(n)] for n in _MEAN_OF),
                                         lead > 1.0 / (1.0 + OPENING_SENTENCES)])
    means = sums / holders[:, None]
    # the heavy position features are the plain ones times the cluster's heaviness, so it is their ratio
    # at an article's first sentence (lead 1); `lead` is 1 at every article's first sentence
    heaviness = float(features[:, f("heavy_lead")].max()) if len(features) else 0.0
    first_lead = np.maximum.reduceat(lead[holder], starts)
    return np.column_stack([
        df / n_docs,
        np.log(np.maximum(df, 1.0)),
        np.log(holders),
        np.log((1.0 + n_sent) / (1.0 + holders)),
        first_lead,
        np.minimum.reduceat(features[holder, f("relative_position")], starts),
        means[:, 1],
        means[:, 2],
        means[:, 0],
        np.maximum.reduceat(p[holder], starts),
        np.maximum.reduceat(features[holder, f("own_title")], starts),
        means[:, 3],
        means[:, 4],
        sums[:, 5] / n_docs,
        first_lead * heaviness,
        means[:, 1] * heaviness,
    ])


def concept_probability(concepts: dict[str, Any], features: np.ndarray) -> np.ndarray:
    """q_c = sigmoid(v . standardized concept features + b) of a model file's "concepts" entry: the same
    standardized logistic as the sentence model's (`salience`), on its own mean, scale and coefficients."""
    return salience(concepts, features)


def combine(rep: Representation, p: np.ndarray, settings: dict[str, Any], selection: dict[str, Any] | None = None,
            concepts: dict[str, Any] | None = None, features: np.ndarray | None = None) -> Scores:
    """Sentence salience -> (sentence weights, concept weights) for the selector.

    With `concepts` (a model file's "concepts" entry) and the sentence
    `features`, the learned concept weight q replaces ("use": "replace") or
    multiplies ("multiply") the hand-set one.
    """
    m = len(rep.concept_df)
    # `concept_matrix.T @ p` and `concept_matrix.T.sum(axis=1)` on the CSR arrays: scipy adds each
    # concept's products sentence by sentence, as `np.bincount` adds its weights in order (bit for bit
    # the same sums, without transposing the matrix: a third of this function on ViMs)
    # (past a million entries scipy's own, whose temporaries are smaller)
    matrix = rep.concept_matrix
    if matrix.nnz <= 1_000_000:
        sentence_of = entry_rows(matrix.indptr)
        total = np.bincount(matrix.indices, weights=matrix.data * p[sentence_of], minlength=m)
        count = np.bincount(matrix.indices, weights=matrix.data, minlength=m)
    else:
        incidence = matrix.T
        total = np.asarray(incidence @ p).ravel()
        count = np.asarray(incidence.sum(axis=1)).ravel()
    mean_p = np.divide(total, count, out=np.zeros(m), where=count > 0)
    min_df = int(settings.get("min_df", 2))
    df = rep.concept_df
    keep = df >= (min_df if len(rep.documents) >= min_df else 1)
    gain = mean_p ** float(settings.get("concept_salience_power", 1.0))
    if concepts is not None and features is not None and m:
        q = concept_probability(concepts, concept_features(rep, p, features)) ** float(concepts.get("power", 1.0))
        use = concepts.get("use", "replace")
        if use == "replace":
            weights = np.where(keep, q, 0.0)
        elif use == "excess":  # what q exceeds the cluster's mean concept by: the budget's opportunity cost
            weights = np.where(keep, np.maximum(q - q.mean(), 0.0), 0.0)
        elif use == "df":  # q in place of the mean salience
            weights = np.where(keep, df ** float(settings.get("concept_df_power", 1.0)) * q, 0.0)
        else:
            weights = np.where(keep, df ** float(settings.get("concept_df_power", 1.0)) * gain * q, 0.0)
    else:
        weights = np.where(keep, df ** float(settings.get("concept_df_power", 1.0)) * gain, 0.0)
    sentence_weights = p ** float(settings.get("sentence_power", 1.0))
    return Scores(sentence_weights=sentence_weights, concept_weights=weights, selection=dict(selection or {}))


@lru_cache(maxsize=1)
def shipped_model() -> dict[str, Any]:
    """The model file shipped in tomtat/data, read once per process."""
    return load_model(None)


class LearnedScorer:
    """Scores sentences with the shipped (or a given) salience model."""

    def __init__(self, model: dict[str, Any] | str | Path | None = None):
        if isinstance(model, dict):
            self.model = model
        else:
            self.model = shipped_model() if model is None else load_model(model)

    def salience(self, rep: Representation) -> np.ndarray:
        return salience(self.model, sentence_features(rep))

    def score(self, rep: Representation) -> Scores:
        features = sentence_features(rep)
        return combine(rep, salience(self.model, features), self.model.get("combine", {}), self.model.get("select"),
                       self.model.get("concepts"), features)

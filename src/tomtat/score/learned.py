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
from tomtat.score.features import FEATURES, sentence_features

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
    return model


def salience(model: dict[str, Any], features: np.ndarray) -> np.ndarray:
    mean = np.asarray(model["mean"], dtype=float)
    scale = np.asarray(model["scale"], dtype=float)
    coef = np.asarray(model["coef"], dtype=float)
    z = ((features - mean) / scale) @ coef + float(model["intercept"])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def combine(rep: Representation, p: np.ndarray, settings: dict[str, Any], selection: dict[str, Any] | None = None) -> Scores:
    """Sentence salience -> (sentence weights, concept weights) for the selector."""
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
        return combine(rep, self.salience(rep), self.model.get("combine", {}), self.model.get("select"))

"""Fit the salience model on one or more datasets and cross-validate the whole pipeline with it.

Deterministic end to end: clusters in sorted id order, a convex learner with
a deterministic solver (lbfgs logistic regression), no random state, and
every stored number rounded to 6 decimals, so `tomtat train` rebuilds the
shipped model file byte for byte from the same data and code.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tomtat.evaluate.rouge import METRICS, rouge
from tomtat.model import Cluster
from tomtat.score.features import FEATURES, sentence_features
from tomtat.score.learned import CONCEPT_FEATURES, MODEL_FORMAT, concept_features, salience
from tomtat.train.labels import concept_labels, oracle_labels, per_reference, reference_precision, sample_weights

LABEL_SYLLABLES = 225  # oracle labels: sentences of the greedy ROUGE-2 oracle at this budget (ViMs)
# Each dataset's labels (and evaluation) at the budget its references are written for:
# ViMs references average ~230 syllables, AbMuSu's ~200.
DATASET_SYLLABLES = {"vims": 225, "abmusu": 200, "vnmds": 200}
C = 0.1  # inverse L2 strength: strong, the feature set is small and meant to transfer
# How salience feeds the selector, and the selector's settings: the best of `domains.GRID` (24 settings)
# by 5-fold CV trained on ViMs + AbMuSu together, mean of both sets' ROUGE-2 (domains.grid_search;
# README "Design decisions"). Joint 5-fold CV ViMs/AbMuSu: min_df 1, df power 1, salience weight 1,
# length exponent 0.7: 39.47/34.76 (mean 37.11; salience weight 2 ties); length exponent 0.5 (round 1):
# 39.26/33.83; min_df 2 costs AbMuSu ~2 points (best 40.26/32.85); the soft min_df (df power 2) is
# within 0.1 of the best. min_df 1 keeps a salient lead whose word pairs only its own article uses; the
# length exponent 0.7 lets a full lead sentence compete with short fragments.
# anchor_share (issue 8 round 4, select.anchor_openings): a cluster where at least half of the articles
# restate a first-paragraph sentence in their body opens with teasers, and its first paragraphs are not
# candidates. 5-fold CV ViMs 40.50->40.54, ViMs->AbMuSu 33.22->34.67, AbMuSu->ViMs 37.57->37.57, AbMuSu
# 36.58->36.57, joint 39.98/34.82->40.02/35.82 (share 0.3: 40.46/34.81/37.52/36.67/39.85/36.32; 0.7:
# 40.50/33.78/37.57/36.64/39.98/34.77). Absent from a model file: off.
COMBINE = {"min_df": 1, "concept_df_power": 1.0, "concept_salience_power": 1.0, "sentence_power": 1.0}
SELECT = {"salience_weight": 1.0, "length_exponent": 0.7, "same_fact_overlap": 0.35, "anchor_share": 0.5}
DIGITS = 6
# The learned concept weight (`tomtat.score.learned.concept_features`): None ships none (the hand-set
# df x mean salience weight), "replace" / "multiply" fit one with every model (bench/learner_variants.py
# cw-replace, cw-multiply; README "Design decisions").
CONCEPTS: str | None = None
CONCEPT_C = 1.0  # hundreds of thousands of concepts for 13 features: the fit hardly depends on it
TRAIN_COMMAND = "tomtat train ../shared/data/vims -o src/tomtat/data/salience-v2.json"  # see domains.train_command


@dataclass
class ConceptExample:
    """What the concept-weight model learns from in one cluster: its representation (the concept features
    depend on the sentence model's salience, so they are computed per fitted model) and each concept's
    share of references holding it (`labels.concept_labels`)."""

    rep: Any
    labels: np.ndarray
    scale: float = 1.0  # the weight of each of its concepts (joint training: the dataset's factor)


@dataclass
class Example:
    id: str
    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray | None = None  # per-sentence sample weights (labels.sample_weights); None: all 1
    concepts: ConceptExample | None = None  # for the concept-weight model; None: not fitted on this cluster


def labelled(id: str, rep, references, syllables: int) -> Example:
    """A cluster's training example: features, oracle labels (the joint oracle's sentences and, with several
    references, each reference's own: `labels.per_reference`) and the soft negative weights."""
    labels = oracle_labels(rep, references, syllables)
    extra = per_reference(rep, references, syllables, labels)
    weights = sample_weights(labels, reference_precision(rep, references), extra)
    return Example(id, sentence_features(rep), np.where(extra, 1.0, labels), weights,
                   ConceptExample(rep, concept_labels(rep, references)))


def examples(clusters: Sequence[Cluster], progress: Callable[[], None] | None = None,
             syllables: int = LABEL_SYLLABLES) -> list[Example]:
    """Features and oracle labels (oracle at `syllables`) of every sentence, cluster by cluster (sorted by id)."""
    from tomtat.errors import TomtatError
    from tomtat.pipeline import analyze

    out = []
    for cluster in sorted(clusters, key=lambda c: str(c.id)):
        try:
            rep = analyze(cluster).rep
        except TomtatError:  # nothing to learn from: empty, not Vietnamese, no sentence left
            rep = None
        if rep is not None and cluster.references:
            out.append(labelled(str(cluster.id), rep, cluster.references, syllables))
        if progress:
            progress()
    return out


def _round(values) -> list[float]:
    return [round(float(v), DIGITS) + 0.0 for v in np.atleast_1d(values)]


def stacked(train: Sequence[Example]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every example's features, labels and weights stacked, with the standardization the model file stores
    (mean and scale rounded as written; a constant feature gets scale 1)."""
    x = np.vstack([e.features for e in train])
    y = np.concatenate([e.labels for e in train]).astype(int)
    w = np.concatenate([np.ones(len(e.labels)) if e.weights is None else e.weights for e in train])
    mean = np.array(_round(x.mean(axis=0)))
    scale = x.std(axis=0)
    scale = np.array(_round(np.where(scale > 1e-9, scale, 1.0)))
    return x, y, w, mean, scale


def fit_concepts(train: Sequence[Example], model: dict[str, Any], use: str = "replace", c: float = CONCEPT_C,
                 only: Sequence[str] | None = None) -> dict[str, Any]:
    """The model file's "concepts" entry: a logistic model of "a reference holds this concept" over
    `CONCEPT_FEATURES`, computed with `model`'s own salience (the sentence model fitted on the same
    training clusters: the test clusters of a fold are never seen).

    Each concept counts once (times its cluster's `scale`); a concept that r
    of R references hold is a positive of weight r/R and a negative of weight
    1 - r/R. `only` fits on those features alone (the others get coefficient
    0, mean 0 and scale 1: the file format is the same).
    """
    from sklearn.linear_model import LogisticRegression

    if use not in ("replace", "multiply"):
        raise ValueError(f"unknown concept weight use {use!r}; use 'replace' or 'multiply'")
    xs, ys, ws = [], [], []
    for e in train:
        if e.concepts is None or not e.concepts.labels.size:
            continue
        x = concept_features(e.concepts.rep, salience(model, e.features), e.features)
        y = e.concepts.labels
        pos, neg = y > 0, y < 1
        xs += [x[pos], x[neg]]
        ys += [np.ones(int(pos.sum())), np.zeros(int(neg.sum()))]
        ws += [y[pos] * e.concepts.scale, (1.0 - y[neg]) * e.concepts.scale]
    if not xs:
        raise ValueError("the concept-weight model needs examples with concept labels (fit.labelled)")
    x, y, w = np.vstack(xs), np.concatenate(ys).astype(int), np.concatenate(ws)
    cols = np.array([CONCEPT_FEATURES.index(n) for n in only]) if only is not None else np.arange(x.shape[1])
    mean, scale, coef = np.zeros(x.shape[1]), np.ones(x.shape[1]), np.zeros(x.shape[1])
    mean[cols] = _round(x[:, cols].mean(axis=0))
    spread = x[:, cols].std(axis=0)
    scale[cols] = _round(np.where(spread > 1e-9, spread, 1.0))
    learner = LogisticRegression(C=c, solver="lbfgs", max_iter=2000, tol=1e-8)
    learner.fit((x[:, cols] - mean[cols]) / scale[cols], y, sample_weight=w)
    coef[cols] = learner.coef_[0]
    return {
        "use": use,
        "features": list(CONCEPT_FEATURES),
        "mean": _round(mean),
        "scale": _round(scale),
        "coef": _round(coef),
        "intercept": _round(learner.intercept_[0])[0],
        "training": {
            "concepts": int(np.sum([e.concepts.labels.size for e in train if e.concepts is not None])),
            "labels": "share of the references holding the concept's syllable bigram",
            "learner": f"scikit-learn LogisticRegression(solver='lbfgs', C={c}, tol=1e-8), on the sentence model's salience",
        },
    }


def fit(train: Sequence[Example], c: float = C, combine: dict[str, Any] | None = None,
        select: dict[str, Any] | None = None, data: str = "ViMs (all clusters, sorted by id)",
        labels: str = f"greedy ROUGE-2 oracle at {LABEL_SYLLABLES} syllables", command: str = TRAIN_COMMAND,
        concepts: str | None = CONCEPTS, concept_features: Sequence[str] | None = None) -> dict[str, Any]:
    """A model dict (see tomtat.score.learned) from training examples; with `concepts` ("replace" or
    "multiply") also the learned concept weight (`fit_concepts`) under its own key."""
    from sklearn.linear_model import LogisticRegression

    x, y, w, mean, scale = stacked(train)
    learner = LogisticRegression(C=c, solver="lbfgs", max_iter=2000, tol=1e-10)
    learner.fit((x - mean) / scale, y, sample_weight=w)
    model = {
        "format": MODEL_FORMAT,
        "name": "salience",
        "version": 2,
        "features": list(FEATURES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": _round(learner.coef_[0]),
        "intercept": _round(learner.intercept_[0])[0],
        "combine": dict(COMBINE if combine is None else combine),
        "select": dict(SELECT if select is None else select),
        "training": {
            "data": data,
            "clusters": len(train),
            "sentences": int(y.size),
            "positives": int(y.sum()),
            "labels": labels,
            "sample_weights": ("positives 1 (one reference's own oracle sentences 0.75), negatives 1 - reference-bigram "
                               "precision / the cluster's highest, + 0.001; each dataset x (the largest one's clusters / its own)"),
            "learner": f"scikit-learn LogisticRegression(solver='lbfgs', C={c}, tol=1e-10)",
            "command": command if c == C else f"{command} --c {c}",
        },
    }
    if concepts is not None:
        model["concepts"] = fit_concepts(train, model, concepts, only=concept_features)
    return model


def dumps(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def save(model: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(dumps(model), encoding="utf-8")


def folds(n: int, k: int) -> np.ndarray:
    """Fold of each cluster (clusters in sorted id order): round robin, no randomness."""
    return np.arange(n) % k


def cross_validate(
    clusters: Sequence[Cluster],
    k: int = 5,
    lengths: Sequence[int] = (150, 225, 300),
    c: float = C,
    baseline: bool = True,
    progress: Callable[[], None] | None = None,
    train_examples: Sequence[Example] | None = None,
) -> dict[str, Any]:
    """k-fold CV of the whole pipeline: each cluster summarized by a model that never saw it.

    Returns {"folds", "lengths", "learned": {syllables: {metric: mean F1}}, "per_fold":
    {syllables: [R2 F1 of each fold]}, "centrality": ...} (centrality: the unsupervised
    scorer on the same clusters, when `baseline`).
    """
    from tomtat.errors import TomtatError
    from tomtat.options import SummaryOptions
    from tomtat.pipeline import analyze, summarize_analysis
    from tomtat.score import CentralityScorer
    from tomtat.score.learned import LearnedScorer
    from tomtat.select import Budget

    ordered = sorted(clusters, key=lambda c: str(c.id))
    data = list(train_examples) if train_examples is not None else examples(ordered)
    by_id = {e.id: e for e in data}
    fold_of = dict(zip((str(c.id) for c in ordered), folds(len(ordered), k)))
    models = [fit([e for e in data if fold_of[e.id] != f], c) for f in range(k)]
    systems = {"learned": None, "centrality": CentralityScorer()} if baseline else {"learned": None}
    rows: dict[str, dict[int, list[tuple[int, dict[str, float]]]]] = {s: {w: [] for w in lengths} for s in systems}
    for cluster in ordered:
        cid = str(cluster.id)
        if cid not in by_id:
            if progress:
                progress()
            continue
        try:
            analysis = analyze(cluster)  # once per cluster: every scorer and length reads it
        except TomtatError:
            analysis = None
        scorers = {"learned": LearnedScorer(models[fold_of[cid]]), **{s: v for s, v in systems.items() if v is not None}}
        for system, scorer in scorers.items():
            for w in lengths:
                if analysis is None:
                    continue
                options = SummaryOptions(budget=Budget(syllables=w), scorer=scorer)
                text = summarize_analysis(analysis, options).summary
                scores = rouge(text, cluster.references, limit=w).scores
                rows[system][w].append((int(fold_of[cid]), {m: scores[m][2] for m in METRICS}))
        if progress:
            progress()
    result: dict[str, Any] = {"folds": k, "lengths": list(lengths), "clusters": len(data)}
    for system in systems:
        result[system] = {
            w: {m: round(statistics.fmean(r[m] for _, r in rows[system][w]), 2) for m in METRICS} for w in lengths
        }
        result[f"{system}_per_fold"] = {
            w: [round(statistics.fmean(r["rouge2"] for f, r in rows[system][w] if f == fold), 2) for fold in range(k)]
            for w in lengths
        }
    return result

"""Learner and feature variants measured for issue 8 (transfer across reference styles).

One of them shipped: lead heaviness, now the `heavy_*` features of
`tomtat.score.features` (`lead_heaviness`); the rest are kept to repeat the
measurement.

Each was scored with `python bench/learner_variants.py NAME ...` (the table
`tomtat train vims:... abmusu:... --cv 5` prints, from one preparation of
both sets). ROUGE-2 F1 syllables, in the order ViMs CV / ViMs->AbMuSu /
AbMuSu->ViMs / AbMuSu CV / joint ViMs / joint AbMuSu; the shipped recipe
(pointwise logistic, soft negatives) scores 40.50/33.22/37.57/36.58/39.98/34.82:

- `pairwise` (RankSVM-style logistic on within-cluster positive - negative
  feature differences, no intercept, then Platt-scaled on the oracle labels):
  40.43/32.59/37.39/36.27/39.64/34.36; each positive's pairs summing to 1
  (`pairwise-pos`) 40.59/32.88/37.50/36.63/39.69/34.44; each cluster's pairs
  summing to 1 (`pairwise-cluster`) 40.21/33.13/37.53/36.49/39.89/34.70.
- `cluster-balanced` (every cluster the same total weight, not every
  sentence): 40.63/33.57/37.98/36.57/39.91/35.04 (a total of 100 per cluster
  instead of the mean size: 40.62/33.59/37.95/36.71/39.88/35.08).
- `lead-heaviness` (lead, first paragraph and paragraph lead, each times the
  cluster's lead heaviness): 40.57/33.06/38.02/36.57/39.96/35.33; on six
  position features 40.46/33.19/38.03/36.90/40.22/34.64; with cluster
  balancing (`lead-heaviness+cluster-balanced`) 40.43/33.46/38.01/36.59/40.08/35.39,
  and on six features (total 100 per cluster) 40.29/33.92/38.08/36.47/40.11/35.23.
- within-cluster z-scores of eight graded features next to the raw ones
  (`cluster-z`): 40.30/33.23/37.65/37.58/39.74/34.87; within-cluster ranks
  (`cluster-rank`): 40.37/32.46/37.49/36.58/40.35/34.68.
- a small gradient-boosted model (HistGradientBoosting, depth 3, 100
  iterations; not here, it does not serialize to the JSON file):
  40.13/32.27/37.41/35.58/40.34/34.51.

Measured before the anchor rule (`select.anchor_openings`). With it, lead
heaviness raised every number or kept it (40.54/34.67/37.57/36.57/40.02/35.82
-> 40.61/34.69/38.02/36.58/40.02/36.04) and shipped; cluster balancing on top
of the rule gave 40.71/34.73/37.98/36.57/39.97/35.83 (joint ViMs and
AbMuSu->ViMs lower) and did not. The
functions here are pure (features and examples in, arrays or a format-2
model dict out) so that the measurement can be repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from tomtat.score.features import FEATURES
from tomtat.train.fit import COMBINE, SELECT, Example, _round, fit, stacked

GRADED_FEATURES = ("log_length", "centroid", "titles", "own_title", "support", "numbers", "names", "lead_agreement")


def cluster_normalized(features: np.ndarray, names: Sequence[str] = GRADED_FEATURES, mode: str = "z") -> np.ndarray:
    """`features` with each named feature's within-cluster z-score ("z") or rank scaled to [0, 1] ("rank", 0 = highest) appended."""
    cols = [FEATURES.index(n) for n in names]
    part = features[:, cols]
    if mode == "z":
        sd = part.std(axis=0)
        extra = np.where(sd > 1e-9, (part - part.mean(axis=0)) / np.where(sd > 1e-9, sd, 1.0), 0.0)
    elif mode == "rank":
        ranks = np.argsort(np.argsort(-part, axis=0, kind="stable"), axis=0, kind="stable")
        extra = ranks / max(len(part) - 1, 1)
    else:
        raise ValueError(f"unknown normalization {mode!r}; use 'z' or 'rank'")
    return np.hstack([features, extra])


def cluster_balanced(examples: Sequence[Example]) -> list[Example]:
    """The same examples, each cluster's weights rescaled to one common total (the mean cluster size).

    Per-sentence weights let a 200-sentence cluster count ten times a
    20-sentence one; this makes every cluster count alike, whatever its size.
    """
    sizes = [len(e.labels) for e in examples]
    target = float(np.mean(sizes)) if sizes else 0.0
    out = []
    for e in examples:
        w = np.ones(len(e.labels)) if e.weights is None else np.asarray(e.weights, dtype=float)
        total = w.sum()
        out.append(replace(e, weights=w * (target / total) if total > 0 else w))
    return out


def fit_cluster_balanced(train: Sequence[Example], c: float, **settings: Any) -> dict[str, Any]:
    return fit(cluster_balanced(train), c, **settings)


def fit_pairwise(train: Sequence[Example], c: float, pair_weights: str = "none",
                 combine: dict[str, Any] | None = None, select: dict[str, Any] | None = None,
                 **_: Any) -> dict[str, Any]:
    """A format-2 model from a within-cluster ranking objective.

    Logistic regression without intercept on the standardized feature
    differences (positive - negative, and the reverse as the other class) of
    sentence pairs from the same cluster, each pair weighted by its negative's
    soft weight; `pair_weights` "pos" makes each positive's pairs sum to 1,
    "cluster" each cluster's. The ranking direction w is then Platt-scaled
    (p = sigmoid(a w.x + b), fitted on the oracle labels) because the selector
    reads salience as a probability; the file stores a w as "coef" and b as
    "intercept", so the scorer reads it unchanged.
    """
    from sklearn.linear_model import LogisticRegression

    x, y, w, mean, scale = stacked(train)
    diffs, weights = [], []
    for e in train:
        pos, neg = np.flatnonzero(e.labels > 0), np.flatnonzero(e.labels <= 0)
        if not pos.size or not neg.size:
            continue
        z = (e.features - mean) / scale
        diffs.append((z[pos][:, None, :] - z[neg][None, :, :]).reshape(-1, z.shape[1]))
        soft = np.ones(neg.size) if e.weights is None else np.asarray(e.weights)[neg]
        pw = np.tile(soft, pos.size)
        if pair_weights == "pos":
            pw = pw / neg.size
        elif pair_weights == "cluster":
            pw = pw / pw.sum()
        weights.append(pw)
    if not diffs:
        raise ValueError("pairwise training needs a cluster with both an oracle sentence and another sentence")
    d, pw = np.vstack(diffs), np.concatenate(weights)
    pw = np.r_[pw, pw] * (2 * len(pw) / (2 * pw.sum()))  # mean weight 1: C means what it means pointwise
    ranker = LogisticRegression(C=c, solver="lbfgs", max_iter=2000, tol=1e-10, fit_intercept=False)
    ranker.fit(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))].astype(int), sample_weight=pw)
    direction = ranker.coef_[0]
    platt = LogisticRegression(C=1e6, solver="lbfgs", max_iter=2000, tol=1e-10)
    platt.fit((((x - mean) / scale) @ direction)[:, None], y, sample_weight=w)
    return {
        "format": 2,
        "name": "salience",
        "version": 2,
        "features": list(FEATURES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": _round(platt.coef_[0][0] * direction),
        "intercept": _round(platt.intercept_[0])[0],
        "combine": dict(COMBINE if combine is None else combine),
        "select": dict(SELECT if select is None else select),
        "training": {"learner": f"pairwise logistic (C={c}, pair weights {pair_weights}) + Platt scaling"},
    }

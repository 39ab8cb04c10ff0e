"""Fit the sentence scorer to summary ROUGE directly: coordinate ascent from the logistic fit.

The logistic model fits sentence labels (the oracle's sentences); what the
evaluation reads is the ROUGE-2 of the summary the selector builds from its
salience and the concept weights derived from it. `refine` tunes the model's
coefficients and intercept to raise the training clusters' own summary ROUGE-2
F1 directly, as MERT / coordinate ascent does in learning to rank (Och 2003;
Metzler & Croft 2007), starting from the logistic fit and staying near it:

- one coordinate at a time (20 coefficients on standardized features and the
  intercept), a step of +-`STEPS[0]` on the first pass and +-`STEPS[1]` on the
  second, so no coefficient moves more than their sum;
- a step is taken only when it raises the objective by more than `MARGIN`
  *and* raises it on each of the two halves of the training clusters (round
  robin within each dataset): a move that only fits one half's noise is
  refused, so the search stops early where the logistic fit is as good;
- with `min_t`, the step's gain must also stand that many standard errors of
  the per-cluster differences above 0 (`gain_t`); with `settings` (`SETTINGS`)
  the selector's salience weight, length exponent and the two salience powers
  are coordinates too;
- the objective is each dataset's mean ROUGE-2 F1 over its clusters, then the
  mean over datasets (as `variants.inner_scores`), so that in a joint training
  set neither reference style outvotes the other.

Cost: salience is linear in the coefficients, so each cluster's standardized
features are computed once; a trial re-runs only combine + select per cluster
(~0.5 ms a ViMs cluster) and scores ROUGE only for a cluster whose chosen set
changed (the summary text is a function of the chosen set: trimming and order
do not read the salience), so one fit takes 5-25 s on a loaded machine (42-100
trials on 160-400 clusters).

Not shipped (measured, `tomtat.train.variants` session 7 for the tables): in sample every fit gains 0.2-1.4
points, out of sample none (`direct` 40.46/35.38/38.11/36.55/40.05/36.05 against the shipped recipe's
40.69/34.74/38.11/36.77/40.28/36.59, ViMs CV / ViMs->AbMuSu / AbMuSu->ViMs / AbMuSu CV / joint ViMs /
joint AbMuSu); gated on the step's t over the clusters' noise (`min_t` 3) no fit takes a step at all. The
module stays to repeat the measurement (`python bench/learner_paired.py base direct direct-t3`); nothing in
the summarize path or `tomtat train` reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tomtat.represent import Representation

STEPS = (0.2, 0.1)  # coordinate step on pass 1, pass 2 (standardized coefficients are ~0.0-0.85)
MARGIN = 0.02  # ROUGE-2 F1 points (x100) a step must add to the objective
HALVES = 2  # a step must raise the objective on each of this many round-robin parts
MIN_T = 0.0  # and its gain must be this many standard errors (over clusters) above 0


@dataclass
class Case:
    """One training cluster as the search sees it: what it needs to build and score its summary."""

    kind: str  # its dataset (the objective averages within, then across datasets)
    rep: Representation
    references: Sequence[str]
    syllables: int
    features: np.ndarray
    part: int = 0  # which of the `HALVES` parts it belongs to
    z: np.ndarray | None = None  # standardized features (set by `refine`)
    # (trimming on, chosen sentences...) -> ROUGE-2 F1; may be shared by the fits of one cluster
    cache: dict[tuple[Any, ...], float] = field(default_factory=dict)


def _score_case(case: Case, model: dict[str, Any], logit: np.ndarray) -> float:
    """ROUGE-2 F1 of the summary `model`'s selector builds from these logits (the shipped stages)."""
    from tomtat.score.learned import combine
    from tomtat.select import Budget, select
    from tomtat.select.trim import enabled as trim_on
    from tomtat.train.domains import chosen_text
    from tomtat.train.variants import rouge2_f1

    p = 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
    scores = combine(case.rep, p, model.get("combine", {}), model.get("select"), model.get("concepts"), case.features)
    chosen = list(select(case.rep, scores, Budget(syllables=case.syllables)))
    key = (trim_on(scores), *sorted(chosen))
    found = case.cache.get(key)
    if found is None:
        found = case.cache[key] = rouge2_f1(chosen_text(case.rep, scores, chosen), case.references, case.syllables)
    return found


def objective(values: np.ndarray, cases: Sequence[Case], part: int | None = None) -> float:
    """Mean over datasets of each dataset's mean ROUGE-2 F1 (over the clusters of `part` only, if given)."""
    kinds = sorted({c.kind for c in cases})
    means = []
    for kind in kinds:
        picked = [v for v, c in zip(values, cases) if c.kind == kind and (part is None or c.part == part)]
        if picked:
            means.append(float(np.mean(picked)))
    return float(np.mean(means)) if means else 0.0


def gain_t(values: np.ndarray, current: np.ndarray, cases: Sequence[Case]) -> float:
    """The objective's change over its standard error, from the per-cluster differences (each dataset's
    mean's variance / datasets^2, summed): how far a step's gain stands above the clusters' noise."""
    d = values - current
    kinds = sorted({c.kind for c in cases})
    var, gain = 0.0, 0.0
    for kind in kinds:
        part = d[[c.kind == kind for c in cases]]
        gain += part.mean() / len(kinds)
        var += (part.var(ddof=1) / part.size if part.size > 1 else 0.0) / len(kinds) ** 2
    return float(gain / np.sqrt(var)) if var > 0 else 0.0


# The selector settings `refine(settings=SETTINGS)` may move too, with the step each takes on the first pass
# (later passes scale it as `steps` does): (model section, name, step, lowest value allowed)
SETTINGS = (("combine", "sentence_power", 0.25, 0.25), ("combine", "concept_salience_power", 0.25, 0.25),
            ("select", "salience_weight", 0.5, 0.25), ("select", "length_exponent", 0.1, 0.3))


def refine(model: dict[str, Any], cases: Sequence[Case], steps: Sequence[float] = STEPS, margin: float = MARGIN,
           halves: int = HALVES, min_t: float = MIN_T,
           settings: Sequence[tuple[str, str, float, float]] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """`model` with coefficients and intercept (and `settings`, see `SETTINGS`) moved by coordinate ascent on
    the cases' summary ROUGE-2.

    Returns (the new model, a log: the objective at the start and the end, each step taken). The objective
    never falls: a step is taken only when it raises it by more than `margin`, on each of `halves` parts and,
    with `min_t`, by at least `min_t` standard errors of the per-cluster differences (`gain_t`).
    """
    from tomtat.select.greedy import LENGTH_EXPONENT, SALIENCE_WEIGHT

    # what the scorer and the selector read when a model file lacks the setting (a power: 1)
    defaults = {"combine": {}, "select": {"salience_weight": SALIENCE_WEIGHT, "length_exponent": LENGTH_EXPONENT}}
    mean = np.asarray(model["mean"], dtype=float)
    scale = np.asarray(model["scale"], dtype=float)
    params = np.r_[np.asarray(model["coef"], dtype=float), float(model["intercept"])]
    model = {**model, "combine": dict(model.get("combine") or {}), "select": dict(model.get("select") or {})}
    counters: dict[str, int] = {}
    for c in cases:
        c.z = np.column_stack([(c.features - mean) / scale, np.ones(len(c.features))])
        c.part = counters.get(c.kind, 0) % halves
        counters[c.kind] = counters.get(c.kind, 0) + 1
    logits = [c.z @ params for c in cases]
    current = np.array([_score_case(c, model, lg) for c, lg in zip(cases, logits)])
    start = objective(current, cases)
    names = [*model["features"], "intercept"]
    taken: list[dict[str, Any]] = []
    trials = 0
    for step in steps:
        moved = False
        coordinates: list[tuple[Any, ...]] = [("coef", i, step, -np.inf) for i in range(len(params))]
        coordinates += [(section, name, size * step / steps[0], low) for section, name, size, low in settings]
        for section, key, size, low in coordinates:
            if section == "coef":
                now = float(params[key])
            else:
                now = float(model[section].get(key, defaults[section].get(key, 1.0)))
            best = None
            for delta in (size, -size):
                value = round(now + delta, 6) + 0.0
                if value < low:
                    continue
                if section == "coef":
                    trial_model = model
                    trial_logits = [lg + (value - now) * c.z[:, key] for c, lg in zip(cases, logits)]
                else:
                    trial_model = {**model, section: {**model[section], key: value}}
                    trial_logits = logits
                values = np.array([_score_case(c, trial_model, lg) for c, lg in zip(cases, trial_logits)])
                trials += 1
                gain = objective(values, cases) - objective(current, cases)
                parts_up = all(objective(values, cases, h) > objective(current, cases, h) for h in range(halves))
                if gain > margin and parts_up and (best is None or gain > best[0]):
                    t = gain_t(values, current, cases)
                    if t >= min_t:
                        best = (gain, value, values, trial_logits, trial_model, t)
            if best is not None:
                gain, value, current, logits, model, t = best
                if section == "coef":
                    params[key] = value
                taken.append({"param": names[key] if section == "coef" else f"{section}.{key}", "from": now,
                              "to": value, "gain": round(gain, 4), "t": round(t, 2)})
                moved = True
        if not moved:
            break
    log = {"start": round(start, 4), "end": round(objective(current, cases), 4), "trials": trials, "steps": taken}
    out = {**model, "coef": [round(float(v), 6) + 0.0 for v in params[:-1]], "intercept": round(float(params[-1]), 6) + 0.0}
    return out, log


def cases_of(train, context, caches: dict[str, dict[tuple[Any, ...], float]] | None = None) -> list[Case]:
    """The `Case` of each training example, from an `InnerContext` (each example's dataset, representation,
    references and budget by id); `caches` (by example id) lets the fits of a CV share each cluster's scores."""
    out = []
    for e in train:
        kind, rep, references, syllables = context.by_id[e.id]
        cache = caches.setdefault(e.id, {}) if caches is not None else {}
        out.append(Case(kind, rep, references, syllables, e.features, cache=cache))
    return out

"""Training and evaluating on several datasets: k-fold CV within each, leave-one-dataset-out, joint.

A model tuned to one reference style must hold on others: ViMs references
paraphrase the whole cluster, AbMuSu's copy the articles' body leads. So
`tomtat train` takes several datasets (`KIND:PATH`, e.g. `vims:../shared/data/vims
abmusu:../shared/data/abmusu/train.jsonl`) and reports, at each dataset's own
budget (`DATASET_SYLLABLES`):

- "cv": k-fold CV trained on that dataset alone;
- "A->B": trained on all of A, tested on all of B (leave-one-dataset-out);
- "joint": k-fold CV trained on the other folds of *every* dataset (what the
  shipped model, trained on all of them, does on text it never saw).

Every cluster is cleaned, split and represented once (`Prepared`); each model
then only scores, selects and orders, through the pipeline's own stages, so a
grid of selector settings costs seconds rather than minutes.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from tomtat.errors import NoInputError
from tomtat.evaluate.rouge import rouge
from tomtat.model import Cluster
from tomtat.represent import Representation
from tomtat.score import Scores
from tomtat.train.fit import C, COMBINE, DATASET_SYLLABLES, SELECT, Example, fit, folds

# The grid of `grid_search` (24 settings, ~9 min on 2 cores; README "Design decisions" has its
# table). concept_df_power is the soft min_df: a concept in one article keeps weight 1 x its
# salience while one in d articles gets d^power, instead of the hard 0 of min_df 2.
GRID = {
    "min_df": (1, 2),
    "concept_df_power": (1.0, 2.0),
    "salience_weight": (1.0, 2.0, 4.0),
    "length_exponent": (0.5, 0.7),
}


@dataclass
class Prepared:
    """One dataset, every cluster represented once, with its features, oracle labels and sample weights."""

    kind: str
    syllables: int  # the budget its labels and scores use
    clusters: list[Cluster]  # sorted by id, only those with references and sentences
    reps: list[Representation]
    examples: list[Example]


def parse_dataset(spec: str) -> tuple[str, Path]:
    """`KIND:PATH` -> (kind, path); a bare path is a ViMs folder (the old `tomtat train PATH`)."""
    from tomtat.evaluate.datasets import READERS

    kind, sep, rest = spec.partition(":")
    if sep and kind in READERS:
        return kind, Path(rest)
    if sep and len(kind) > 1 and not Path(spec).exists():
        raise NoInputError(f"unknown dataset kind {kind!r} in {spec!r}; use KIND:PATH with KIND one of {', '.join(READERS)}")
    return "vims", Path(spec)


def prepare_dataset(kind: str, clusters: Sequence[Cluster], syllables: int | None = None,
                    progress: Callable[[], None] | None = None) -> Prepared:
    from tomtat.errors import TomtatError
    from tomtat.pipeline import analyze
    from tomtat.train.fit import labelled

    syllables = syllables or DATASET_SYLLABLES.get(kind, 200)
    out = Prepared(kind, syllables, [], [], [])
    for cluster in sorted(clusters, key=lambda c: str(c.id)):
        try:
            rep = analyze(cluster).rep
        except TomtatError:  # nothing to learn from: empty, not Vietnamese, no sentence left
            rep = None
        if rep is not None and cluster.references:
            out.clusters.append(cluster)
            out.reps.append(rep)
            out.examples.append(labelled(str(cluster.id), rep, cluster.references, syllables))
        if progress:
            progress()
    return out


BALANCE_DATASETS = True  # `joint_examples` weights each dataset (bench/learner_variants.py `unbalanced` turns it off)


def joint_examples(datasets: Sequence[Prepared], keep: Callable[[Prepared, int], bool] | None = None) -> list[Example]:
    """Every dataset's examples (those whose index `keep(dataset, i)` accepts), for one model trained on all of them.

    Each dataset's sample weights are scaled by (the most clusters of any
    dataset) / (its own clusters), so every reference style counts as many
    clusters as the largest set: ViMs's 300 clusters no longer outvote
    AbMuSu's 200. Measured (issue 8 round 5, joint 5-fold CV ViMs/AbMuSu, with
    the per-reference labels): 39.92/35.85 -> 40.33/36.25; shipped labels
    40.02/36.04 -> 40.14/36.13; full balance by sentences (x2.0 here) 39.83/36.35.
    """
    most = max((len(d.clusters) for d in datasets), default=0)
    out = []
    for d in datasets:
        factor = most / len(d.clusters) if d.clusters and BALANCE_DATASETS else 1.0
        for i, e in enumerate(d.examples):
            if keep is not None and not keep(d, i):
                continue
            if factor != 1.0:
                weights = np.ones(len(e.labels)) if e.weights is None else np.asarray(e.weights, dtype=float)
                concepts = e.concepts if e.concepts is None else replace(e.concepts, scale=e.concepts.scale * factor)
                e = replace(e, weights=weights * factor, concepts=concepts)
            out.append(e)
    return out


def summary_text(rep: Representation, model: dict[str, Any], syllables: int, method: str = "greedy") -> str:
    """What `summarize` would return for this representation with `model` (stages score, select, order)."""
    from tomtat.score.learned import LearnedScorer
    from tomtat.select import Budget, select

    scores = LearnedScorer(model).score(rep)
    return chosen_text(rep, scores, select(rep, scores, Budget(syllables=syllables), method))


def chosen_text(rep: Representation, scores: Scores, chosen: Sequence[int]) -> str:
    """The summary text of the `chosen` sentences: in story order (`order_sentences`), each as the summary shows
    it, a leading filler trimmed where `scores` trims (select.trim)."""
    from tomtat.order import order_sentences
    from tomtat.select.trim import shown

    trims = shown(rep, scores)
    return " ".join(trims.text(rep, i) if trims else rep.sentences[i].text for i in order_sentences(rep, chosen))


def _score(data: Prepared, models: Sequence[dict[str, Any]], model_of: Sequence[int], word_level: bool) -> dict[str, float]:
    rows = []
    for cluster, rep, m in zip(data.clusters, data.reps, model_of):
        text = summary_text(rep, models[m], data.syllables)
        row = {"rouge2": rouge(text, cluster.references, limit=data.syllables).f1()}
        if word_level:
            row["rouge2_word"] = rouge(text, cluster.references, limit=data.syllables, level="word").f1()
        rows.append(row)
    return {key: round(statistics.fmean(r[key] for r in rows), 2) for key in rows[0]} if rows else {}


def _with_settings(combine: dict[str, Any] | None, select: dict[str, Any] | None, learner: Callable[..., dict[str, Any]] | None = None):
    def train(examples: Sequence[Example], c: float) -> dict[str, Any]:
        return (learner or fit)(examples, c, combine=combine, select=select)

    return train


def report(datasets: Sequence[Prepared], k: int = 5, c: float = C, word_level: bool = False,
           combine: dict[str, Any] | None = None, select: dict[str, Any] | None = None,
           parts: Sequence[str] = ("cv", "transfer", "joint"),
           learner: Callable[..., dict[str, Any]] | None = None) -> dict[str, Any]:
    """ROUGE-2 F1 (syllables; words too with `word_level`) of each way of training, per test dataset.

    `learner(examples, c, combine=, select=)` replaces `fit` (bench/learner_variants.py).

    Returns {"cv": {kind: scores}, "transfer": {"A->B": scores}, "joint": {kind: scores}}.
    """
    train = _with_settings(combine, select, learner)
    out: dict[str, Any] = {"folds": k, "syllables": {d.kind: d.syllables for d in datasets},
                           "clusters": {d.kind: len(d.clusters) for d in datasets}}
    fold_of = {d.kind: folds(len(d.examples), k) for d in datasets}
    if "cv" in parts:
        out["cv"] = {}
        for d in datasets:
            models = [train([e for e, f in zip(d.examples, fold_of[d.kind]) if f != j], c) for j in range(k)]
            out["cv"][d.kind] = _score(d, models, fold_of[d.kind], word_level)
    if "transfer" in parts and len(datasets) > 1:
        out["transfer"] = {}
        for src, dst in itertools.permutations(datasets, 2):
            model = train(src.examples, c)
            out["transfer"][f"{src.kind}->{dst.kind}"] = _score(dst, [model], [0] * len(dst.clusters), word_level)
    if "joint" in parts and len(datasets) > 1:
        models = [train(joint_examples(datasets, lambda d, i, j=j: fold_of[d.kind][i] != j), c) for j in range(k)]
        out["joint"] = {d.kind: _score(d, models, fold_of[d.kind], word_level) for d in datasets}
    return out


def grid_search(datasets: Sequence[Prepared], k: int = 5, c: float = C,
                grid: dict[str, Sequence[Any]] | None = None) -> list[dict[str, Any]]:
    """Every setting of `grid`, scored by joint k-fold CV: the mean over datasets of ROUGE-2 F1.

    The criterion never looks at one dataset alone, so the settings cannot
    overfit one reference style. Returns rows sorted best first.
    """
    grid = grid or GRID
    names = list(grid)
    rows = []
    for values in itertools.product(*(grid[n] for n in names)):
        setting = dict(zip(names, values))
        combine = {**COMBINE, **{n: v for n, v in setting.items() if n in COMBINE}}
        select = {**SELECT, **{n: v for n, v in setting.items() if n in SELECT}}
        joint = report(datasets, k, c, combine=combine, select=select, parts=("joint",))["joint"]
        scores = {kind: s["rouge2"] for kind, s in joint.items()}
        rows.append({**setting, **scores, "mean": round(float(np.mean(list(scores.values()))), 2)})
    return sorted(rows, key=lambda r: -r["mean"])


_NAMES = {"vims": "ViMs", "abmusu": "AbMuSu", "vnmds": "VN-MDS"}


def describe(datasets: Sequence[Prepared]) -> str:
    """The model file's "data" line: what it was trained on."""
    parts = [f"{_NAMES.get(d.kind, d.kind)} ({len(d.clusters)} clusters)" for d in datasets]
    return " + ".join(parts) + ", each sorted by id"


def describe_labels(datasets: Sequence[Prepared]) -> str:
    budgets = ", ".join(f"{_NAMES.get(d.kind, d.kind)} {d.syllables}" for d in datasets)
    return f"greedy ROUGE-2 oracle, and each reference's own, at each set's budget in syllables ({budgets})"


_PATHS = {"vims": "../shared/data/vims", "abmusu": "../shared/data/abmusu/train.jsonl", "vnmds": "VNMDS_FOLDER"}


def train_command(datasets: Sequence[Prepared]) -> str:
    """The command recorded in the model file: from the dataset kinds alone, never the local paths,
    so the same data gives the same bytes from any directory."""
    specs = " ".join(f"{d.kind}:{_PATHS.get(d.kind, d.kind)}" for d in datasets)
    return f"tomtat train {specs} -o src/tomtat/data/salience-v2.json"

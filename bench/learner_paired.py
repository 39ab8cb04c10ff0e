"""`bench/learner_variants.py` with paired differences: each variant minus the first, per fold and per cluster.

    python bench/learner_paired.py base idf-specificity event-date [--coef] [--json OUT]

The same preparation and the same `domains.report` as learner_variants.py
(the six columns come out identical), but each column's ROUGE-2 F1 is kept per
cluster, so a variant is judged by its paired difference against the first
one: mean +- standard error over clusters, the t ratio, the mean of each fold
and the clusters won / lost (per-fold ROUGE ranges about +-2, so a mean
difference of 0.1 alone says nothing). A variant that appends a column of
uniform noise (`noise`, `noise2`) shows what any appended column does by
chance. `--coef` prints the appended columns' coefficients (standardized) as
fitted on ViMs, on AbMuSu and jointly.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learner_variants as lv  # noqa: E402
from _common import REPO, print_table, require  # noqa: E402

from tomtat.evaluate.rouge import rouge  # noqa: E402
from tomtat.score.features import FEATURES  # noqa: E402
from tomtat.train import domains  # noqa: E402
from tomtat.train.fit import fit  # noqa: E402

# `domains.report` scores in this order; the table's (learner_variants.COLUMNS) differs
REPORT_ORDER = [0, 2, 3, 1, 4, 5]


class Recorder:
    """Stands in for `domains._score` while a report runs: the same mean, each cluster's score kept."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[float], list[int]]] = []

    def __call__(self, data, models, model_of, word_level):
        scores = [rouge(domains.summary_text(rep, models[m], data.syllables), cluster.references,
                        limit=data.syllables).f1() for cluster, rep, m in zip(data.clusters, data.reps, model_of)]
        self.calls.append((scores, [int(m) for m in model_of]))
        return {"rouge2": round(float(np.mean(scores)), 2)} if scores else {}


def coefficients(prepared, name: str, c: float) -> list[str]:
    """The appended columns' coefficients fitted on each set and on both (the model's standardized weights)."""
    transforms = [lv.FEATURE_SETS[p] for p in name.split("+") if p in lv.FEATURE_SETS]
    lines = []
    with contextlib.ExitStack() as stack:
        if transforms:
            stack.enter_context(lv.feature_set(prepared, functools.reduce(lambda f, g: lambda r, x: g(r, f(r, x)), transforms)))
        for label, examples in (("ViMs", prepared[0].examples), ("AbMuSu", prepared[1].examples),
                                ("joint", domains.joint_examples(prepared))):
            coef = fit(examples, c)["coef"]
            lines.append(f"  {label} coefficients of the appended columns: " + " ".join(f"{v:+.3f}" for v in coef[len(FEATURES):]))
    return lines


def paired(base: list[tuple[list[float], list[int]]], other: list[tuple[list[float], list[int]]]) -> list[list[object]]:
    rows = []
    for column, (a, b) in zip(lv.COLUMNS[1:], zip(base, other)):
        d = np.asarray(b[0]) - np.asarray(a[0])
        fold = np.asarray(a[1])
        se = float(d.std(ddof=1) / np.sqrt(d.size)) if d.size > 1 else 0.0
        per_fold = " ".join(f"{d[fold == j].mean():+.2f}" for j in np.unique(fold)) if np.unique(fold).size > 1 else "-"
        rows.append([column, float(d.mean()), se, float(d.mean() / se) if se else 0.0, per_fold,
                     f"{int((d > 0).sum())}/{int((d < 0).sum())}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--c", type=float, default=lv.C)
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--coef", action="store_true")
    parser.add_argument("--vims", type=Path, default=REPO.parent / "shared" / "data" / "vims")
    parser.add_argument("--abmusu", type=Path, default=REPO.parent / "shared" / "data" / "abmusu" / "train.jsonl")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    prepared = [domains.prepare_dataset(kind, lv.read_dataset(kind, require(path)))
                for kind, path in (("vims", args.vims), ("abmusu", args.abmusu))]
    lv.variants.INNER.register(prepared)
    recorder, saved = Recorder(), domains._score
    results: dict[str, list[tuple[list[float], list[int]]]] = {}
    rows = []
    domains._score = recorder
    try:
        for name in args.variants:
            recorder.calls.clear()
            lv.run(prepared, name, args.c, args.cv)
            results[name] = [recorder.calls[i] for i in REPORT_ORDER]
            rows.append([name, *(round(float(np.mean(s)), 2) for s, _ in results[name])])
            print(rows[-1][0], "/".join(f"{v:.2f}" for v in rows[-1][1:]), flush=True)
            if args.coef:
                print("\n".join(coefficients(prepared, name, args.c)), flush=True)
    finally:
        domains._score = saved
    print_table(f"ROUGE-2 F1 (syllables), {args.cv}-fold CV, C = {args.c}", lv.COLUMNS, rows)
    first = args.variants[0]
    for name in args.variants[1:]:
        print_table(f"{name} minus {first}: mean, standard error, t, per fold, clusters won/lost",
                    ["column", "mean", "se", "t", "per fold", "won/lost"], paired(results[first], results[name]))
    if args.json:
        args.json.write_text(json.dumps({n: [{"scores": s, "folds": f} for s, f in r] for n, r in results.items()}) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()

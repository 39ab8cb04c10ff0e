"""Score learner and feature variants with the table of `tomtat train ... --cv 5`, from one preparation.

    python bench/learner_variants.py base cluster-balanced cluster-z+cluster-balanced [--c 0.1]
        [--vims ../shared/data/vims] [--abmusu ../shared/data/abmusu/train.jsonl] [--json OUT]

Both sets are cleaned, split, represented and labelled once (~1 min); each
variant then costs one `domains.report` (~1.5 min alone on 2 cores; the
pairwise ones ~3). Names (see tomtat.train.variants), joined with "+":
base; learners cluster-balanced, pairwise, pairwise-pos, pairwise-cluster, and
the combine settings spV / cpV / lsV (sentence power, concept salience power,
logit scale); the learned concept weight cw-replace, cw-replace2, cw-multiply,
cw-multiply0.5, cw-df (tomtat.train.variants.fit_concept_weights); the scorer fitted to summary ROUGE-2
(tomtat.train.direct) direct, direct-fine, direct-loose, direct-3, direct-t2, direct-t3, direct-settings,
direct-settings-t2; features cluster-z, cluster-rank, concepts, concept-share, eigen,
other-titles, par-position, marks, interactions; labels joint-oracle (the labels
before round 5), lb1.25, lb1.5, per-ref*, pos-prec, neg-pow*, second-oracle; and
unbalanced (joint training without the per-dataset weights). A feature variant
appends columns to every example and, for the time of its run, to what the
learned scorer computes (an experiment only: the shipped scorer is untouched);
a label variant rebuilds every example's labels and weights.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, print_table, require  # noqa: E402

import tomtat.score.learned as learned  # noqa: E402
from tomtat.evaluate.datasets import read_dataset  # noqa: E402
from tomtat.score.features import sentence_features  # noqa: E402
from tomtat.train import domains, variants  # noqa: E402
from tomtat.train.fit import C  # noqa: E402

COLUMNS = ["variant", "ViMs CV", "ViMs->AbMuSu", "AbMuSu->ViMs", "AbMuSu CV", "joint ViMs", "joint AbMuSu"]
LEARNERS = {
    **variants.EXTRA_LEARNERS,
    "cluster-balanced": variants.fit_cluster_balanced,
    "pairwise": variants.fit_pairwise,
    "pairwise-pos": functools.partial(variants.fit_pairwise, pair_weights="pos"),
    "pairwise-cluster": functools.partial(variants.fit_pairwise, pair_weights="cluster"),
    "inner-c": variants.fit_inner_c,
    "inner-c-ll": functools.partial(variants.fit_inner_c, criterion="log_loss"),
    "inner-ls": functools.partial(variants.fit_inner_c, grid=(0.1,), scales=(0.6, 0.7, 0.8, 0.9, 1.0)),
    **variants.CONCEPT_LEARNERS,
    **variants.DIRECT_LEARNERS,
}
FEATURE_SETS = {
    "cluster-z": lambda rep, x: variants.cluster_normalized(x),
    "cluster-rank": lambda rep, x: variants.cluster_normalized(x, mode="rank"),
    **variants.EXTRA,
}


@contextlib.contextmanager
def feature_set(prepared, transform):
    """Every example's features, and the scorer's, through `transform(rep, features)` (restored on exit)."""
    saved = [[e.features for e in d.examples] for d in prepared]
    for d in prepared:
        for rep, e in zip(d.reps, d.examples):
            e.features = transform(rep, e.features)
    learned.sentence_features = lambda rep: transform(rep, sentence_features(rep))
    try:
        yield
    finally:
        learned.sentence_features = sentence_features
        for d, features in zip(prepared, saved):
            for e, f in zip(d.examples, features):
                e.features = f


@contextlib.contextmanager
def label_set(prepared, relabel):
    """Every example rebuilt by `relabel(rep, references, syllables, example)` (restored on exit)."""
    saved = [d.examples for d in prepared]
    for d in prepared:
        d.examples = [relabel(rep, c.references, d.syllables, e) for c, rep, e in zip(d.clusters, d.reps, d.examples)]
    try:
        yield
    finally:
        for d, examples in zip(prepared, saved):
            d.examples = examples


@contextlib.contextmanager
def unbalanced():
    """Joint training without the per-dataset weights of `domains.joint_examples`."""
    saved = domains.BALANCE_DATASETS
    domains.BALANCE_DATASETS = False
    try:
        yield
    finally:
        domains.BALANCE_DATASETS = saved


def row(result) -> list[float]:
    return [result["cv"]["vims"]["rouge2"], result["transfer"]["vims->abmusu"]["rouge2"],
            result["transfer"]["abmusu->vims"]["rouge2"], result["cv"]["abmusu"]["rouge2"],
            result["joint"]["vims"]["rouge2"], result["joint"]["abmusu"]["rouge2"]]


def run(prepared, name: str, c: float, k: int) -> list[float]:
    parts = [p for p in name.split("+") if p != "base"]
    labels = {**variants.LABELS, **variants.REPEATED_ROWS}
    known = [*LEARNERS, *FEATURE_SETS, *labels, "unbalanced"]
    unknown = [p for p in parts if p not in known]
    if unknown:
        raise SystemExit(f"unknown variant {unknown[0]!r}; use base or {', '.join(known)}")
    learner = next((LEARNERS[p] for p in parts if p in LEARNERS), None)
    transforms = [FEATURE_SETS[p] for p in parts if p in FEATURE_SETS]
    with contextlib.ExitStack() as stack:
        for p in parts:
            if p in labels:
                stack.enter_context(label_set(prepared, labels[p]))
        if "unbalanced" in parts:
            stack.enter_context(unbalanced())
        if transforms:
            stack.enter_context(feature_set(prepared, functools.reduce(lambda f, g: lambda r, x: g(r, f(r, x)), transforms)))
        return row(domains.report(prepared, k, c, learner=learner))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--vims", type=Path, default=REPO.parent / "shared" / "data" / "vims")
    parser.add_argument("--abmusu", type=Path, default=REPO.parent / "shared" / "data" / "abmusu" / "train.jsonl")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    prepared = [domains.prepare_dataset(kind, read_dataset(kind, require(path)))
                for kind, path in (("vims", args.vims), ("abmusu", args.abmusu))]
    variants.INNER.register(prepared)
    rows = []
    for name in args.variants:
        rows.append([name, *run(prepared, name, args.c, args.cv)])
        print(rows[-1][0], "/".join(f"{v:.2f}" for v in rows[-1][1:]), flush=True)  # as each one ends
    print_table(f"ROUGE-2 F1 (syllables), {args.cv}-fold CV, C = {args.c}", COLUMNS, rows)
    if args.json:
        args.json.write_text(json.dumps([dict(zip(COLUMNS, r)) for r in rows], indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

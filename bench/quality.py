"""Every ROUGE number of the README's results table, from one command.

    python bench/quality.py                   # eval table at 225 + 5-fold CV at 150/225/300
    python bench/quality.py --skip-cv         # only the eval table (tomtat with the shipped model)
    python bench/quality.py --words 150,225,300 --json quality.json

1. `tomtat eval` on ViMs: tomtat (shipped learned model), the unsupervised
   centrality scorer, lead, LexRank, centroid, the greedy ROUGE-2 oracle and
   one human summary against the other; syllable ROUGE-1/2/L and word-segmented
   ROUGE-2. The shipped model was trained on all of ViMs, so its row here is
   *not* a held-out number: the cross-validated one is.
2. 5-fold cross-validation of the learned scorer (train on 4/5 of clusters,
   summarize the 5th, never score a cluster the model saw), at each length,
   with the unsupervised scorer on the same clusters for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import VIMS, console, require  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vims", nargs="?", type=Path, default=VIMS)
    parser.add_argument("--words", default="225", help="eval-table budgets, comma-separated (default 225)")
    parser.add_argument("--cv", type=int, default=5, help="folds (default 5)")
    parser.add_argument("--cv-words", default="150,225,300")
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--no-word-rouge", action="store_true", help="skip word-segmented ROUGE-2 (faster)")
    parser.add_argument("--json", type=Path, help="write every number here")
    args = parser.parse_args()
    root = require(args.vims)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tomtat.evaluate.datasets import read_vims
    from tomtat.evaluate.run import evaluate
    from tomtat.evaluate.tables import print_cv, print_table
    from tomtat.train.fit import cross_validate, examples

    def progress():
        return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        transient=True)

    clusters = list(read_vims(root))
    out: dict = {"clusters": len(clusters)}
    if not args.skip_eval:
        systems = ["tomtat", "centrality", "lead", "lexrank", "centroid", "oracle", "human"]
        out["eval"] = {}
        for words in [int(w) for w in args.words.split(",")]:
            start = time.perf_counter()
            with progress() as bar:
                task = bar.add_task(f"eval at {words}", total=len(clusters))
                result = evaluate(clusters, systems, words, dataset="vims", word_level=not args.no_word_rouge,
                                  progress=lambda: bar.advance(task))
            print_table(result)
            console.print(f"({time.perf_counter() - start:.0f} s)")
            out["eval"][words] = {s: result.mean(s) for s in systems}
    if not args.skip_cv:
        lengths = [int(w) for w in args.cv_words.split(",")]
        start = time.perf_counter()
        with progress() as bar:
            task = bar.add_task("features + oracle labels", total=len(clusters))
            data = examples(clusters, progress=lambda: bar.advance(task))
        with progress() as bar:
            task = bar.add_task(f"{args.cv}-fold CV", total=len(clusters))
            cv = cross_validate(clusters, args.cv, lengths, train_examples=data, progress=lambda: bar.advance(task))
        print_cv(cv)
        console.print(f"({time.perf_counter() - start:.0f} s)")
        out["cv"] = cv
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

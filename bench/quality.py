"""Every ROUGE number of the README's results table, from one command.

    python bench/quality.py                       # both sets: eval tables + CV / transfer table
    python bench/quality.py --no-word-rouge       # syllable ROUGE only (much faster)
    python bench/quality.py --skip-eval --json quality.json

1. `tomtat eval` on ViMs (at 225 syllables) and AbMuSu-train (at 200): the
   shipped model (trained on both sets, so *not* held out), the unsupervised
   centrality scorer, lead (sapo first), lead-body (sapo skipped), LexRank, centroid, the greedy ROUGE-2 oracle and
   one human summary against the others (ViMs only: AbMuSu has one reference);
   syllable ROUGE-1/2/L (rouge-score with tomtat's syllable tokenizer) and
   word-segmented ROUGE-2 (underthesea words).
2. The learned scorer by training data, held out every time: 5-fold CV within
   ViMs and within AbMuSu, ViMs -> AbMuSu and AbMuSu -> ViMs (train on one,
   test on the other), and 5-fold CV trained on both (the shipped recipe).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, VIMS, console, require  # noqa: E402

ABMUSU = REPO.parent / "shared" / "data" / "abmusu" / "train.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vims", type=Path, default=VIMS)
    parser.add_argument("--abmusu", type=Path, default=ABMUSU)
    parser.add_argument("--cv", type=int, default=5, help="folds (default 5)")
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--no-word-rouge", action="store_true", help="skip word-segmented ROUGE-2 (faster)")
    parser.add_argument("--json", type=Path, help="write every number here")
    args = parser.parse_args()

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tomtat.evaluate.datasets import read_dataset
    from tomtat.evaluate.run import evaluate
    from tomtat.evaluate.tables import print_domains, print_table
    from tomtat.train.domains import prepare_dataset, report
    from tomtat.train.fit import DATASET_SYLLABLES

    def progress():
        return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        transient=True)

    sets = {"vims": read_dataset("vims", require(args.vims)), "abmusu": read_dataset("abmusu", require(args.abmusu))}
    out: dict = {"clusters": {k: len(v) for k, v in sets.items()}}
    word_level = not args.no_word_rouge
    if not args.skip_eval:
        systems = ["tomtat", "centrality", "lead", "lead-body", "lexrank", "centroid", "oracle", "human"]
        out["eval"] = {}
        for kind, clusters in sets.items():
            syllables = DATASET_SYLLABLES[kind]
            start = time.perf_counter()
            with progress() as bar:
                task = bar.add_task(f"{kind} at {syllables}", total=len(clusters))
                result = evaluate(clusters, systems, syllables, dataset=kind, word_level=word_level,
                                  progress=lambda: bar.advance(task))
            print_table(result)
            console.print(f"(tomtat: the shipped model, trained on this set too; {time.perf_counter() - start:.0f} s)")
            out["eval"][kind] = {"syllables": syllables, **{s: result.mean(s) for s in systems}}
    if not args.skip_cv:
        start = time.perf_counter()
        prepared = []
        for kind, clusters in sets.items():
            with progress() as bar:
                task = bar.add_task(f"{kind}: features + oracle labels", total=len(clusters))
                prepared.append(prepare_dataset(kind, clusters, progress=lambda: bar.advance(task)))
        result = report(prepared, args.cv, word_level=word_level)
        print_domains(result)
        console.print(f"({time.perf_counter() - start:.0f} s)")
        out["training"] = result
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

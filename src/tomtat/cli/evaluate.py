"""`tomtat eval`: ROUGE of tomtat and the baselines on a benchmark, in one run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, reports_errors
from tomtat.cli.options import METHOD_HELP, check_choice
from tomtat.evaluate.systems import DEFAULT_SYSTEMS, available_systems
from tomtat.select import DEFAULT_METHOD, Budget


@app.command("eval", short_help="Score tomtat and baselines with ROUGE on a benchmark.")
@reports_errors
def evaluate(
    path: Annotated[Path, typer.Argument(help="The dataset: a ViMs or VN-MDS folder, or an AbMuSu .jsonl file.")],
    dataset: Annotated[str, typer.Option("--dataset", "-d", help="vims, abmusu or vnmds.")] = "vims",
    words: Annotated[int, typer.Option("--words", "-w", min=Budget.MIN_SYLLABLES, max=Budget.MAX_SYLLABLES, help="Cut every summary at this many syllables.")] = 225,
    systems: Annotated[str, typer.Option("--systems", help=f"Comma-separated: {', '.join(available_systems())}.")] = ",".join(DEFAULT_SYSTEMS),
    output: Annotated[Path, typer.Option("--output", "-o", help="Per-cluster scores and summaries as JSON.")] = Path("eval-results.json"),
    word_rouge: Annotated[bool, typer.Option("--word-rouge/--no-word-rouge", help="Also word-segmented ROUGE-2 (slower).")] = True,
    segment: Annotated[bool, typer.Option("--segment/--no-segment", help="Word-segment sentences inside tomtat's pipeline.")] = False,
    method: Annotated[str, typer.Option("--method", help=METHOD_HELP)] = DEFAULT_METHOD,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N clusters.")] = None,
) -> None:
    """Score tomtat and baselines with syllable-level ROUGE on a benchmark."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from tomtat.evaluate.datasets import read_dataset
    from tomtat.evaluate.run import evaluate as run_evaluate
    from tomtat.evaluate.tables import print_table
    from tomtat.select import SELECTORS

    known = available_systems()
    chosen = [s.strip() for s in systems.split(",") if s.strip()]
    bad = [s for s in chosen if s not in known]
    if bad or not chosen:
        raise typer.BadParameter(f"choose from {', '.join(known)}", param_hint="--systems")
    check_choice(method, SELECTORS, "--method")
    clusters = read_dataset(dataset, path)
    if limit:
        clusters = clusters[:limit]
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("evaluating", total=len(clusters))
        result = run_evaluate(clusters, chosen, words, dataset=dataset, word_level=word_rouge, segment=segment, method=method,
                              progress=lambda: bar.advance(task))
    print_table(result)
    if dataset == "vims" and "tomtat" in chosen:
        print("note: tomtat's shipped model was trained on all of ViMs, so its row is not held out; "
              "`tomtat train PATH --cv 5` gives the cross-validated numbers.")
    for err in result.errors:
        print(f"tomtat: warning: cluster {err['id']} skipped: {err['error']}", file=sys.stderr)
    output.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"per-cluster scores: {output}")

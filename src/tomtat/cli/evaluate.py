"""`tomtat eval`: ROUGE of tomtat and the baselines on a benchmark, in one run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, reports_errors


def print_table(result, file=None) -> None:
    from rich.console import Console
    from rich.table import Table

    from tomtat.evaluate.rouge import METRICS
    from tomtat.evaluate.run import WORD_METRIC

    table = Table(title=f"ROUGE on {result.dataset} at {result.words} syllables ({len(result.clusters)} clusters)")
    table.add_column("system")
    for m in METRICS:
        label = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL"}[m]
        for part in ("P", "R", "F1"):
            table.add_column(f"{label} {part}", justify="right")
    table.add_column("R2 F1 word", justify="right")
    table.add_column("n", justify="right")
    for system in result.systems:
        mean = result.mean(system)
        if not mean["clusters"]:
            table.add_row(system, *["-"] * 10, "0")
            continue
        cells = [f"{v:.2f}" for m in METRICS for v in mean[m]]
        word = f"{mean[WORD_METRIC][2]:.2f}" if WORD_METRIC in mean else "-"
        table.add_row(system, *cells, word, str(mean["clusters"]))
    Console(file=file or sys.stdout, width=160).print(table)


@app.command("eval")
@reports_errors
def evaluate(
    path: Annotated[Path, typer.Argument(help="The dataset: a ViMs or VN-MDS folder, or an AbMuSu .jsonl file.")],
    dataset: Annotated[str, typer.Option("--dataset", "-d", help="vims, abmusu or vnmds.")] = "vims",
    words: Annotated[int, typer.Option("--words", "-w", min=10, max=5000, help="Cut every summary at this many syllables.")] = 225,
    systems: Annotated[str, typer.Option("--systems", help="Comma-separated: tomtat, centrality, lead, lexrank, centroid, oracle, human.")] = "tomtat,lead,lexrank,centroid,oracle,human",
    output: Annotated[Path, typer.Option("--output", "-o", help="Per-cluster scores and summaries as JSON.")] = Path("eval-results.json"),
    word_rouge: Annotated[bool, typer.Option("--word-rouge/--no-word-rouge", help="Also word-segmented ROUGE-2 (slower).")] = True,
    segment: Annotated[bool, typer.Option("--segment/--no-segment", help="Word-segment sentences inside tomtat's pipeline.")] = False,
    method: Annotated[str, typer.Option("--method", help="tomtat's sentence selection: greedy or ilp.")] = "greedy",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N clusters.")] = None,
) -> None:
    """Score tomtat and baselines with syllable-level ROUGE on a benchmark."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from tomtat.evaluate.datasets import read_dataset
    from tomtat.evaluate.run import SYSTEMS, evaluate as run_evaluate
    from tomtat.select import METHODS

    chosen = [s.strip() for s in systems.split(",") if s.strip()]
    bad = [s for s in chosen if s not in SYSTEMS]
    if bad or not chosen:
        raise typer.BadParameter(f"choose from {', '.join(SYSTEMS)}", param_hint="--systems")
    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
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

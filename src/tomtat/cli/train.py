"""`tomtat train`: rebuild the shipped salience model from ViMs, or cross-validate it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, reports_errors


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=True)


@app.command(short_help="Train the sentence-salience model; --cv reports CV and transfers.")
@reports_errors
def train(
    datasets: Annotated[list[str], typer.Argument(help="KIND:PATH per dataset (vims:FOLDER, abmusu:FILE.jsonl, vnmds:FOLDER); a bare PATH is a ViMs folder.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the model JSON (default: salience-v2.json unless --cv).")] = None,
    cv: Annotated[int | None, typer.Option("--cv", min=2, max=20, help="Cross-validate with this many folds instead of (or besides, with -o) training.")] = None,
    words: Annotated[str, typer.Option("--words", help="Comma-separated syllable budgets for --cv on one ViMs folder.")] = "150,225,300",
    c: Annotated[float, typer.Option("--c", min=1e-6, help="Inverse L2 regularization strength.")] = 0.1,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="With --cv, skip the unsupervised scorer's row.")] = False,
    grid: Annotated[bool, typer.Option("--grid", help="Score every selector setting of the grid by joint CV (--cv folds, default 5) and print the table.")] = False,
) -> None:
    """Train the sentence-salience model (bit-for-bit reproducible); with several datasets, --cv reports CV within each and leave-one-dataset-out."""
    from tomtat.evaluate.datasets import read_dataset
    from tomtat.evaluate.tables import print_cv, print_domains, print_grid
    from tomtat.train import domains
    from tomtat.train import fit as training

    specs = [domains.parse_dataset(d) for d in datasets]
    prepared = []
    for kind, path in specs:
        clusters = read_dataset(kind, path)
        with _progress() as bar:
            task = bar.add_task(f"{kind}: features + oracle labels", total=len(clusters))
            prepared.append(domains.prepare_dataset(kind, clusters, progress=lambda: bar.advance(task)))
    data = domains.joint_examples(prepared)
    if grid:
        print_grid(domains.grid_search(prepared, cv or 5, c), cv or 5)
        return
    if cv and len(specs) == 1 and specs[0][0] == "vims":
        lengths = [int(w) for w in words.split(",") if w.strip()]
        with _progress() as bar:
            task = bar.add_task(f"{cv}-fold cross-validation", total=len(prepared[0].clusters))
            result = training.cross_validate(prepared[0].clusters, cv, lengths, c, baseline=not no_baseline,
                                             progress=lambda: bar.advance(task), train_examples=data)
        print_cv(result)
    elif cv:
        print_domains(domains.report(prepared, cv, c))
    if output is not None or not cv:
        output = output or Path("salience-v2.json")
        model = training.fit(data, c, data=domains.describe(prepared), labels=domains.describe_labels(prepared),
                             command=domains.train_command(prepared))
        training.save(model, output)
        print(f"model: {output} ({model['training']['clusters']} clusters, {model['training']['sentences']} sentences)")

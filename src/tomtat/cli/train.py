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


@app.command()
@reports_errors
def train(
    path: Annotated[Path, typer.Argument(help="The ViMs folder (data/ and summary/ inside).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the model JSON (default: salience-v1.json unless --cv).")] = None,
    cv: Annotated[int | None, typer.Option("--cv", min=2, max=20, help="Cross-validate with this many folds instead of (or besides, with -o) training.")] = None,
    words: Annotated[str, typer.Option("--words", help="Comma-separated syllable budgets for --cv.")] = "150,225,300",
    c: Annotated[float, typer.Option("--c", min=1e-6, help="Inverse L2 regularization strength.")] = 0.1,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="With --cv, skip the unsupervised scorer's row.")] = False,
) -> None:
    """Train the sentence-salience model on ViMs (bit-for-bit reproducible)."""
    from tomtat.evaluate.datasets import read_vims
    from tomtat.evaluate.tables import print_cv
    from tomtat.train import fit as training

    clusters = list(read_vims(path))
    with _progress() as bar:
        task = bar.add_task("features + oracle labels", total=len(clusters))
        data = training.examples(clusters, progress=lambda: bar.advance(task))
    if cv:
        lengths = [int(w) for w in words.split(",") if w.strip()]
        with _progress() as bar:
            task = bar.add_task(f"{cv}-fold cross-validation", total=len(clusters))
            result = training.cross_validate(clusters, cv, lengths, c, baseline=not no_baseline,
                                             progress=lambda: bar.advance(task), train_examples=data)
        print_cv(result)
    if output is not None or not cv:
        output = output or Path("salience-v1.json")
        model = training.fit(data, c)
        training.save(model, output)
        print(f"model: {output} ({model['training']['clusters']} clusters, {model['training']['sentences']} sentences)")

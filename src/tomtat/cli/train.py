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


def print_cv(result) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{result['folds']}-fold cross-validated ROUGE F1 on ViMs ({result['clusters']} clusters)")
    for col in ("system", "syllables", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-2 per fold"):
        table.add_column(col, justify="left" if col in ("system", "ROUGE-2 per fold") else "right")
    for system in ("learned", "centrality"):
        if system not in result:
            continue
        for w in result["lengths"]:
            s = result[system][w]
            folds = " ".join(f"{v:.2f}" for v in result[f"{system}_per_fold"][w])
            table.add_row(system, str(w), f"{s['rouge1']:.2f}", f"{s['rouge2']:.2f}", f"{s['rougeL']:.2f}", folds)
    Console(width=140).print(table)


def print_domains(result) -> None:
    """Tables of `tomtat.train.domains.report`: ROUGE-2 F1, syllables (rouge-score, our syllable tokenizer)
    and words (underthesea segmentation) when measured."""
    from rich.console import Console
    from rich.table import Table

    budgets = ", ".join(f"{kind} at {w}" for kind, w in result["words"].items())
    table = Table(title=f"ROUGE-2 F1 by training data ({budgets} syllables; {result['folds']}-fold where CV)")
    for col in ("trained on", "tested on", "R2 F1 syllable", "R2 F1 word"):
        table.add_column(col, justify="left" if col in ("trained on", "tested on") else "right")
    rows = [(f"{kind} ({result['folds']}-fold CV)", kind, s) for kind, s in result.get("cv", {}).items()]
    rows += [(pair.split("->")[0], pair.split("->")[1], s) for pair, s in result.get("transfer", {}).items()]
    rows += [(f"all sets ({result['folds']}-fold CV)", kind, s) for kind, s in result.get("joint", {}).items()]
    for trained, tested, s in rows:
        word = f"{s['rouge2_word']:.2f}" if "rouge2_word" in s else "-"
        table.add_row(trained, tested, f"{s['rouge2']:.2f}", word)
    Console(width=140).print(table)


@app.command()
@reports_errors
def train(
    datasets: Annotated[list[str], typer.Argument(help="KIND:PATH per dataset (vims:FOLDER, abmusu:FILE.jsonl, vnmds:FOLDER); a bare PATH is a ViMs folder.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the model JSON (default: salience-v2.json unless --cv).")] = None,
    cv: Annotated[int | None, typer.Option("--cv", min=2, max=20, help="Cross-validate with this many folds instead of (or besides, with -o) training.")] = None,
    words: Annotated[str, typer.Option("--words", help="Comma-separated syllable budgets for --cv on one ViMs folder.")] = "150,225,300",
    c: Annotated[float, typer.Option("--c", min=1e-6, help="Inverse L2 regularization strength.")] = 0.1,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="With --cv, skip the unsupervised scorer's row.")] = False,
) -> None:
    """Train the sentence-salience model (bit-for-bit reproducible); with several datasets, --cv reports CV within each and leave-one-dataset-out."""
    from tomtat.evaluate.datasets import read_dataset
    from tomtat.train import domains
    from tomtat.train import fit as training

    specs = [domains.parse_dataset(d) for d in datasets]
    prepared = []
    for kind, path in specs:
        clusters = read_dataset(kind, path)
        with _progress() as bar:
            task = bar.add_task(f"{kind}: features + oracle labels", total=len(clusters))
            prepared.append(domains.prepare_dataset(kind, clusters, progress=lambda: bar.advance(task)))
    data = [e for p in prepared for e in p.examples]
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

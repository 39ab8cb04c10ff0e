"""The ROUGE tables `tomtat eval`, `tomtat train --cv` and the benchmark scripts print."""

from __future__ import annotations

import sys
from typing import Any

from tomtat.evaluate.rouge import METRICS
from tomtat.evaluate.run import WORD_METRIC, EvalResult

_SHORT = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL"}


def print_table(result: EvalResult, file=None) -> None:
    """One row per system: ROUGE-1/2/L precision, recall, F1, word-level ROUGE-2 F1, clusters scored."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"ROUGE on {result.dataset} at {result.syllables} syllables ({len(result.clusters)} clusters)")
    table.add_column("system")
    for m in METRICS:
        for part in ("P", "R", "F1"):
            table.add_column(f"{_SHORT[m]} {part}", justify="right")
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


def print_cv(result: dict[str, Any], file=None) -> None:
    """The cross-validation result of `tomtat.train.fit.cross_validate`: F1 per system and length, R2 per fold."""
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
    Console(file=file or sys.stdout, width=140).print(table)


def print_domains(result: dict[str, Any], file=None) -> None:
    """Tables of `tomtat.train.domains.report`: ROUGE-2 F1, syllables (rouge-score, our syllable tokenizer)
    and words (underthesea segmentation) when measured."""
    from rich.console import Console
    from rich.table import Table

    budgets = ", ".join(f"{kind} at {w}" for kind, w in result["syllables"].items())
    table = Table(title=f"ROUGE-2 F1 by training data ({budgets} syllables; {result['folds']}-fold where CV)")
    for col in ("trained on", "tested on", "R2 F1 syllable", "R2 F1 word"):
        table.add_column(col, justify="left" if col in ("trained on", "tested on") else "right")
    rows = [(f"{kind} ({result['folds']}-fold CV)", kind, s) for kind, s in result.get("cv", {}).items()]
    rows += [(pair.split("->")[0], pair.split("->")[1], s) for pair, s in result.get("transfer", {}).items()]
    rows += [(f"all sets ({result['folds']}-fold CV)", kind, s) for kind, s in result.get("joint", {}).items()]
    for trained, tested, s in rows:
        word = f"{s['rouge2_word']:.2f}" if "rouge2_word" in s else "-"
        table.add_row(trained, tested, f"{s['rouge2']:.2f}", word)
    Console(file=file or sys.stdout, width=140).print(table)


def print_grid(rows: list[dict[str, Any]], folds: int, file=None) -> None:
    """The rows of `tomtat.train.domains.grid_search`, best first: settings, joint-CV ROUGE-2 F1 per set, mean."""
    from rich.console import Console
    from rich.table import Table

    if not rows:
        return
    table = Table(title=f"Selector settings by joint {folds}-fold CV, ROUGE-2 F1 (syllables), best first")
    for col in rows[0]:
        table.add_column(col, justify="right")
    scores = {"mean", *(k for k in rows[0] if k in ("vims", "abmusu", "vnmds"))}
    for row in rows:
        table.add_row(*(f"{v:.2f}" if col in scores else f"{v:g}" for col, v in row.items()))
    Console(file=file or sys.stdout, width=160).print(table)

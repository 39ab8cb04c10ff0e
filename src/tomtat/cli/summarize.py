"""`tomtat summarize`: files, folders or stdin in; one summary per cluster out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, reports_errors
from tomtat.errors import TomtatError
from tomtat.pipeline import summarize as run_summarize
from tomtat.read import read_paths, read_stdin
from tomtat.render import FORMATS, render
from tomtat.select import METHODS


@app.command()
@reports_errors
def summarize(
    articles: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .json, .jsonl) or folders; '-' reads stdin.")],
    words: Annotated[int | None, typer.Option("--words", "-w", min=10, max=5000, help="Length budget in syllables [default: 200, unless --sentences is given].")] = None,
    sentences: Annotated[int | None, typer.Option("--sentences", "-s", min=1, max=200, help="At most this many sentences (instead of --words unless both are given).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
    method: Annotated[str, typer.Option("--method", help="Sentence selection: greedy (fast) or ilp (exact, HiGHS).")] = "greedy",
) -> None:
    """Summarize a cluster of Vietnamese news articles."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    items = read_stdin() if articles == ["-"] else read_paths([Path(a) for a in articles])
    failures: list[TomtatError] = []
    for item in items:
        if isinstance(item, TomtatError):
            failures.append(item)
            print(f"tomtat: error: {item}", file=sys.stderr)
            continue
        try:
            result = run_summarize(item, words=words, sentences=sentences, method=method)
        except TomtatError as exc:
            if len(items) == 1:
                raise
            failures.append(exc)
            where = f"cluster {item.id}" if item.id else "a cluster"
            print(f"tomtat: error: {where}: {exc}", file=sys.stderr)
            continue
        for warning in result.warnings:
            print(f"tomtat: warning: {warning}", file=sys.stderr)
        print(render(result, fmt), flush=True)
        if fmt != "json" and len(items) > 1:
            print()
    if failures:
        raise SystemExit(max(f.exit_code for f in failures))

"""`tomtat summarize`: files, folders or stdin in; one summary per cluster out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, reports_errors
from tomtat.cli.options import METHOD_HELP, SENTENCES_HELP, SUMMARIZE_HELP, WORDS_HELP, check_choice
from tomtat.errors import TomtatError
from tomtat.options import SummaryOptions
from tomtat.pipeline import summarize as run_summarize
from tomtat.read import read_paths, read_stdin
from tomtat.render import FORMATS, render
from tomtat.select import DEFAULT_METHOD, SELECTORS, Budget


@app.command(help=SUMMARIZE_HELP)
@reports_errors
def summarize(
    articles: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .json, .jsonl) or folders; '-' reads stdin.")],
    words: Annotated[int | None, typer.Option("--words", "-w", min=Budget.MIN_SYLLABLES, max=Budget.MAX_SYLLABLES, help=WORDS_HELP)] = None,
    sentences: Annotated[int | None, typer.Option("--sentences", "-s", min=Budget.MIN_SENTENCES, max=Budget.MAX_SENTENCES, help=SENTENCES_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "text",
    method: Annotated[str, typer.Option("--method", help=METHOD_HELP)] = DEFAULT_METHOD,
) -> None:
    """Summarize a cluster of Vietnamese news articles."""
    check_choice(fmt, FORMATS, "--format")
    check_choice(method, SELECTORS, "--method")
    options = SummaryOptions.from_request(words, sentences, method=method)
    items = read_stdin() if articles == ["-"] else read_paths([Path(a) for a in articles])
    failures: list[TomtatError] = []
    for item in items:
        if isinstance(item, TomtatError):
            failures.append(item)
            print(f"tomtat: error: {item}", file=sys.stderr)
            continue
        try:
            result = run_summarize(item, options)
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

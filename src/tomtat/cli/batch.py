"""`tomtat batch`: a JSONL file of clusters in, a JSONL file of summaries out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, fail, reports_errors
from tomtat.cli.options import METHOD_HELP, SENTENCES_HELP, WORDS_HELP, check_choice
from tomtat.select import DEFAULT_METHOD, SELECTORS, Budget


@app.command(short_help="Summarize every cluster of a JSONL file, one result line each.")
@reports_errors
def batch(
    input_path: Annotated[Path, typer.Argument(metavar="IN.jsonl", help="One cluster per line: our {\"id\", \"articles\"} records or VLSP AbMuSu records.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT.jsonl", help="One result per line, in input order (the JSON of `tomtat summarize -f json`).")],
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, max=256, help="Parallel workers (processes locally; Ray CPUs with --engine ray).")] = 1,
    resume: Annotated[bool, typer.Option("--resume", help="Keep OUT and skip the input lines already in it (matched by line number and content, not by id).")] = False,
    errors: Annotated[Path | None, typer.Option("--errors", metavar="ERRORS.jsonl", help="Where bad lines are reported (default: OUT.errors.jsonl).")] = None,
    words: Annotated[int | None, typer.Option("--words", "-w", min=Budget.MIN_SYLLABLES, max=Budget.MAX_SYLLABLES, help=WORDS_HELP)] = None,
    sentences: Annotated[int | None, typer.Option("--sentences", "-s", min=Budget.MIN_SENTENCES, max=Budget.MAX_SENTENCES, help=SENTENCES_HELP)] = None,
    method: Annotated[str, typer.Option("--method", help=METHOD_HELP)] = DEFAULT_METHOD,
    engine: Annotated[str, typer.Option(help="local (this machine) or ray (a Ray cluster; needs the ray extra: pip install tomtat\\[ray]).")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster address for --engine ray (default: RAY_ADDRESS, else a local Ray).")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr.")] = True,
) -> None:
    """Summarize every cluster of a JSONL file, one result line per input line."""
    from tomtat.batch import run_batch
    from tomtat.options import SummaryOptions

    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    check_choice(method, SELECTORS, "--method")
    options = SummaryOptions.from_request(words, sentences, method=method)
    try:
        report = run_batch(
            input_path, output, workers=workers, resume=resume, errors_path=errors, options=options,
            engine=engine, address=address, progress=progress,
        )
    except KeyboardInterrupt:
        fail(f"interrupted; finished lines are in {output}; rerun with --resume to continue", 130)
    for warning in report.warnings:
        print(f"tomtat: warning: {warning}", file=sys.stderr)
    skipped = f", {report.skipped} already done" if report.skipped else ""
    print(
        f"tomtat: {report.done} clusters summarized in {report.seconds:.1f} s "
        f"({report.rate:.2f} clusters/s){skipped}, {report.failed} failed",
        file=sys.stderr,
    )
    if report.failed:
        print(f"tomtat: error: {report.failed} bad lines; see {report.errors_path}", file=sys.stderr)
        raise SystemExit(report.exit_code or 1)

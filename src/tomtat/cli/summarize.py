"""`tomtat summarize`: files, folders, links or stdin in; one summary per cluster out.

Links (`http://`, `https://`; anything with a `scheme://` is taken for a link)
are fetched with `tomtat.fetch` and join the cluster of the .txt/.html files,
after them. The CLI fetches whatever its user names, private addresses
included (`allow_private`): the SSRF guard protects servers, not people's own
machines. A link that cannot be fetched is reported on stderr
(`tomtat: error: URL: reason`) and the rest are summarized; the exit code is
then 8 (or the highest exit code of all failures).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from tomtat.cli.app import app, reports_errors
from tomtat.cli.options import METHOD_HELP, SENTENCES_HELP, SUMMARIZE_HELP, WORDS_HELP, check_choice
from tomtat.errors import NoInputError, TomtatError
from tomtat.model import Article, Cluster
from tomtat.options import MAX_EVENTS, SummaryOptions
from tomtat.render import FORMATS, render
from tomtat.select import DEFAULT_METHOD, SELECTORS, Budget

LINK = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# the CLI fetches what its user names (private addresses too), more links than a server request may carry
CLI_POLICY = {"allow_private": True, "max_urls": 200}


def is_link(argument: str) -> bool:
    """`scheme://...` is a link; everything else a path (a file literally named so would need ./ in front)."""
    return bool(LINK.match(argument))


def fetch_links(urls: list[str]) -> tuple[list[Article], list[TomtatError]]:
    """Fetch every link, in order; each failure is printed as one line and returned.

    `tomtat.fetch` (socket, the SSRF guard, httpx on first fetch) is imported
    here, only when there are links: it was 6 ms of every `tomtat --help`.
    """
    from tomtat.fetch import FetchError, FetchPolicy, fetch_many

    fetched: list[Article] = []
    failures: list[TomtatError] = []
    for result in fetch_many(urls, FetchPolicy(**CLI_POLICY)):
        if isinstance(result, FetchError):
            failures.append(result)
            print(f"tomtat: error: {result}", file=sys.stderr)
        else:
            fetched.append(result)
    return fetched, failures


@app.command(help=SUMMARIZE_HELP)
@reports_errors
def summarize(
    articles: Annotated[list[str], typer.Argument(
        help="Files (.txt, .html, .json, .jsonl), folders or http(s) links, mixed freely; '-' reads stdin.")],
    words: Annotated[int | None, typer.Option("--words", "-w", min=Budget.MIN_SYLLABLES, max=Budget.MAX_SYLLABLES, help=WORDS_HELP)] = None,
    sentences: Annotated[int | None, typer.Option("--sentences", "-s", min=Budget.MIN_SENTENCES, max=Budget.MAX_SENTENCES, help=SENTENCES_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "text",
    method: Annotated[str, typer.Option("--method", help=METHOD_HELP)] = DEFAULT_METHOD,
    events: Annotated[int, typer.Option(
        "--events", min=0, max=SummaryOptions.MAX_EVENTS_ALLOWED,
        help="At most this many dated events in the timeline (--format timeline, JSON `timeline`).")] = MAX_EVENTS,
) -> None:
    """Summarize a cluster of Vietnamese news articles."""
    from tomtat.pipeline import summarize as run_summarize  # numpy/scipy: only when summarizing
    from tomtat.read import read_paths, read_stdin

    check_choice(fmt, FORMATS, "--format")
    check_choice(method, SELECTORS, "--method")
    options = SummaryOptions.from_request(words, sentences, method=method, events=events)
    urls = [a for a in articles if is_link(a)]
    paths = [a for a in articles if not is_link(a)]
    fetched, url_failures = fetch_links(urls) if urls else ([], [])
    failures: list[TomtatError] = list(url_failures)
    if paths == ["-"] and not urls:
        items = read_stdin()
    elif paths:
        items = read_paths([Path(a) for a in paths], extra=fetched)
    elif fetched:
        items = [Cluster(articles=fetched)]
    elif failures:  # only links, and none could be fetched (each already reported)
        raise SystemExit(max(f.exit_code for f in failures))
    else:
        raise NoInputError("no input given")
    for item in items:
        if isinstance(item, TomtatError):
            failures.append(item)
            print(f"tomtat: error: {item}", file=sys.stderr)
            continue
        try:
            result = run_summarize(item, options)
        except TomtatError as exc:
            if len(items) == 1 and not failures:
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

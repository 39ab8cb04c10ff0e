"""What `summarize` and `batch` (and `eval`) share about their options: help texts and registry checks.

The bounds themselves come from `Budget` and the choices from the registries,
so the commands cannot disagree with each other or with the HTTP schema.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer

from tomtat.limits import MAX_ARTICLE_CHARS, MAX_ARTICLES
from tomtat.select import DEFAULT_SYLLABLES, SELECTORS

WORDS_HELP = f"Length budget in syllables (default {DEFAULT_SYLLABLES}, unless --sentences is given)."
SENTENCES_HELP = "At most this many sentences (instead of --words unless both are given)."
EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 internal error (a bug: please report it); 2 usage error; 3 no input; "
    "4 unreadable input (binary, not UTF-8/UTF-16); 5 malformed JSON; 6 not Vietnamese; "
    f"7 too many articles (over {MAX_ARTICLES}); 8 a URL could not be fetched; "
    "9 environment failure (disk full or read-only, missing output folder, permission denied); "
    "130 interrupted. With several clusters, the worst code among the failed ones."
)
SUMMARIZE_HELP = (
    "Summarize a cluster of Vietnamese news articles.\n\n"
    "All .txt and .html files named (directly or through folders) and all http(s) links form one "
    "cluster; each .json or .jsonl file brings its own cluster(s), one per line of a .jsonl file. "
    "A .txt file's first line is its title (unless it plainly is body text). "
    f"At most {MAX_ARTICLES} articles per cluster; only the first {MAX_ARTICLE_CHARS:,} characters "
    "of an article are read. Warnings and errors go to stderr, one line each.\n\n"
    + EXIT_CODES_HELP
)
METHOD_HELP = f"Sentence selection: {' or '.join(SELECTORS)} (greedy: fast; ilp: exact, HiGHS)."


def check_choice(value: str, choices: Iterable[str], hint: str) -> None:
    """A usage error (exit 2) naming the valid choices when `value` is not one of them."""
    choices = list(choices)
    if value not in choices:
        raise typer.BadParameter(f"choose one of {', '.join(choices)}", param_hint=hint)

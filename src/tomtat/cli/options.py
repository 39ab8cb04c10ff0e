"""What `summarize` and `batch` (and `eval`) share about their options: help texts and registry checks.

The bounds themselves come from `Budget` and the choices from the registries,
so the commands cannot disagree with each other or with the HTTP schema.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer

from tomtat.select import DEFAULT_SYLLABLES, SELECTORS

WORDS_HELP = f"Length budget in syllables (default {DEFAULT_SYLLABLES}, unless --sentences is given)."
SENTENCES_HELP = "At most this many sentences (instead of --words unless both are given)."
METHOD_HELP = f"Sentence selection: {' or '.join(SELECTORS)} (greedy: fast; ilp: exact, HiGHS)."


def check_choice(value: str, choices: Iterable[str], hint: str) -> None:
    """A usage error (exit 2) naming the valid choices when `value` is not one of them."""
    choices = list(choices)
    if value not in choices:
        raise typer.BadParameter(f"choose one of {', '.join(choices)}", param_hint=hint)

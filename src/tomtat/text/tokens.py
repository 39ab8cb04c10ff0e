"""Syllable tokens: the unit of length budgets, concepts and ROUGE in tomtat."""

from __future__ import annotations

import re

from tomtat.text.normalize import normalize

# \w keeps every accented Vietnamese letter; digits stay as tokens ("13", "4" from "13/4").
_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def syllables(text: str, *, normalized: bool = False) -> list[str]:
    """Lowercase syllables of `text`, punctuation dropped."""
    if not normalized:
        text = normalize(text)
    lower = text.lower()
    tokens = _SYLLABLE.findall(lower)
    # a lone "_" token needs an underscore in the text: most texts have none, and skip the filter
    return [t for t in tokens if t != "_"] if "_" in lower else tokens


def count_syllables(text: str) -> int:
    return len(_SYLLABLE.findall(text))


def syllables_and_count(text: str, lower: str | None = None) -> tuple[list[str], int]:
    """`syllables(text, normalized=True)` and `count_syllables(text)`, from one scan when they agree.

    They differ only where lowercasing changes a text's length (a letter whose
    lowercase is two characters, "İ") or a token is a lone "_": any other
    character's lowercase is one character, a word character exactly when it
    is one (tests/test_text.py checks every code point), so the two scans cut
    the same tokens. The cleaner asks both of every line (a third of its time).
    `lower` is `text.lower()` when the caller has it (the cleaner lowercases
    each line once, for this and for the inline-credit keys).
    """
    lower = text.lower() if lower is None else lower
    tokens = _SYLLABLE.findall(lower)
    if len(lower) == len(text) and "_" not in text:
        return tokens, len(tokens)
    return [t for t in tokens if t != "_"], count_syllables(text)


def truncate_to_syllables(text: str, limit: int) -> str:
    """The prefix of `text` holding at most `limit` syllables (ROUGE length cut)."""
    count = 0
    for match in _SYLLABLE.finditer(text):
        count += 1
        if count > limit:
            return text[: match.start()].rstrip()
    return text


def unigrams_and_bigrams(tokens: list[str]) -> list[str]:
    """Syllables and syllable pairs as TF-IDF terms; the pair is the typical Vietnamese word."""
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]

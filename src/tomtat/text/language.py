"""Is this text Vietnamese? A cheap check so we can refuse text we would mangle."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import islice

# Letters only Vietnamese uses among Latin scripts (with their tone-marked forms after NFC).
_LOWER = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
# both cases spelled out rather than IGNORECASE, which lowercases every character it tests (it matches
# the same characters: tests/test_text.py checks every code point): a third of the time of a count
_VIETNAMESE_CLASS = _LOWER + _LOWER.upper()
_VIETNAMESE_LETTERS = re.compile(rf"[{_VIETNAMESE_CLASS}]")
_LETTER = re.compile(r"[^\W\d_]")
# One match per whitespace token (as `str.split` cuts them) that holds a letter, resp. a Vietnamese
# letter: the match starts at the token's start and stops at the first such letter. Counting them in C
# replaced two searches per token in Python (the split stage asks this of every sentence: 3 ms of
# ~40 ms per ViMs cluster, and 0.36 µs a character on 200 articles of 100,000 characters).
_WORD = re.compile(r"(?<!\S)\S*?[^\W\d_]")
_MARKED_WORD = re.compile(rf"(?<!\S)\S*?[{_VIETNAMESE_CLASS}]")
# One match per whitespace token that holds a Vietnamese letter too, found faster: the match opens at the
# token's first such letter (a character-class scan, with no test at every position of every token) and
# runs to the token's end, so the next one is in a later token (`\S`: what `str.split` does not cut at;
# tests/test_text.py checks every code point)
_MARKED_TAIL = re.compile(rf"[{_VIETNAMESE_CLASS}]\S*")


# needs up to this many marked tokens are matched by one pattern each (a sentence needs a few)
_RUNS_AT_ONCE = 64
# possessive quantifiers came with Python 3.11; on 3.10 the tokens are counted one match at a time
_POSSESSIVE = sys.version_info >= (3, 11)


@lru_cache(maxsize=None)
def _marked_runs(k: int) -> re.Pattern:
    """A pattern matching, from where it starts, the text up to the end of the k-th `_MARKED_TAIL` match after it.

    Each of its k rounds skips what holds no Vietnamese letter and takes the
    token's rest from the first one, as `_MARKED_TAIL.finditer` does from where
    its last match ended; every quantifier is possessive, so a text with fewer
    than k such tokens fails without backtracking (linear time). One call
    replaces k match objects (`marked_at_least` asks for powers of two).
    """
    return re.compile(rf"(?:[^{_VIETNAMESE_CLASS}]*+[{_VIETNAMESE_CLASS}]\S*+){{{k}}}")


def vietnamese_ratio(text: str) -> float:
    """Share of syllables carrying a Vietnamese-specific letter (about 0.5+ in real news).

    A syllable is a whitespace token holding a letter; it is marked when it
    holds one of the letters only Vietnamese uses (`_VIETNAMESE_LETTERS`).
    """
    words = len(_WORD.findall(text))
    if not words:
        return 0.0
    return len(_MARKED_WORD.findall(text)) / words


def ratio_at_least(text: str, threshold: float, tokens: list[str] | None = None) -> bool:
    """`vietnamese_ratio(text) >= threshold`, mostly without reading the whole text.

    Counts marked tokens from the start and stops once they alone reach the
    threshold over all tokens (every syllable is a token, so the ratio can only
    be higher; compared exactly, in integers, against the float threshold).
    Vietnamese text decides within its first few words: the per-sentence
    foreign-language check of the split stage took 6x less time on ViMs.
    `tokens` is `text.split()` when the caller has it.
    The marked tokens are counted in C (`_MARKED_TAIL`), up to the number that
    decides: on 60 ViMs clusters 17 ms instead of 21.5 (5,384 sentences and
    407 articles; a search per token in Python before).
    """
    tokens = text.split() if tokens is None else tokens
    if tokens and marked_at_least(text, threshold, len(tokens)):
        return True
    return vietnamese_ratio(text) >= threshold


def marked_at_least(text: str, threshold: float, words: int) -> bool:
    """Whether the whitespace tokens of `text` holding a Vietnamese letter are at least `threshold` of `words`.

    Compared exactly, in integers, against the float threshold; counts in C
    and stops at the number that decides. The `need` marked tokens are matched
    by one `_marked_runs` pattern, or above `_RUNS_AT_ONCE` by one pattern per
    binary digit of the need, each from where the last ended: the tokens
    `_MARKED_TAIL.finditer` finds, without a match object for each (on 60 ViMs
    clusters the articles' check 0.17 -> 0.09 ms per cluster).
    """
    num, den = float(threshold).as_integer_ratio()
    need = -(-num * words // den)  # the fewest marked tokens with marked * den >= num * words
    if need <= 0:
        return True
    if not _POSSESSIVE:
        return len(list(islice(_MARKED_TAIL.finditer(text), need))) >= need
    if need <= _RUNS_AT_ONCE:
        return _marked_runs(need).match(text) is not None
    pos, bit = 0, 1 << (need.bit_length() - 1)
    while bit:
        if need & bit:
            found = _marked_runs(bit).match(text, pos)
            if found is None:
                return False
            pos = found.end()
        bit >>= 1
    return True


def looks_vietnamese(text: str, threshold: float = 0.2, tokens: list[str] | None = None) -> bool:
    """`vietnamese_ratio(text) >= threshold`; `tokens` is `text.split()` when the caller has it."""
    return ratio_at_least(text, threshold, tokens)

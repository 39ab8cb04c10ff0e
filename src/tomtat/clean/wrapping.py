"""Re-joining sentences that a scraper hard-wrapped onto several lines."""

from __future__ import annotations

from fractions import Fraction

from tomtat.clean.patterns import SYMBOL_ONLY, UNIT_START
from tomtat.clean.shapes import same_text, is_dateline, is_headline_like
from tomtat.text.function_words import WRAP_WORDS
from tomtat.text.punctuation import LINE_END
from tomtat.text.tokens import count_syllables, syllables

# a line at least this long that stops without end punctuation ran on into the next line;
# a shorter one is more likely a sub-heading ("Phải liên kết để tồn tại")
WRAPPED_MIN_SYLLABLES = 12
# text counts as hard-wrapped when at least this many open line ends, and at least this share
# of them, visibly go on in the next line (one stray wrap does not make a whole text wrapped)
HARD_WRAPPED_MIN_LINES = 2
HARD_WRAPPED_MIN_SHARE = Fraction(1, 3)


def _strong_continuation(prev: str, nxt: str) -> bool:
    """Unmistakable signs that `nxt` goes on with the sentence `prev` was cut off in."""
    if nxt[:1].islower() or prev.endswith((",", "-", "–")):
        return True
    # a number, then its unit on the next line ("200.000" / "USD để ...")
    if prev[-1:].isdigit() and UNIT_START.match(nxt):
        return True
    tokens = syllables(prev, normalized=True)
    # a function word at the end of a long line ("... của" / "Nga”."); a short line
    # ending on one is more likely a sub-heading ("Phải liên kết để tồn tại")
    if tokens and tokens[-1] in WRAP_WORDS and len(tokens) >= WRAPPED_MIN_SYLLABLES:
        return True
    # an unfinished quote is an unfinished sentence
    return prev.count("“") > prev.count("”")


def _continues(prev: str, line: str, wrapped_text: bool = True) -> bool:
    """Is `line` the rest of the sentence `prev` was cut off in?

    In text that is visibly hard-wrapped (`wrapped_text`), a long line stopping
    on a plain word also goes on in the next line, even one that starts with a
    capital ("... chiến lược" / "Mỹ và Nga ..."); elsewhere only the strong
    signs count, because one-paragraph-a-line text is full of sub-headings and
    sentences without a final full stop.
    """
    prev = prev.rstrip()
    nxt = line.lstrip()
    if not prev or not nxt or prev.endswith(LINE_END) or is_dateline(nxt):
        return False
    if SYMBOL_ONLY.match(nxt[:1]) and nxt[:1] not in "\"'“‘«(":
        return False
    if _strong_continuation(prev, nxt):
        return True
    # a long line stopping on a plain word, followed by more text: a wrapped sentence,
    # unless the next line is a repeat of it or another headline (a list of link texts)
    return (wrapped_text and prev[-1:].isalnum() and count_syllables(prev) >= WRAPPED_MIN_SYLLABLES and not same_text(prev, nxt)
            and not is_headline_like(nxt))


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Is this text hard-wrapped: do most lines that stop without end punctuation visibly go on?"""
    open_ends = strong = 0
    for prev, nxt in zip(lines, lines[1:]):
        if not prev or not nxt or prev.endswith(LINE_END):
            continue
        open_ends += 1
        strong += _strong_continuation(prev, nxt)
    return strong >= HARD_WRAPPED_MIN_LINES and strong >= HARD_WRAPPED_MIN_SHARE * open_ends


def join_wrapped(items: list[tuple[str, bool, bool]]) -> list[tuple[str, bool]]:
    """Re-join sentences that a scraper hard-wrapped onto several lines.

    `items` are (line, is-a-break, starts-fresh) triples; "" marks a blank
    line, which always separates paragraphs, and a line that starts fresh (a
    dateline lead) is never joined to the one before. A joined paragraph keeps
    the break flag of its first line.
    """
    return [(text, flag) for text, flag, _ in join_wrapped_lines(items)]


def join_wrapped_lines(items: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, list[int]]]:
    """`join_wrapped`, each paragraph with the indices of the items it joins (one for a blank line).

    A paragraph is its lines stripped and joined by one space, so its
    syllables are theirs one after the other (no token spans a space).
    """
    wrapped_text = _looks_hard_wrapped([line for line, _, _ in items])
    out: list[tuple[str, bool, list[int]]] = []
    for n, (line, flag, fresh) in enumerate(items):
        if out and out[-1][0] and line and not fresh and _continues(out[-1][0], line, wrapped_text):
            out[-1][2].append(n)
            out[-1] = (f"{out[-1][0].rstrip()} {line.strip()}", out[-1][1], out[-1][2])
            continue
        out.append((line, flag, [n]))
    return out

"""Vietnamese sentence splitting that respects news-text conventions.

A boundary is end punctuation followed by whitespace and the start of a new
sentence (a capital letter, a digit or an opening quote). Dots without a space
after them ("13/4", "5.2", "1.550", "V.Putin", "VOV.VN") never end a sentence,
closing quotes and brackets stay with the sentence they close, and common
abbreviations ("TP. Hồ Chí Minh", "PGS. TS.") do not end one either.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "ls", "th", "q", "p", "mr", "mrs", "ms",
    "dr", "st", "no", "tr", "vs", "ctv", "nxb", "bv", "ubnd", "hđnd", "tw", "vd",
}
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
_BOUNDARY = re.compile(
    rf"(?P<end>(?:[.!?]+|…)[{re.escape(_CLOSERS)}]*)\s+(?=[{re.escape(_OPENERS)}]*[^\W_a-zà-ỹđ]|-\s)",
)
_LAST_TOKEN = re.compile(r"(\w+)\W*$")


def _is_abbreviation(prefix: str, end: str) -> bool:
    if end != ".":
        return False
    match = _LAST_TOKEN.search(prefix)
    if not match:
        return False
    token = match.group(1)
    # a lone initial ("J. Smith") or a known abbreviation
    return (len(token) == 1 and token.isupper()) or token.lower() in _ABBREVIATIONS


def split_paragraph(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if _is_abbreviation(paragraph[start : match.start()], match.group("end")):
            continue
        piece = paragraph[start : match.end("end")].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph index, sentence) pairs; line breaks always end a sentence."""
    out: list[tuple[int, str]] = []
    for index, line in enumerate(p for p in text.split("\n") if p.strip()):
        out.extend((index, s) for s in split_paragraph(line.strip()))
    return out

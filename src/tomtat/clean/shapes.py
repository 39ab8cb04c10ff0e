"""What a single line looks like: headline, dateline, byline, or a reason to drop it."""

from __future__ import annotations

import re

from tomtat.clean.patterns import (
    BYLINE_LEAD, BYLINE_PAREN, CAPTION_LINE, CAPTION_TAIL, CLOSERS, DATE_STAMP, DATELINE, MEDIA,
    POSITION_MARK, PROMPT, PROMPT_MAX_SYLLABLES, SYMBOL_ONLY, TAGS, URL, HEADLINE_MAX_SYLLABLES,
)
from tomtat.split.sentences import split_paragraph
from tomtat.text.tokens import count_syllables, syllables


def is_dateline(line: str) -> bool:
    """Does the line open with an outlet dateline ("VOV.VN - ", "(Ngày Nay) - ")?"""
    match = DATELINE.match(line.strip())
    if not match:
        return False
    outlet = match.group(1)
    if outlet.startswith("("):
        inner = outlet[1:-1].strip()
        return inner[:1].isupper() and len(inner.split()) <= 5 and not any(c.isdigit() for c in inner[:1])
    letters = [w.replace(".", "") for w in outlet.split()]
    return all(len(w) >= 2 and w.isupper() for w in letters)


def split_dateline(line: str) -> tuple[str, str] | None:
    """("VOV.VN -", "Ngày 13/4, ...") for a dateline lead, None for any other line."""
    stripped = line.strip()
    if not is_dateline(stripped):
        return None
    match = DATELINE.match(stripped)
    rest_start = match.end() - 1  # the pattern ends on the first character of the text
    return stripped[:rest_start].strip(), stripped[rest_start:].strip()


def _strip_closers(line: str) -> str:
    return line.rstrip().rstrip(CLOSERS).rstrip()


def is_headline_like(line: str, limit: int = HEADLINE_MAX_SYLLABLES) -> bool:
    """One short line that is not a finished sentence: a link text, a sub-heading.

    Headlines may end in "?", "!" or a closing quote, but not in a full stop,
    and are never several sentences.
    """
    stripped = line.strip()
    if not stripped or count_syllables(stripped) > limit:
        return False
    if _strip_closers(stripped).endswith((".", "…", ";")):
        return False
    return len(split_paragraph(stripped)) == 1


def same_text(a: str, b: str) -> bool:
    sa = syllables(a, normalized=True)
    return bool(sa) and sa == syllables(b, normalized=True)


def is_byline(line: str) -> bool:
    """"Theo Reuters", "Nguồn: VnExpress", "Minh An (theo AFP)": who wrote it, not what happened."""
    stripped = line.strip()
    if count_syllables(stripped) > 10 or _strip_closers(stripped).endswith(("?", "!", "…")):
        return False
    paren = BYLINE_PAREN.match(stripped)
    if paren:
        # "Minh An (theo AFP)": only a name, or nothing, before the bracket
        return all(w[:1].isupper() for w in paren.group("name").split())
    match = BYLINE_LEAD.match(stripped)
    if not match:
        return False
    rest = stripped[match.end():].rstrip(" .)")
    words = re.split(r"[\s,;/&+]+", rest)
    words = [w for w in words if w and w.lower() not in {"và", "-", "–"}]
    # every remaining word is a name: capitalized ("Reuters", "Nhà Trắng", "TTXVN", "VnExpress")
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def drop_reason(line: str, title: str) -> str | None:
    stripped = line.strip()
    if SYMBOL_ONLY.match(stripped):
        return "symbols only"
    if MEDIA.match(stripped):
        return "media player"
    if DATE_STAMP.match(stripped):
        return "date stamp"
    count = count_syllables(stripped)
    if count <= PROMPT_MAX_SYLLABLES and PROMPT.search(stripped):
        return "site prompt"
    if TAGS.match(stripped) and count <= 40:
        return "tags"
    if URL.search(stripped) and count_syllables(URL.sub(" ", stripped)) <= 12:
        return "source/url line"
    if is_byline(stripped):
        return "byline"
    if CAPTION_LINE.match(stripped) and count <= 20:
        return "photo caption"
    if CAPTION_TAIL.search(stripped) and count <= 60 and len(split_paragraph(stripped)) <= 2:
        return "photo caption"
    if POSITION_MARK.search(stripped) and count <= 40 and len(split_paragraph(stripped)) == 1:
        return "photo caption"
    if title and same_text(stripped, title):
        return "repeats the title"
    return None

"""What a single line looks like: headline, dateline, byline, or a reason to drop it."""

from __future__ import annotations

import re

from tomtat.clean.patterns import (
    BYLINE_LEAD, BYLINE_PAREN, CAPTION_LINE, CAPTION_TAIL, DATE_STAMP, DATELINE, MEDIA,
    POSITION_MARK, PROMPT, PROMPT_MAX_SYLLABLES, SYMBOL_ONLY, TAGS, URL, HEADLINE_MAX_SYLLABLES,
)
from tomtat.clean.inline import may_name_a_credit
from tomtat.model import DropReason
from tomtat.text.punctuation import CLOSERS
from tomtat.text.sentences import split_paragraph
from tomtat.text.tokens import count_syllables, syllables

# an outlet named in brackets ("(Ngày Nay) - ", "(Dân trí) - ") is a name of a few words, not a clause
DATELINE_OUTLET_MAX_WORDS = 5
# "Theo Reuters, AFP", "Minh An (theo AFP)": a byline names a few sources; a longer line says something
BYLINE_MAX_SYLLABLES = 10
# "Ảnh: TTXVN", "Video: Cảnh sát giải cứu ...": a credit line with at most a one-line description
CAPTION_LINE_MAX_SYLLABLES = 20
# "... - Ảnh: AFP" closing a caption of at most two sentences; a longer paragraph ending on a
# credit is the story with a photo credit glued on, and is kept
CAPTION_TAIL_MAX_SYLLABLES = 60
CAPTION_TAIL_MAX_SENTENCES = 2
# "Ông A (giữa) trao quà ...": one sentence naming who stands where in a photo
POSITION_CAPTION_MAX_SYLLABLES = 40
# "Từ khóa: lũ lụt, Quảng Bình": a list of keywords; a longer line opening with "Chủ đề:" is a sentence
TAGS_MAX_SYLLABLES = 40
# a line that is little more than a URL ("Nguồn Báo Miền Trung: https://..."); with more words
# around it the URL sits inside a real sentence
URL_LINE_MAX_SYLLABLES = 12


def _has_dash(line: str) -> bool:
    # `DATELINE` needs one of these dashes: lines without one skip the pattern's backtracking over words
    return "-" in line or "–" in line or "—" in line


def is_dateline(line: str) -> bool:
    """Does the line open with an outlet dateline ("VOV.VN - ", "(Ngày Nay) - ")?"""
    if not _has_dash(line):
        return False
    match = DATELINE.match(line.strip())
    if not match:
        return False
    outlet = match.group(1)
    if outlet.startswith("("):
        inner = outlet[1:-1].strip()
        return inner[:1].isupper() and len(inner.split()) <= DATELINE_OUTLET_MAX_WORDS and not any(c.isdigit() for c in inner[:1])
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


def is_byline(line: str, *, count: int | None = None) -> bool:
    """"Theo Reuters", "Nguồn: VnExpress", "Minh An (theo AFP)": who wrote it, not what happened.

    `count` is `count_syllables(line.strip())` when the caller has it.
    """
    stripped = line.strip()
    if count is None:
        count = count_syllables(stripped)
    if count > BYLINE_MAX_SYLLABLES or _strip_closers(stripped).endswith(("?", "!", "…")):
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


# a URL needs "://" or "www." (`URL`, case-insensitive: only "w" and "W" match a "w")
_WWW = re.compile(r"[wW][wW][wW]\.")


def _has_www(line: str) -> bool:
    # "w" is no Vietnamese letter: 7% of ViMs lines hold one, and two scans for it cost a third of the search
    return ("w" in line or "W" in line) and _WWW.search(line) is not None


def _may_end_on_credit(line: str) -> bool:
    # `CAPTION_TAIL` needs a credit's ":" or the ")" closing "(Ảnh minh họa)" (no other character folds to
    # either): a fifth of ViMs lines hold one, and the search over the rest was a third of `drop_reason`
    return ":" in line or ")" in line


def _may_end_a_date_stamp(stripped: str) -> bool:
    # `DATE_STAMP` ends on a digit, on "sa"/"ch"/"am"/"pm" (in either case: no other character folds to
    # their letters) or on a ")", then spaces: a stripped line ending otherwise (a sentence's full stop, a
    # closing quote) is no date stamp, and skips the pattern's optional groups
    return stripped[-1:].isalnum() or stripped.endswith(")")


def drop_reason(
    line: str, title: str, *, tokens: list[str] | None = None, count: int | None = None,
    title_tokens: list[str] | None = None, lower: str | None = None,
) -> DropReason | None:
    """Why a line, on its own, is not part of the story (None when it may be).

    A caller cleaning many lines passes what it already has: `tokens` and
    `count`, the `syllables` and `count_syllables` of `line.strip()`, and
    `title_tokens`, the `syllables` of the title, and `lower`, `line.lower()`.
    The cheap tests run before the patterns that search a whole line (a URL,
    a credit closing a caption): same answers, a third of the time on ViMs.
    `PROMPT` is matched at the line's start, as every one of its alternatives
    opens with "^" (a search tried each alternative at every position).
    """
    stripped = line.strip()
    if SYMBOL_ONLY.match(stripped):
        return DropReason.SYMBOLS_ONLY
    if MEDIA.match(stripped):
        return DropReason.MEDIA_PLAYER
    if _may_end_a_date_stamp(stripped) and DATE_STAMP.match(stripped):
        return DropReason.DATE_STAMP
    if count is None:
        count = count_syllables(stripped)
    if count <= PROMPT_MAX_SYLLABLES and PROMPT.match(stripped):
        return DropReason.SITE_PROMPT
    if count <= TAGS_MAX_SYLLABLES and TAGS.match(stripped):
        return DropReason.TAGS
    # (a one-character test first: a longer ASCII needle is widened for every Vietnamese line it is sought in)
    if (((":" in stripped and "://" in stripped) or _has_www(stripped)) and URL.search(stripped)
            and count_syllables(URL.sub(" ", stripped)) <= URL_LINE_MAX_SYLLABLES):
        return DropReason.SOURCE_URL
    if count <= BYLINE_MAX_SYLLABLES and is_byline(stripped, count=count):  # (its first test, without the call)
        return DropReason.BYLINE
    if count <= CAPTION_LINE_MAX_SYLLABLES and CAPTION_LINE.match(stripped):
        return DropReason.PHOTO_CAPTION
    if (count <= CAPTION_TAIL_MAX_SYLLABLES and _may_end_on_credit(stripped)
            and (lower is None or may_name_a_credit(lower)) and CAPTION_TAIL.search(stripped)
            and len(split_paragraph(stripped)) <= CAPTION_TAIL_MAX_SENTENCES):
        return DropReason.PHOTO_CAPTION
    if count <= POSITION_CAPTION_MAX_SYLLABLES and POSITION_MARK.search(stripped) and len(split_paragraph(stripped)) == 1:
        return DropReason.PHOTO_CAPTION
    if title:
        line_tokens = syllables(stripped, normalized=True) if tokens is None else tokens
        if line_tokens and line_tokens == (syllables(title, normalized=True) if title_tokens is None else title_tokens):
            return DropReason.REPEATS_TITLE
    return None

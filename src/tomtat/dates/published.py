"""The publication date: from the input's date field, page metadata, or the date line near the top.

Vietnamese pages print one line with the date and time above or below the
headline ("Thứ Ba, 13/04/2021 10:20 GMT+7", "13/04/2021 - 10:20", "Cập nhật:
10:20 13/04/2021"). The cleaner drops that line as furniture; its value is the
reference that "hôm qua" and "ngày 13/4" need, so this module reads it. The
shapes are few and fixed, so one pattern parses them all; dateparser parses
the same lines no better (bench/dates.py) and costs a 0.13 s import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from tomtat.text.normalize import _INVISIBLE, normalize  # (the characters normalizing removes)

__all__ = ["DateLine", "parse_date_line", "find_date_line", "parse_date_field", "reference_date"]

_TIME = r"(?P<{0}h>\d{{1,2}})\s*[:hg]\s*(?P<{0}mi>\d{{2}})(?:\s*:\s*(?P<{0}s>\d{{2}}))?\s*(?P<{0}ap>sa|ch|am|pm)?"
_DATE_LINE = re.compile(
    r"^\s*(?:(?:cập\s+nhật|đăng|đăng\s+lúc|ngày\s+đăng|xuất\s+bản|thời\s+gian|published|updated)(?:\s+(?:lúc|ngày|vào))?\s*:?\s*)?"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn)\s*[,\-–|]?\s*)?"
    r"(?:" + _TIME.format("a") + r"\s*(?:[,|\-–]\s*|\s+ngày\s+)?)?"
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s*(?:(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)|\s+tháng\s+(?P<mw>\d{1,2})\s*(?:,|\s+năm)?)\s*(?P<y>\d{4}|\d{2})"
    r"(?:\s*(?:[,|\-–]\s*|\s+lúc\s+|\s+)?" + _TIME.format("b") + r")?"
    r"\s*(?:\(?\s*(?:gmt|utc)\s*(?P<tzs>[+\-])\s*(?P<tzh>\d{1,2})(?::?(?P<tzm>\d{2}))?\s*\)?)?\s*$",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")
# A date line is a few words: its pattern separates words only with `\s` (no space inside a literal or a
# class, no repeated group), so a matching line has at most one word more than the pattern has `\s`.
# A line with more words is a sentence, and is not normalized just to fail the match (the page's first
# 12 lines are tried: 6% of all the text on 200 articles of 100,000 characters).
_DATE_LINE_MAX_TOKENS = _DATE_LINE.pattern.count(r"\s") + 1
# ... and it opens with a digit or with the first letter of "cập nhật", "đăng", "ngày", "xuất bản", "thời
# gian", "thứ", "chủ nhật", "published", "updated" (each matched in either case, and in no other form)
_DATE_LINE_STARTS = frozenset("cđnxtpuCĐNXTPU")


@dataclass(frozen=True)
class DateLine:
    """What a page's date line says: the day, and the time and UTC offset when it gives them."""

    day: date
    time: time | None = None
    utc_offset: timedelta | None = None

    def iso(self) -> str:
        """"2021-04-13", or "2021-04-13T10:20:00+07:00" with time and offset."""
        if self.time is None:
            return self.day.isoformat()
        tz = timezone(self.utc_offset) if self.utc_offset is not None else None
        return datetime.combine(self.day, self.time, tzinfo=tz).isoformat()


def parse_date_line(line: str, *, normalized: bool = False) -> DateLine | None:
    """The date a whole line states, or None when the line is anything else.

    The whole line must be a date stamp (with optional "Cập nhật:", weekday,
    time and GMT offset): a sentence that mentions a date is not a date line.
    `normalized`: the line is already `normalize`d and stripped (a stripped line
    of normalized text, as the cleaner reads a page: nothing `normalize` does
    reaches across a line break, so such a line is its own normalized form), and
    is matched as it is; normalizing the page's first lines again was 0.2 ms of
    ~25 ms a ViMs cluster on a busy machine.
    """
    if normalized:
        # (a normalized line is matched as it is, so the word count that spares normalizing a sentence spares
        # nothing: the anchored pattern fails on a sentence within its first words, where splitting the line
        # into words read all of it. The first letter, the cheapest test, goes first; the page's first 12
        # lines are asked: 0.21 -> 0.11 ms per ViMs cluster, same process)
        first = line.lstrip()[:1]
        if not (first.isdecimal() or unicodedata.normalize("NFD", first)[:1] in _DATE_LINE_STARTS) \
                or _DIGIT.search(line) is None:
            return None
        return _parsed(_DATE_LINE.match(line))
    if _DIGIT.search(line) is None:
        return None  # a date line states its day in digits, and normalizing makes no digit
    if _INVISIBLE.search(line) is None and "\u200b" not in line:
        # (normalizing text without these keeps its words and the first letter's base letter)
        first = line.lstrip()[:1]
        if not (first.isdecimal() or unicodedata.normalize("NFD", first)[:1] in _DATE_LINE_STARTS):
            return None
        if len(line) > 2 * _DATE_LINE_MAX_TOKENS and len(line.split()) > _DATE_LINE_MAX_TOKENS:
            return None
    return _parsed(_DATE_LINE.match(normalize(line).strip()))


def _parsed(match: re.Match | None) -> DateLine | None:
    """The `DateLine` of a `_DATE_LINE` match (None: no match, or no such day)."""
    if match is None:
        return None
    year = int(match.group("y"))
    if year < 100:
        year += 2000
    try:
        day = date(year, int(match.group("m") or match.group("mw")), int(match.group("d")))
    except ValueError:
        return None
    clock = _clock(match, "a") or _clock(match, "b")
    offset = None
    if match.group("tzh"):
        minutes = int(match.group("tzh")) * 60 + int(match.group("tzm") or 0)
        offset = timedelta(minutes=minutes if match.group("tzs") == "+" else -minutes)
    return DateLine(day, clock, offset if clock is not None else None)


def _clock(match: re.Match, which: str) -> time | None:
    hour = match.group(which + "h")
    if hour is None:
        return None
    hour, minute = int(hour), int(match.group(which + "mi"))
    ampm = (match.group(which + "ap") or "").lower()
    if ampm in ("ch", "pm") and hour < 12:
        hour += 12
    elif ampm in ("sa", "am") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute, int(match.group(which + "s") or 0))


def find_date_line(lines: Iterable[str], max_lines: int = 12, *, normalized: bool = False) -> DateLine | None:
    """The first date line among the first `max_lines` non-empty lines of a page, if any.

    The date line sits next to the headline, so looking further down would
    pick up dates of quoted documents or tables instead of the page's own.
    `normalized`: every line is normalized and stripped (see `parse_date_line`).
    """
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        found = parse_date_line(line, normalized=normalized)
        if found is not None:
            return found
        seen += 1
        if seen >= max_lines:
            break
    return None


def parse_date_field(value: str | None) -> date | None:
    """A date from an input `date` field or page metadata: ISO 8601 ("2021-04-13", "2021-04-13T10:20:00+07:00")
    or a Vietnamese date line ("13/04/2021 10:20"); None when empty or unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    found = parse_date_line(text)
    return found.day if found else None


def reference_date(date_field: str | None = None, text: str | None = None) -> date | None:
    """The article's publication date: its `date` field (input or metadata) first, else the date line on top of its text."""
    found = parse_date_field(date_field)
    if found is None and text:
        line = find_date_line(text.split("\n"))
        found = line.day if line else None
    return found

"""Find date expressions in Vietnamese news text and resolve them against a reference date.

Rules, not a general date parser: Vietnamese news writes dates in a few fixed
shapes ("ngày 13/4", "(13/4)", "sáng 16/6", "ngày 26 tháng 1", "tháng 6/2021",
"hôm qua", "tuần trước"), while the same digits are more often quantities
("5.2 triệu", "1.550"), scores ("2-1"), fractions ("2/3"), phone numbers or
times ("10:20"). Each shape has a pattern; the words around a match decide
whether it is a date (a cue such as "ngày", "hôm", a weekday, a time of day or
a bracket before it) or a number (a unit after it, "chiếm"/"tỷ số" before it).
Measured on tests/data/dates.jsonl (`python bench/dates.py`): see the README;
dateparser's `search_dates(languages=["vi"])` on the same set is far less
precise (it reads scores, phone numbers and "1.550" as dates) and costs a
0.13 s import, so it is not used here.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from tomtat.dates import patterns as P
from tomtat.dates.model import DateMention, DateValue

__all__ = ["find_dates", "resolve_year"]

_LEFT_WINDOW = 48


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Every date expression in `text`, in reading order, without overlaps.

    `reference` is the publication date of the article the text comes from:
    relative expressions ("hôm qua", "tuần trước") resolve against it, and a
    day or month written without a year ("ngày 13/4", "tháng 6") takes the year
    that puts it nearest to it. Without one, relative expressions get
    `value=None` and yearless dates keep `year=None` ("--04-13").
    Where two readings overlap ("hôm thứ Ba (13/4)" and "thứ Ba"), the longer wins.
    The text should be normalized (tomtat.text.normalize, NFC) like every
    sentence in the pipeline; offsets refer to the text as given.
    """
    finders = _finders(text)
    if not finders:
        return []  # (most sentences)
    found: list[DateMention] = []
    for pattern, handler in finders:
        for match in pattern.finditer(text):
            mention = handler(text, match, reference)
            if mention is not None and not (mention.kind == "absolute" and P.LUNAR_AFTER.match(text[mention.end:])):
                found.append(mention)
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[DateMention] = []
    for mention in found:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def resolve_year(month: int, day: int | None, reference: date | None) -> int | None:
    """The year that puts day/month nearest to the reference; None without a reference.

    An article of 5/1/2021 that says "ngày 28/12" means 2020, one of 28/12/2021
    that says "ngày 3/1" means 2022: news reports recent and upcoming events,
    so the nearest candidate among last year, this year and next year is right.
    """
    if reference is None:
        return None
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        day_of = min(day or 15, calendar.monthrange(year, month)[1])
        distance = abs((date(year, month, day_of) - reference).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1]


# ---------------------------------------------------------------- helpers


def _left(text: str, start: int) -> re.Match | None:
    """The cue words standing left of a date ("sáng", "hôm", "thứ Ba (", ...), if any."""
    window = text[max(0, start - _LEFT_WINDOW):start]
    match = P.LEFT.search(window)
    if match is None or match.start() == match.end():
        return None
    return match


def _before(text: str, start: int, pattern: re.Pattern) -> bool:
    return pattern.search(text[max(0, start - _LEFT_WINDOW):start]) is not None


def _weekday_ok(match: re.Match, cued: bool) -> bool:
    """A capitalized weekday name is a weekday; "thứ ba"/"thứ 3" needs a cue, else it is an ordinal."""
    if match.group("sunday"):
        return True
    name = match.group("wdname")
    return cued or (name[0].isupper() and not name.isdigit())


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _month_number(token: str) -> int | None:
    """12 for "12", 4 for "Tư"; None for a lowercase ambiguous name ("tháng năm")."""
    if token.isdigit():
        return int(token)
    key = " ".join(token.lower().split())
    if key not in P.MONTHS:
        return None
    if key.split()[0] not in P.ALWAYS_LOWER_OK and not token[0].isupper():
        return None
    return P.MONTHS[key]


def _part(match: re.Match) -> str | None:
    part = match.group("part")
    return P.PARTS[" ".join(part.lower().split())] if part else None


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _mention(text: str, start: int, end: int, kind: str, value: DateValue | None, part: str | None = None) -> DateMention:
    if text[start:end].count("(") > text[start:end].count(")") and text[end:end + 1] == ")":
        end += 1  # "thứ Ba (13/4)": keep the bracket the weekday opened
    return DateMention(start, end, text[start:end], kind, value, part)


def _day_value(year: int | None, month: int, day: int, reference: date | None) -> DateValue | None:
    if year is None:
        year = resolve_year(month, day, reference)
    if not _valid_day(year, month, day):
        return None
    return DateValue("day", year, month, day)


# ---------------------------------------------------------------- finders


def _numeric(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "13/4", "13/4/2021", "13-4-2021", "(13/4)", "sáng 16/6", "hôm thứ Ba (13/4)"."""
    day, month, sep = int(match.group("d")), int(match.group("m")), match.group("sep")
    year = int(match.group("y")) if match.group("y") else None
    if year is not None and not 1800 <= year <= 2200:
        return None
    if not _valid_day(year, month, day):
        return None
    left = _left(text, match.start())
    strong = left is not None  # "ngày", "hôm", a time of day, a weekday or a bracket before it
    tail = text[match.end():]
    if year is None:
        if tail.startswith("/") or not strong and P.UNIT_AFTER.match(tail):
            return None  # "12/4/QĐ-UBND" is a document number, "5.2 triệu" a quantity
        if not strong and not P.YEAR_AFTER.match(tail):
            if _before(text, match.start(), P.QUANTITY_BEFORE):
                return None
            worded = _before(text, match.start(), P.DATE_WORD_BEFORE)
            if sep == "." or sep == "-" and not worded:
                return None  # "5.2", "2-1": decimals and scores unless "ngày"/"hôm"/... stands before
            if (not worded or sep == "-") and (day < month or (day, month) == (24, 7)):
                return None  # "2/3", "1/4" are fractions, "24/7" is round the clock
    elif sep == "." and not strong and _before(text, match.start(), P.QUANTITY_BEFORE):
        return None
    value = _day_value(year, month, day, reference)
    if value is None:
        return None
    start = match.start()
    if left is not None and (left.group("tod") or left.group("hd") or left.group("wdname") or left.group("sunday")):
        start = max(0, match.start() - _LEFT_WINDOW) + left.start()  # a lone "(" stays outside the span
    return _mention(text, start, match.end(), "absolute", value)


def _range(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "ngày 13-15/4": a range needs "ngày"/"từ" before it, else "2-3/4" could be anything."""
    left = _left(text, match.start())
    if not ((left is not None and (left.group("hd") or left.group("tod"))) or _before(text, match.start(), P.DATE_WORD_BEFORE)):
        return None
    year = int(match.group("y")) if match.group("y") else None
    value = _day_value(year, int(match.group("m")), int(match.group("d")), reference)
    if value is None:
        return None
    start = match.start()
    if left is not None and (left.group("hd") or left.group("tod")):
        start = max(0, match.start() - _LEFT_WINDOW) + left.start()
    return _mention(text, start, match.end(), "absolute", value)


def _words_day(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "ngày 26 tháng 1", "26 tháng 1 năm 2021"; not "2 tháng 6 ngày" (a duration)."""
    month = _month_number(match.group("m"))
    if month is None:
        return None
    tail = text[match.end():]
    year = int(match.group("y")) if match.group("y") else None
    left = _left(text, match.start())
    cued = left is not None and (left.group("hd") or left.group("tod"))
    if year is None and P.UNIT_AFTER.match(tail):
        return None
    if not cued and year is None and _before(text, match.start(), P.QUANTITY_BEFORE):
        return None
    value = _day_value(year, month, int(match.group("d")), reference)
    if value is None:
        return None
    start = match.start()
    if left is not None and (left.group("tod") or left.group("hd") or left.group("wdname") or left.group("sunday")):
        start = max(0, match.start() - _LEFT_WINDOW) + left.start()
    return _mention(text, start, match.end(), "absolute", value)


def _month(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "tháng 6", "đầu tháng 3", "tháng 6/2021", "tháng Sáu năm ngoái"; not "mỗi tháng 5 triệu"."""
    month = _month_number(match.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    if _before(text, match.start(), P.QUANTIFIER_BEFORE) or re.search(r"\d\s+$", text[max(0, match.start() - 8):match.start()]):
        return None
    year = int(match.group("y")) if match.group("y") else None
    rel = match.group("yrel")
    if year is None and not rel and P.MONTH_UNIT_AFTER.match(text[match.end():]):
        return None
    if rel:
        if reference is None:
            return _mention(text, match.start(), match.end(), "relative", None, _part(match))
        year = reference.year + {"nay": 0, "ngoái": -1, "trước": -1, "qua": -1, "sau": 1, "tới": 1}[rel.lower()]
    elif year is None:
        year = resolve_year(month, None, reference)
    return _mention(text, match.start(), match.end(), "absolute", DateValue("month", year, month), _part(match))


def _year(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "năm 2021", "cuối năm 2020"; not "những năm 1990" (a decade) nor "năm 2000 người"."""
    year = int(match.group("y"))
    if not 1800 <= year <= 2200 or _before(text, match.start(), P.DECADE_BEFORE) or P.UNIT_AFTER.match(text[match.end():]):
        return None
    return _mention(text, match.start(), match.end(), "absolute", DateValue("year", year), _part(match))


def _bare_year(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "từ 2019", "đến 2030": a year after a time preposition, without "năm"."""
    if P.UNIT_AFTER.match(text[match.end():]):
        return None
    start = match.start("y")
    return _mention(text, start, match.end(), "absolute", DateValue("year", int(match.group("y"))))


def _rel_day(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "hôm nay", "ngày hôm qua", "hôm kia", "sáng nay", "tối qua", "ngày mai", "ngày kia"."""
    tod, ngay, hom, rel = match.group("tod"), match.group("ngay"), match.group("hom"), match.group("rel").lower()
    if hom:
        offsets = {"nay": 0, "qua": -1, "kia": -2}
    elif ngay and not tod:
        offsets = {"mai": 1, "kia": 2, "mốt": 2}
    elif tod and not ngay:
        offsets = {"nay": 0, "qua": -1, "mai": 1}
    else:
        return None
    if rel not in offsets:
        return None
    if not hom and rel == "qua" and re.match(r"\s+(?:đó|này|những)(?!\w)", text[match.end():]):
        return None  # "tối qua đó"? "đêm qua những" reads as "through"
    named = P.DATE_AFTER_RELATIVE.match(text[match.end():])
    if named is not None:  # "chiều qua (19/5)": the bracket says which day, so the mention is absolute
        year = int(named.group("y")) if named.group("y") else None
        value = _day_value(year, int(named.group("m")), int(named.group("d")), reference)
        if value is not None:
            return _mention(text, match.start(), match.end() + named.end(), "absolute", value)
    value = DateValue.of_day(reference + timedelta(days=offsets[rel])) if reference else None
    return _mention(text, match.start(), match.end(), "relative", value)


def _rel_period(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "tuần trước", "năm ngoái", "đầu năm nay", "cuối tuần qua", "tháng tới"; not "3 năm qua" (a duration)."""
    unit, rel = match.group("unit").lower(), " ".join(match.group("rel").lower().split())
    if _before(text, match.start(), P.QUANTIFIER_BEFORE) or _before(text, match.start(), re.compile(r"(?<!\w)thứ\s+\S+\s+$", re.I)):
        return None
    if _before(text, match.start(), P.COMPARED_WITH):
        return None  # "tăng 0,12% so với tháng trước": a comparison base, the month before the one reported
    if rel == "nay" and unit != "năm" or rel == "ngoái" and unit != "năm" or rel == "kia" and unit != "năm":
        return None  # "mấy tháng nay" is a duration; "tuần kia" is rare and vague
    step = {"này": 0, "nay": 0, "trước": -1, "vừa qua": -1, "qua": -1, "vừa rồi": -1, "rồi": -1, "ngoái": -1,
            "kia": -2, "sau": 1, "tới": 1}[rel]
    value = None
    if reference is not None:
        if unit == "tuần":
            value = DateValue.of_week(reference + timedelta(weeks=step))
        elif unit == "tháng":
            year, month = _add_months(reference, step)
            value = DateValue("month", year, month)
        else:
            value = DateValue("year", reference.year + step)
    return _mention(text, match.start(), match.end(), "relative", value, _part(match))


def _ago(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "3 ngày trước", "hai tuần trước", "cách đây 5 năm"; not "3 ngày trước khi ..." (relative to an event)."""
    raw = match.group("n") or match.group("n2")
    unit = (match.group("unit") or match.group("unit2")).lower()
    if not match.group("cach") and P.AGO_NOT_BEFORE.match(text[match.end():]):
        return None
    if match.group("cach") is None and _before(text, match.start(), re.compile(r"(?<!\w)(?:trong|suốt|sau)\s+$", re.I)):
        return None
    n = int(raw) if raw.isdigit() else P.NUMBER_WORDS[raw.lower()]
    value = None
    if reference is not None:
        if unit == "ngày":
            value = DateValue.of_day(reference - timedelta(days=n))
        elif unit == "tuần":
            value = DateValue.of_week(reference - timedelta(weeks=n))
        elif unit == "tháng":
            year, month = _add_months(reference, -n)
            value = DateValue("month", year, month)
        else:
            value = DateValue("year", reference.year - n)
    return _mention(text, match.start(), match.end(), "relative", value)


def _weekday(text: str, match: re.Match, reference: date | None) -> DateMention | None:
    """ "hôm thứ Ba", "thứ Hai tuần trước", "Chủ nhật tới", "sáng thứ Sáu"; not "lần thứ ba"."""
    left = _left(text, match.start())
    cued = (left is not None and (left.group("tod") or left.group("hd") == "hôm")) or _before(
        text, match.start(), re.compile(r"(?<!\w)(?:vào|hôm|từ|đến|tới|trước|sau|mỗi|hằng|hàng|các|những)\s+$", re.I))
    if not _weekday_ok(match, bool(cued) or bool(match.group("wrel"))):
        return None
    if _before(text, match.start(), re.compile(r"(?<!\w)(?:mỗi|hằng|hàng|các|những)\s+$", re.I)):
        return None  # "mỗi thứ Hai" is every Monday, not a date
    weekday = 6 if match.group("sunday") else P.WEEKDAYS[match.group("wdname").lower()]
    rel = " ".join((match.group("wrel") or "").lower().split())
    value = None
    if reference is not None:
        this_week = reference - timedelta(days=reference.weekday()) + timedelta(days=weekday)
        if rel.startswith("tuần"):
            step = {"này": 0, "trước": -1, "vừa qua": -1, "qua": -1, "rồi": -1, "sau": 1, "tới": 1}[rel[5:].strip()]
            day = this_week + timedelta(weeks=step)
        elif rel == "tới":
            day = this_week if this_week > reference else this_week + timedelta(weeks=1)
        elif rel in ("này",):
            day = this_week
        elif rel:  # "trước", "qua", "vừa qua", "rồi": the last one before the reference
            day = this_week if this_week < reference else this_week - timedelta(weeks=1)
        else:  # bare: news reports what happened, so the last one on or before the reference
            day = this_week if this_week <= reference else this_week - timedelta(weeks=1)
        value = DateValue.of_day(day)
    start = match.start()
    if left is not None and (left.group("tod") or left.group("hd")):
        start = max(0, match.start() - _LEFT_WINDOW) + left.start()
    return _mention(text, start, match.end(), "relative", value)


_Finder = Callable[[str, re.Match, "date | None"], "DateMention | None"]
# every maximal run of digits, with the separator after it when a digit follows ("13/", "4", "2021")
_DIGIT_RUN = re.compile(r"\d+(?:[/.\-](?=\d))?")
# Each pattern with what a sentence must hold for it to give a mention (`_finders` tests exactly this): a
# finder whose needs are absent from a sentence is not run on it. Same mentions, less scanning: most
# sentences hold no date-like digits and no "tháng", and the pipeline dates every candidate sentence
# (issue 11). The needs are read off each pattern (and, for REL_DAY, off its handler, which keeps only
# matches with "hôm", "ngày" or a time of day before the relative word); words are looked for in the
# lowercased sentence. On the 8,244 candidate sentences of 100 ViMs clusters the finders run 2,282 times
# (7,737 with single trigger words, 82,440 with no needs): find_dates 1.30 -> 0.90 ms per cluster.
_FINDERS: list[tuple[re.Pattern, _Finder, str]] = [
    (P.NUMERIC, _numeric, "a run of 1-2 digits, a separator, a run of 1-2 digits: 13/4"),
    (P.RANGE, _range, "1-2 digits, '-' (or '–', 'và', 'đến'), 1-2 digits, '/', 1-2 digits: 13-15/4"),
    (P.WORDS_DAY, _words_day, "a digit, space, 'tháng': 26 tháng 1"),
    (P.MONTH, _month, "'tháng', space, a digit or a month name"),
    (P.YEAR, _year, "'năm', space, four digits: năm 2021"),
    (P.BARE_YEAR, _bare_year, "từ (đến, ...), space, 19xx or 20xx: từ 2019"),
    (P.REL_DAY, _rel_day, "hôm, ngày or a time of day, space, nay (qua, kia, mai, mốt): hôm qua"),
    (P.REL_PERIOD, _rel_period, "tuần (tháng, năm), space, a relative word: tuần trước"),
    (P.AGO, _ago, "ngày (tuần, tháng, năm), space, trước, or 'cách đây': 3 ngày trước"),
    (P.WEEKDAY_MENTION, _weekday, "thứ, space, a weekday name or 2-7, or 'chủ nhật'"),
]
_RUN = [(pattern, handler) for pattern, handler, _ in _FINDERS]
# The word needs are looked for in the lowercased sentence by plain string search (a regex that opens with
# one of several words tries every position of the sentence, 3 us a sentence; one that opens with one
# literal word skips ahead to it). The patterns match case-insensitively, and every letter of these words
# matches exactly the characters that lowercase to it, except three ("İ", "ı", "ſ", which
# tests/test_dates.py finds by trying every code point): a sentence holding one of them is tested with the
# single words only, as before.
_ODD_CASE = ("\u0130", "\u0131", "\u017f")
_TIMES_OF_DAY = ("sáng", "sớm", "trưa", "chiều", "tối", "đêm", "khuya", "ngày", "hôm")  # (last words before REL_DAY's)
_UNITS = ("ngày", "tuần", "tháng", "năm")
_YEAR_CUES = ("từ", "đến", "tới", "trước", "sau", "vào", "hết")
_CENTURY = re.compile(r"(?:19|20)\d\d")
_NEED_MONTH = re.compile(r"tháng\s+(?:\d|mười|giêng|chạp|một|hai|ba|tư|năm|sáu|bảy|tám|chín)")
_NEED_YEAR = re.compile(r"năm\s+\d\d\d\d")
_NEED_REL_PERIOD = {unit: re.compile(unit + r"\s+(?:này|nay|trước|vừa|qua|sau|tới|ngoái|kia|rồi)")
                    for unit in ("tuần", "tháng", "năm")}
_NEED_WEEKDAY = (re.compile(r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])"), re.compile(r"chủ\s+nhật"))
_NEED_AGO = re.compile(r"cách\s+đây")


def _spaced(lower: str, at: int) -> int:
    """Where what stands before the spaces that end right at `at` ends (0 when no space does, or nothing stands
    before them): `lower[:_spaced(lower, at)]` is `lower[:at].rstrip()`.

    Read off the characters before `at`, and the callers test the words
    before it with `str.endswith` up to that end: copying and stripping the
    text up to every occurrence of a trigger word ("qua" in "cơ quan") was
    most of the needs' time.
    """
    end = at
    while end and lower[end - 1].isspace():
        end -= 1
    return end if end < at else 0


def _after(lower: str, word: str, before: tuple[str, ...] | None) -> bool:
    """Whether `word` occurs right after spaces that follow one of the words `before` (a digit if None)."""
    at = lower.find(word)
    while at != -1:
        end = _spaced(lower, at)
        if end and (lower[end - 1].isdecimal() if before is None else lower.endswith(before, 0, end)):
            return True
        at = lower.find(word, at + 1)
    return False


def _need_bare_year(lower: str) -> bool:
    """ "từ 2019": a cue word, spaces, 19xx or 20xx."""
    return any((end := _spaced(lower, m.start())) and lower.endswith(_YEAR_CUES, 0, end)
               for m in _CENTURY.finditer(lower))


def _need_rel_day(lower: str) -> bool:
    """ "hôm qua", "sáng nay", "ngày mai" (REL_DAY's handler keeps no match without such a word before)."""
    return any(rel in lower and _after(lower, rel, _TIMES_OF_DAY) for rel in ("nay", "qua", "kia", "mai", "mốt"))


def _need_rel_period(lower: str) -> bool:
    """ "tuần trước", "tháng tới", "năm nay"."""
    return any(unit in lower and need.search(lower) is not None for unit, need in _NEED_REL_PERIOD.items())


def _need_ago(lower: str) -> bool:
    """ "cách đây 5 năm", "3 ngày trước", "hai tuần về trước"."""
    if "cách" in lower and _NEED_AGO.search(lower) is not None:
        return True
    at = lower.find("trước")
    while at != -1:
        end = _spaced(lower, at)
        if end and lower.endswith("về", 0, end):
            end = _spaced(lower, end - 2) or end
        if end and lower.endswith(_UNITS, 0, end):
            return True
        at = lower.find("trước", at + 1)
    return False


def _need_weekday(lower: str) -> bool:
    """ "thứ Ba", "thứ 3", "Chủ nhật"."""
    return any(need.search(lower) is not None for need in _NEED_WEEKDAY)


def _digits(run: str) -> int:
    """How many digits a run of `_DIGIT_RUN` holds (its separator left out)."""
    return len(run) - (not run[-1].isdigit())


def _finders(text: str) -> list[tuple[re.Pattern, _Finder]]:
    """The finders whose needs `text` holds (see `_FINDERS`), in their order.

    One scan for the runs of digits answers every digit need; plain `in`
    tests of single words come first (most sentences fail them), and only a
    sentence that passes one is searched for that finder's words in their
    order. Straight-line code: this runs on every candidate sentence, and
    on ViMs over half of them need no finder at all.
    """
    lower = text.lower()
    runs = _DIGIT_RUN.findall(text)
    month, year, week = "tháng" in lower, "năm" in lower, "tuần" in lower
    rel = "nay" in lower or "qua" in lower or "kia" in lower or "mai" in lower or "mốt" in lower
    ago = "trước" in lower or "cách" in lower
    weekday = "thứ" in lower or "chủ" in lower
    if not (runs or month or year or week or rel or ago or weekday):
        return []
    # a sentence with a letter that matches more than its lowercase is tested with the single words only
    exact = "\u0130" not in text and "\u0131" not in text and "\u017f" not in text
    found = []
    if runs:
        day_month = slashed = four = century = False
        for k, run in enumerate(runs):
            if run[-1] in "/.-" and len(run) <= 3 and _digits(runs[k + 1]) <= 2:  # (a separator: a run follows)
                day_month = True
                if run[-1] == "/" and k and _digits(runs[k - 1]) <= 2:
                    before = runs[k - 1][-1]  # "13-15/4", or "13 - 15/4", "13 và 14/4" with the digits apart
                    slashed = slashed or before == "-" or before.isdigit() and (
                        "-" in text or "–" in text or "và" in lower or "đến" in lower)
            if len(run) >= 4:
                four = True
                century = century or any(run[j:j + 2] in ("19", "20") for j in range(len(run) - 3))
        if day_month:
            found.append(_RUN[0])
        if slashed:
            found.append(_RUN[1])
        if month and (not exact or _after(lower, "tháng", None)):
            found.append(_RUN[2])
    if month and (not exact or _NEED_MONTH.search(lower) is not None):
        found.append(_RUN[3])
    if runs:
        if four and year and (not exact or _NEED_YEAR.search(lower) is not None):
            found.append(_RUN[4])
        if century and (not exact or _need_bare_year(lower)):
            found.append(_RUN[5])
    if rel and (not exact or _need_rel_day(lower)):
        found.append(_RUN[6])
    if (week or month or year) and (not exact or _need_rel_period(lower)):
        found.append(_RUN[7])
    if ago and (week or month or year or "ngày" in lower) and (not exact or _need_ago(lower)):
        found.append(_RUN[8])
    if weekday and (not exact or _need_weekday(lower)):
        found.append(_RUN[9])
    return found
